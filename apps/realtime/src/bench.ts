// Realtime benchmark (prints numbers; not a test). Runs our server (auth + PostgreSQL persistence)
// and the stock @y/websocket-server (no auth, in-memory) the same way, each as its own process,
// with stock y-websocket clients in this process:
//   1. one room, two clients, sequential edits: propagation latency p50/p99;
//   2. N rooms of two clients each, every writer editing at a fixed rate: latency p50/p99 under load;
//   3. memory per open room (server RSS growth over the N rooms, divided by N);
//   4. ours only: persistence lag (receive → commit) from /metrics, and the ack latency (the
//      writer's push → the saved message covering it) in both scenarios: what durability costs.
// usage: npm run bench -w @roguelearn/realtime [-- --rooms 100 --edits 50 --interval 50 --pair 200
//        --only ours|stock --prof DIR]
// Uses DATABASE_URL's server when set (a fresh database on it), else an embedded PostgreSQL.
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrisma } from '@roguelearn/db';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '@roguelearn/db/embedded';
import { migrateDeploy } from '@roguelearn/db/migrate';
import { signRoomToken } from '@roguelearn/db/room-token';
import { type Client, connect, percentile, synced, until } from './testing';

process.setMaxListeners(0);
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROOMS = arg('rooms', 100);
const EDITS = arg('edits', 50);
const INTERVAL = arg('interval', 50);
const PAIR_EDITS = arg('pair', 200);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SECRET = crypto.randomBytes(32).toString('base64url');
const secret = new TextEncoder().encode(SECRET);

interface Server {
  name: string;
  child: ChildProcess;
  base: string;
  exited: Promise<void>;
}

/** Starts a server process; resolves once its port answers HTTP. */
async function spawnServer(name: string, args: string[], env: Record<string, string>, port: number): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
  let dead = false;
  const exited = new Promise<void>((r) =>
    child.on('exit', () => {
      dead = true;
      r();
    }),
  );
  const base = `ws://127.0.0.1:${port}`;
  await until(
    async () => {
      if (dead) throw new Error(`${name} exited before listening`);
      return fetch(`http://127.0.0.1:${port}/health`).then(
        () => true,
        () => false,
      );
    },
    30_000,
    `${name} to listen`,
  );
  return { name, child, base, exited };
}

/** CPU time (user + system) a process has used, in ms: less noisy than latency on a busy machine. */
const cpuMs = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

const rssMb = (pid: number) => {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : Number.NaN;
};

async function pairOf(server: Server, room: string, auth: boolean): Promise<[Client, Client]> {
  const tok = async (user: string) =>
    auth ? await signRoomToken(secret, { room, userId: user, name: user, permission: 'write' }) : 'none';
  const a = connect(server.base, room, await tok('writer'), { acks: auth });
  const b = connect(server.base, room, await tok('reader'));
  await Promise.all([synced(a.provider), synced(b.provider)]);
  return [a, b];
}

/**
 * Latency of each edit from the writer's push to the reader seeing it, and (with acks) to the
 * writer's saved message covering it.
 */
function track(writer: Client, reader: Client, samples: number[], ackSamples: number[]) {
  const sentAt = new Map<number, number>();
  const messageAt = new Map<number, number>();
  writer.onSaved = (count) => {
    const now = performance.now();
    for (const [message, t0] of messageAt) {
      if (message > count) break;
      ackSamples.push(now - t0);
      messageAt.delete(message);
    }
  };
  reader.doc.getArray<number>('bench').observe((e) => {
    const now = performance.now();
    for (const d of e.changes.delta) {
      for (const i of (d.insert as number[] | undefined) ?? []) {
        const t0 = sentAt.get(i);
        if (t0 !== undefined) samples.push(now - t0);
      }
    }
  });
  return (i: number) => {
    const t0 = performance.now();
    sentAt.set(i, t0);
    writer.doc.getArray<number>('bench').push([i]);
    messageAt.set(writer.sent, t0);
  };
}

const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), n: s.length };
};

