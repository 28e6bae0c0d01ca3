// The judge process. This foundation starts the operational shell (health, metrics, logs,
// shutdown); claiming jobs and running sandboxes arrive with the judge issue.
import { createPrisma } from '@roguelearn/db';
import { createLogger, createOpsServer, createRegistry, listen, onShutdown, promClient } from '@roguelearn/service';
import { connectDocker, dockerStatus } from './docker';

const log = createLogger('judge');
const url = process.env.DATABASE_URL;
if (!url) {
  log.error('DATABASE_URL is required (scripts/start.mjs sets it for the embedded database)');
  process.exit(1);
}
const db = createPrisma(url);
const docker = connectDocker();
const registry = createRegistry('judge');
new promClient.Gauge({
  name: 'judge_queue_depth',
  help: 'Judge jobs waiting to be claimed',
  registers: [registry],
  async collect() {
    this.set(await db.judgeJob.count({ where: { status: 'PENDING' } }));
  },
});

const server = createOpsServer({
  registry,
  log,
  async health() {
    await db.$queryRaw`SELECT 1`;
    const d = await dockerStatus(docker);
    // Docker being down degrades the judge (submissions queue up) but the process is healthy.
    return { db: 'up', docker: d.ok ? `up (${d.version})` : `down: ${d.error}` };
  },
});
const port = await listen(server, Number(process.env.JUDGE_PORT ?? 2358), process.env.JUDGE_HOST ?? '0.0.0.0');
const d = await dockerStatus(docker);
log.info('listening', { port, docker: d.ok ? d.version : null });
if (!d.ok) log.warn('docker engine unreachable; submissions will wait in the queue', { error: d.error });

onShutdown(log, async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await db.$disconnect();
});
