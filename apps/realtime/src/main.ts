import { createLogger, listen, onShutdown } from '@roguelearn/service';
import { createRealtimeServer } from './server';

const log = createLogger('realtime');
const secret = process.env.AUTH_JWT_SECRET;
if (!secret) {
  log.error('AUTH_JWT_SECRET is required: room tokens are signed with it by the web app');
  process.exit(1);
}
const { server, close } = createRealtimeServer({ secret: new TextEncoder().encode(secret), log });
const port = await listen(server, Number(process.env.REALTIME_PORT ?? 1234), process.env.REALTIME_HOST ?? '0.0.0.0');
log.info('listening', { port });
onShutdown(log, close);