async function run(server: Server, auth: boolean) {
  const result: Record<string, unknown> = { server: server.name };
  // 1. One pair, sequential edits.
  {
    const [a, b] = await pairOf(server, `scratch-pair-${server.name}`, auth);
    const samples: number[] = [];
    const ackSamples: number[] = [];
    const edit = track(a, b, samples, ackSamples);
    for (let i = 0; i < 20; i++) {
      edit(-1 - i);
      await until(() => b.doc.getArray('bench').length === i + 1);
    }
    samples.length = 0; // warm-up done
    if (auth) await until(() => ackSamples.length === 20, 5000, 'warm-up acks');
    ackSamples.length = 0;
    for (let i = 0; i < PAIR_EDITS; i++) {
      edit(i);
      await until(() => samples.length === i + 1, 5000);
    }
    result.pair = fmt(samples);
    if (auth) {
      await until(() => ackSamples.length === PAIR_EDITS, 5000, 'every ack');
      result.pairAck = fmt(ackSamples);
    }
    a.provider.destroy();
    b.provider.destroy();
  }
  // 2–3. N rooms, memory, then load.
  const before = rssMb(server.child.pid as number);
  const pairs: [Client, Client][] = [];
  const filler = 'x'.repeat(2000);
  for (let r = 0; r < ROOMS; r++) {
    const p = await pairOf(server, `scratch-load-${server.name}-${r}`, auth);
    p[0].doc.getText('code').insert(0, filler);
    pairs.push(p);
  }
  await until(() => pairs.every(([, b]) => b.doc.getText('code').length === filler.length), 30_000);
  await new Promise((r) => setTimeout(r, 500));
  result.memoryPerRoomKb = Math.round(((rssMb(server.child.pid as number) - before) * 1024) / ROOMS);
  const samples: number[] = [];
  const ackSamples: number[] = [];
  const cpuBefore = cpuMs(server.child.pid as number);
  await Promise.all(
    pairs.map(async ([a, b], r) => {
      const edit = track(a, b, samples, ackSamples);
      await new Promise((res) => setTimeout(res, (r * INTERVAL) / ROOMS));
      for (let i = 0; i < EDITS; i++) {
        edit(i);
        await new Promise((res) => setTimeout(res, INTERVAL));
      }
    }),
  );
  await until(() => samples.length === ROOMS * EDITS, 30_000, 'every edit to arrive');
  result.load = fmt(samples);
  result.cpuUsPerEdit = Math.round(((cpuMs(server.child.pid as number) - cpuBefore) * 1000) / (ROOMS * EDITS));
  if (auth) {
    await until(() => ackSamples.length === ROOMS * EDITS, 30_000, 'every ack');
    result.loadAck = fmt(ackSamples);
  }
  for (const [a, b] of pairs) {
    a.provider.destroy();
    b.provider.destroy();
  }
  if (auth) {
    const metrics = await (await fetch(`${server.base.replace('ws', 'http')}/metrics`)).text();
    const num = (re: RegExp) => Number(metrics.match(re)?.[1] ?? Number.NaN);
    const count = num(/realtime_persistence_lag_seconds_count\{[^}]*\} (\S+)/);
    const sum = num(/realtime_persistence_lag_seconds_sum\{[^}]*\} (\S+)/);
    // The histogram's p50/p99 as the upper bound of the bucket they fall in.
    const buckets = [...metrics.matchAll(/realtime_persistence_lag_seconds_bucket\{le="([^"]+)"[^}]*\} (\S+)/g)].map(
      (m) => ({ le: Number(m[1]), n: Number(m[2]) }),
    );
    const q = (p: number) => buckets.find((b) => b.n >= p * count)?.le;
    result.persistenceLagMs = {
      mean: +((sum / count) * 1000).toFixed(2),
      p50UpTo: (q(0.5) ?? Number.NaN) * 1000,
      p99UpTo: (q(0.99) ?? Number.NaN) * 1000,
      n: count,
    };
  }
  return result;
}

// ── main ──
let stopPg: (() => Promise<void>) | undefined;
let adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  const pg = await startEmbeddedPostgres({
    dir: path.join(os.tmpdir(), `rl-rt-bench-${process.pid}`),
    persistent: false,
  });
  adminUrl = pg.urlFor('postgres');
  stopPg = pg.stop;
}
const dbName = `realtime_bench_${crypto.randomBytes(3).toString('hex')}`;
await ensureDatabase(adminUrl, dbName);
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
await migrateDeploy(dbUrl);

const results: Record<string, unknown>[] = [];
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
// --prof DIR: V8 CPU profiles of the server processes (open in Chrome DevTools).
const prof = process.argv.includes('--prof')
  ? [`--cpu-prof`, `--cpu-prof-dir=${process.argv[process.argv.indexOf('--prof') + 1]}`]
  : [];
for (const kind of (['ours', 'stock'] as const).filter((k) => !only || k === only)) {
  const port = await freePort();
  const server =
    kind === 'ours'
      ? await spawnServer(
          'ours',
          [...prof, '--import', 'tsx', 'apps/realtime/src/main.ts'],
          {
            DATABASE_URL: dbUrl,
            AUTH_JWT_SECRET: SECRET,
            REALTIME_PORT: String(port),
            REALTIME_HOST: '127.0.0.1',
            LOG_LEVEL: 'warn',
          },
          port,
        )
      : await spawnServer(
          'stock',
          [...prof, 'node_modules/@y/websocket-server/src/server.js'],
          { HOST: '127.0.0.1', PORT: String(port) },
          port,
        );
  try {
    results.push(await run(server, kind === 'ours'));
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}
if (stopPg) await stopPg();
else {
  const admin = createPrisma(adminUrl);
  await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.$disconnect();
}

const ms = (x: unknown) => {
  const v = x as { p50: number; p99: number; n: number };
  return `p50 ${v.p50.toFixed(2)} ms, p99 ${v.p99.toFixed(2)} ms (n=${v.n})`;
};
console.log(
  `\nrealtime benchmark: ${os.cpus().length} cores, ${ROOMS} rooms × 2 clients, ${EDITS} edits/room every ${INTERVAL} ms`,
);
for (const r of results) {
  console.log(`\n${r.server}`);
  console.log(`  one pair, ${PAIR_EDITS} sequential edits: ${ms(r.pair)}`);
  console.log(`  ${ROOMS} rooms under load:                ${ms(r.load)}`);
  console.log(`  memory per open room:                 ${r.memoryPerRoomKb} KB`);
  console.log(`  server CPU per edit under load:       ${r.cpuUsPerEdit} µs`);
  if (r.pairAck) console.log(`  saved ack, one pair:                  ${ms(r.pairAck)}`);
  if (r.loadAck) console.log(`  saved ack, ${ROOMS} rooms under load:     ${ms(r.loadAck)}`);
  if (r.persistenceLagMs) console.log(`  persistence lag:                      ${JSON.stringify(r.persistenceLagMs)}`);
}
const [ours, stock] = results as { load: { p99: number }; pair: { p99: number } }[];
if (stock)
  console.log(
    `\nratio ours/stock p99: pair ${(ours.pair.p99 / stock.pair.p99).toFixed(2)}x, load ${(ours.load.p99 / stock.load.p99).toFixed(2)}x`,
  );
process.exit(0);
