// Runs the whole platform: database (embedded unless DATABASE_URL is set), migrations, seed,
// then web, realtime and judge as child processes. Ctrl-C stops the children, then the database.
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrisma } from '@roguelearn/db';
import { ensureDatabase, startEmbeddedPostgres } from '@roguelearn/db/embedded';
import { migrateDeploy } from '@roguelearn/db/migrate';
import { seed } from '@roguelearn/db/seed';
import { createLogger, onShutdown } from '@roguelearn/service';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = createLogger('platform');
const args = process.argv.slice(2);
const dataDir = path.resolve(root, process.env.ROGUELEARN_DATA_DIR ?? '.data');
const ports = {
  web: Number(process.env.WEB_PORT ?? 3000),
  realtime: Number(process.env.REALTIME_PORT ?? 1234),
  judge: Number(process.env.JUDGE_PORT ?? 2358),
  workers: Number(process.env.WORKERS_PORT ?? 2359),
  postgres: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
};

if (args.includes('--fresh')) fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

/** A secret that survives restarts, so users stay signed in across them. */
function persistentSecret(): string {
  if (process.env.AUTH_JWT_SECRET) return process.env.AUTH_JWT_SECRET;
  const file = path.join(dataDir, 'jwt-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

const started = Date.now();
let stopDb: (() => Promise<void>) | undefined;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const pg = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: ports.postgres });
  stopDb = pg.stop;
  await ensureDatabase(pg.urlFor('postgres'), 'roguelearn');
  databaseUrl = pg.urlFor('roguelearn');
  log.info('embedded postgres started', { port: ports.postgres, dir: path.join(dataDir, 'postgres') });
}

const children = new Map<string, ChildProcess>();
let shuttingDown = false;

async function stopAll(): Promise<void> {
  shuttingDown = true;
  await Promise.all(
    [...children].map(
      ([name, child]) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => {
            log.warn('child did not stop in time, killing', { name });
            child.kill('SIGKILL');
          }, 10_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  await stopDb?.();
}
onShutdown(log, stopAll, 30_000);

try {
  const applied = await migrateDeploy(databaseUrl);
  log.info('migrations', { applied });
  const db = createPrisma(databaseUrl);
  if (args.includes('--seed') || (await db.user.count()) === 0) {
    const summary = await seed(db, (m) => log.info(`seed: ${m}`));
    log.info('seeded', { ...summary });
  }
  await db.$disconnect();
} catch (err) {
  log.error('database setup failed', { err });
  await stopAll();
  process.exit(1);
}

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  AUTH_JWT_SECRET: persistentSecret(),
  WEB_PORT: String(ports.web),
  REALTIME_PORT: String(ports.realtime),
  JUDGE_PORT: String(ports.judge),
  WORKERS_PORT: String(ports.workers),
  NEXT_PUBLIC_REALTIME_URL: process.env.NEXT_PUBLIC_REALTIME_URL ?? `ws://localhost:${ports.realtime}`,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
};
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

function start(name: string, cmd: string, cmdArgs: string[], cwd = root) {
  const child = spawn(cmd, cmdArgs, { cwd, env, stdio: 'inherit' });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    log.error('service exited unexpectedly; stopping the platform', { name, code, signal });
    void stopAll().then(() => process.exit(1));
  });
}

start(
  'web',
  bin('next'),
  ['start', '--port', String(ports.web), '--hostname', process.env.WEB_HOST ?? '0.0.0.0'],
  path.join(root, 'apps/web'),
);
// `node --import tsx`: one process per service, so signals reach the service itself.
start('realtime', process.execPath, ['--import', 'tsx', path.join(root, 'apps/realtime/src/main.ts')]);
start('judge', process.execPath, ['--import', 'tsx', path.join(root, 'apps/judge/src/main.ts')]);
start('workers', process.execPath, ['--import', 'tsx', path.join(root, 'packages/api/scripts/workers.ts')]);

// Announce readiness once the web app answers its health check.
for (let i = 0; i < 120 && !shuttingDown; i++) {
  try {
    const res = await fetch(`http://127.0.0.1:${ports.web}/api/health`);
    if (res.ok) {
      log.info(`RogueLearn is up: http://localhost:${ports.web}`, { ms: Date.now() - started, ports });
      break;
    }
  } catch {}
  await new Promise((r) => setTimeout(r, 500));
}
