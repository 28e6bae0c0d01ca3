// The background-workers process (started by `npm start` beside web, realtime and judge).
import { createPrisma } from '@roguelearn/db';
import { createNotifier } from '@roguelearn/db/notify';
import { createLogger, createOpsServer, createRegistry, listen, onShutdown } from '@roguelearn/service';
import { startBackgroundWorkers } from '../src/workers';

const log = createLogger('workers');
const url = process.env.DATABASE_URL;
if (!url) {
  log.error('DATABASE_URL is required');
  process.exit(1);
}
const db = createPrisma(url);
const notifier = createNotifier(url, (err) => log.warn('listen connection error', { err }));
const workers = startBackgroundWorkers({ db, notifier, log });
const server = createOpsServer({
  registry: createRegistry('workers'),
  log,
  async health() {
    await db.$queryRaw`SELECT 1`;
    return { db: 'up' };
  },
});
const port = await listen(server, Number(process.env.WORKERS_PORT ?? 2359), process.env.WORKERS_HOST ?? '127.0.0.1');
log.info('background workers running', { port });
onShutdown(log, async () => {
  await workers.stop();
  await new Promise<void>((r) => server.close(() => r()));
  await notifier.close();
  await db.$disconnect();
});
