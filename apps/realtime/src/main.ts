import { createPgPool } from '@roguelearn/db/pg';
import { createLogger, listen, onShutdown } from '@roguelearn/service';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { createPgPersistence, DEFAULT_COMMIT_INTERVAL_MS } from './persistence';
import { createRealtimeServer } from './server';

const log = createLogger('realtime');
const secret = process.env.AUTH_JWT_SECRET;
if (!secret) {
  log.error('AUTH_JWT_SECRET is required: room tokens are signed with it by the web app');
  process.exit(1);
}
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  log.error('DATABASE_URL is required: room documents are stored in PostgreSQL');
  process.exit(1);
}

/** A number from the environment; unset, empty or not a number leaves the default. */
function numberFromEnv(name: string): number | undefined {
  const env = process.env[name];
  return env !== undefined && env !== '' && Number.isFinite(Number(env)) ? Number(env) : undefined;
}

/** REALTIME_MAX_MESSAGE_BYTES, REALTIME_MESSAGES_PER_SECOND, … override the defaults in limits.ts. */
const limits: Partial<Limits> = {};
for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
  const value = numberFromEnv(`REALTIME_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`);
  if (value !== undefined) limits[key] = value;
}
// Kinds whose update log survives compaction (replay reads it); comma-separated, '' for none.
const keepLogKinds = new Set((process.env.REALTIME_KEEP_LOG ?? 'PAIR_SESSION').split(',').filter(Boolean));

// Appends hold one connection at a time; the others load and compact rooms.
const pool = createPgPool(databaseUrl, 4);
const rt = createRealtimeServer({
  secret: new TextEncoder().encode(secret),
  log,
  persistence: createPgPersistence(pool, {
    commitIntervalMs: numberFromEnv('REALTIME_COMMIT_INTERVAL_MS') ?? DEFAULT_COMMIT_INTERVAL_MS,
  }),
  limits,
  keepLog: (kind) => keepLogKinds.has(kind),
});
const port = await listen(rt.server, Number(process.env.REALTIME_PORT ?? 1234), process.env.REALTIME_HOST ?? '0.0.0.0');
log.info('listening', { port, limits: { ...DEFAULT_LIMITS, ...limits } });
onShutdown(log, async () => {
  await rt.close();
  await pool.end();
});
