// Realtime benchmark (prints numbers; not a test). Runs our server (auth + PostgreSQL persistence)
// and the stock @y/websocket-server (no auth, in-memory) the same way, each as its own process,
// with stock y-websocket clients in this process:
//   1. memory per open room (server RSS growth over N rooms of two clients, divided by N, each
//      after a full GC);
//   2. those N rooms, every writer editing at a fixed rate: latency p50/p99 under load (each
//      room's first edits are the warm-up, reported apart);
//   3. one room, two clients, sequential edits: propagation latency p50/p99;
//   4. ours only: persistence lag (receive → commit) from /metrics, and the ack latency (the
//      writer's push → the saved message covering it) in both scenarios: what durability costs.
// Rounds alternate which server goes first; the verdict compares all rounds' samples pooled.
// usage: npm run bench -w @roguelearn/realtime [-- --rounds 3 --rooms 100 --warmup 20 --edits 50
//        --interval 50 --pair 1000 --only ours|stock --prof DIR]
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
const PAIR_EDITS = arg('pair', 1000);
const WARMUP = arg('warmup', 20);
const ROUNDS = arg('rounds', 3);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SECRET = crypto.randomBytes(32).toString('base64url');
const secret = new TextEncoder().encode(SECRET);

interface Server {
  name: string;
  memoryFile: string;
  child: ChildProcess;
  base: string;
  exited: Promise<void>;
}

/** Starts a server process; resolves once its port answers HTTP. */
async function spawnServer(name: string, args: string[], env: Record<string, string>, port: number): Promise<Server> {
  const memoryFile = path.join(os.tmpdir(), `rl-rt-bench-memory-${process.pid}-${name}.json`);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, BENCH_MEMORY_FILE: memoryFile },
    stdio: 'inherit',
  });
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
  return { name, memoryFile, child, base, exited };
}

/** CPU time (user + system) a process has used, in ms: less noisy than latency on a busy machine. */
const cpuMs = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

/** CPU of every PostgreSQL process on this machine (0 when the database is elsewhere). */
const pgCpuMs = () => {
  let total = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(Number(pid));
    } catch {}
  }
  return total;
};

/** Resident memory, and the live JS heap plus buffers outside it, after a full GC (bench-gc.cjs). */
const memoryMb = async (server: Server) => {
  fs.rmSync(server.memoryFile, { force: true });
  process.kill(server.child.pid as number, 'SIGUSR2');
  await until(() => fs.existsSync(server.memoryFile), 5000, 'the memory report');
  await new Promise((r) => setTimeout(r, 100));
  const m = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  const usage = JSON.parse(fs.readFileSync(server.memoryFile, 'utf8')) as NodeJS.MemoryUsage;
  return { rss: m ? Number(m[1]) / 1024 : Number.NaN, live: (usage.heapUsed + usage.external) / 2 ** 20 };
};
const GC_ON_SIGNAL = [
  '--expose-gc',
  '--require',
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench-gc.cjs'),
];

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

interface Samples {
  pair: number[];
  pairAck: number[];
  warmup: number[];
  load: number[];
  loadAck: number[];
}

async function run(server: Server, auth: boolean, round: number) {
  const samples: Samples = { pair: [], pairAck: [], warmup: [], load: [], loadAck: [] };
  const result: Record<string, number> = {};
  // 1. Memory: N rooms opened on a fresh server, after a few rooms that load the code paths.
  const filler = 'x'.repeat(2000);
  const open = async (name: string, count: number) => {
    const opened: [Client, Client][] = [];
    for (let r = 0; r < count; r++) {
      const p = await pairOf(server, `scratch-${name}-${server.name}-${round}-${r}`, auth);
      p[0].doc.getText('code').insert(0, filler);
      opened.push(p);
    }
    await until(() => opened.every(([, b]) => b.doc.getText('code').length === filler.length), 30_000);
    await new Promise((r) => setTimeout(r, 500));
    return opened;
  };
  const warmRooms = await open('warm', 10);
  const before = await memoryMb(server);
  const pairs = await open('load', ROOMS);
  const after = await memoryMb(server);
  result.memoryPerRoomKb = Math.round(((after.rss - before.rss) * 1024) / ROOMS);
  result.liveMemoryPerRoomKb = Math.round(((after.live - before.live) * 1024) / ROOMS);
  // 2. Load: every room's first WARMUP edits are counted apart (the servers' JIT and buffers
  // settle in them), then EDITS measured ones.
  let cpu = { server: 0, pg: 0, clients: process.cpuUsage(), wall: 0 };
  let warmed = () => {};
  const warmedUp = new Promise<void>((r) => {
    warmed = r;
  });
  let warming = ROOMS;
  await Promise.all(
    pairs.map(async ([a, b], r) => {
      let edit = track(a, b, samples.warmup, []);
      await new Promise((res) => setTimeout(res, (r * INTERVAL) / ROOMS));
      for (let i = 0; i < WARMUP + EDITS; i++) {
        if (i === WARMUP) {
          if (--warming === 0) {
            cpu = { server: cpuMs(server.child.pid as number), pg: pgCpuMs(), clients: process.cpuUsage(), wall: 0 };
            cpu.wall = performance.now();
            warmed();
          }
          await warmedUp;
          edit = track(a, b, samples.load, samples.loadAck);
        }
        edit(i);
        await new Promise((res) => setTimeout(res, INTERVAL));
      }
    }),
  );
  await until(() => samples.load.length === ROOMS * EDITS, 30_000, 'every edit to arrive');
  const perEdit = (ms: number) => Math.round((ms * 1000) / (ROOMS * EDITS));
  result.cpuUsPerEdit = perEdit(cpuMs(server.child.pid as number) - cpu.server);
  const clients = process.cpuUsage(cpu.clients);
  result.clientCpuUsPerEdit = perEdit((clients.user + clients.system) / 1000);
  result.pgCpuUsPerEdit = perEdit(pgCpuMs() - cpu.pg);
  result.loadSeconds = (performance.now() - cpu.wall) / 1000;
  if (auth) await until(() => samples.loadAck.length === ROOMS * EDITS, 30_000, 'every ack');
  for (const [a, b] of [...warmRooms, ...pairs]) {
    a.provider.destroy();
    b.provider.destroy();
  }
  // 3. One pair, sequential edits, after a warm-up.
  {
    const [a, b] = await pairOf(server, `scratch-pair-${server.name}-${round}`, auth);
    const warm: number[] = [];
    let edit = track(a, b, warm, []);
    for (let i = 0; i < 20; i++) {
      edit(-1 - i);
      await until(() => b.doc.getArray('bench').length === i + 1);
    }
    if (auth) await until(() => a.saved >= a.sent, 5000, 'warm-up acks');
    edit = track(a, b, samples.pair, samples.pairAck);
    for (let i = 0; i < PAIR_EDITS; i++) {
      edit(i);
      await until(() => samples.pair.length === i + 1, 5000);
    }
    if (auth) await until(() => samples.pairAck.length === PAIR_EDITS, 5000, 'every ack');
    a.provider.destroy();
    b.provider.destroy();
  }
  return { result, samples };
}

/** Persistence lag (receive → commit) over the whole run, from our server's /metrics. */
async function persistenceLag(server: Server) {
  const metrics = await (await fetch(`${server.base.replace('ws', 'http')}/metrics`)).text();
  const num = (re: RegExp) => Number(metrics.match(re)?.[1] ?? Number.NaN);
  const count = num(/realtime_persistence_lag_seconds_count\{[^}]*\} (\S+)/);
  const sum = num(/realtime_persistence_lag_seconds_sum\{[^}]*\} (\S+)/);
  // The histogram's p50/p99 as the upper bound of the bucket they fall in.
  const buckets = [...metrics.matchAll(/realtime_persistence_lag_seconds_bucket\{le="([^"]+)"[^}]*\} (\S+)/g)].map(
    (m) => ({ le: Number(m[1]), n: Number(m[2]) }),
  );
  const q = (p: number) => (buckets.find((b) => b.n >= p * count)?.le ?? Number.NaN) * 1000;
  return `mean ${((sum / count) * 1000).toFixed(2)} ms, p50 ≤ ${q(0.5)} ms, p99 ≤ ${q(0.99)} ms (n=${count})`;
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

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
// --prof DIR: V8 CPU profiles of the server processes (open in Chrome DevTools).
const prof = process.argv.includes('--prof')
  ? [`--cpu-prof`, `--cpu-prof-dir=${process.argv[process.argv.indexOf('--prof') + 1]}`]
  : [];
const kinds = (['ours', 'stock'] as const).filter((k) => !only || k === only);
const pooled = Object.fromEntries(
  kinds.map((k) => [k, { pair: [], pairAck: [], warmup: [], load: [], loadAck: [] } as Samples]),
);
const rounds: string[] = [];
const memoryKb = Object.fromEntries(kinds.map((k) => [k, [] as number[]]));
const liveKb = Object.fromEntries(kinds.map((k) => [k, [] as number[]]));
const p99 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    99,
  );
const p50 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which server goes first: whatever the machine does meanwhile hits both alike.
  const order = round % 2 ? [...kinds].reverse() : kinds;
  const line: Record<string, string> = {};
  for (const kind of order) {
    const port = await freePort();
    const server =
      kind === 'ours'
        ? await spawnServer(
            'ours',
            [...prof, ...GC_ON_SIGNAL, '--import', 'tsx', 'apps/realtime/src/main.ts'],
            {
              DATABASE_URL: dbUrl,
              AUTH_JWT_SECRET: SECRET,
              REALTIME_PORT: String(port),
              REALTIME_HOST: '127.0.0.1',
              LOG_LEVEL: 'warn',
              // The sequential pair sends ~200 edits/s, over the per-connection limit set for people.
              REALTIME_MESSAGES_PER_SECOND: '1000',
            },
            port,
          )
        : await spawnServer(
            'stock',
            [...prof, ...GC_ON_SIGNAL, 'node_modules/@y/websocket-server/src/server.js'],
            { HOST: '127.0.0.1', PORT: String(port) },
            port,
          );
    try {
      const { result: r, samples } = await run(server, kind === 'ours', round);
      for (const key of Object.keys(samples) as (keyof Samples)[]) pooled[kind][key].push(...samples[key]);
      memoryKb[kind].push(r.memoryPerRoomKb);
      liveKb[kind].push(r.liveMemoryPerRoomKb);
      const ms = (xs: number[]) => `${p50(xs).toFixed(2)}/${p99(xs).toFixed(2)}`;
      line[kind] =
        `pair ${ms(samples.pair)}  load ${ms(samples.load)}  warm-up ${ms(samples.warmup)}  ` +
        `memory/room ${r.memoryPerRoomKb} KB (live ${r.liveMemoryPerRoomKb} KB)  CPU/edit µs: server ${r.cpuUsPerEdit}, clients ${r.clientCpuUsPerEdit}, ` +
        `PostgreSQL ${r.pgCpuUsPerEdit}` +
        (kind === 'ours'
          ? `  ack pair ${ms(samples.pairAck)} load ${ms(samples.loadAck)}  lag ${await persistenceLag(server)}`
          : '');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }
  rounds.push(...kinds.map((k) => `  round ${round + 1} ${k.padEnd(5)} ${line[k]}`));
}
if (stopPg) await stopPg();
else {
  const admin = createPrisma(adminUrl);
  await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.$disconnect();
}

const ms = (xs: number[]) => `p50 ${p50(xs).toFixed(2)} ms, p99 ${p99(xs).toFixed(2)} ms (n=${xs.length})`;
console.log(
  `\nrealtime benchmark: ${os.cpus().length} cores, ${ROUNDS} rounds; one pair: ${PAIR_EDITS} sequential edits; ` +
    `load: ${ROOMS} rooms × 2 clients, ${WARMUP} warm-up + ${EDITS} measured edits/room every ${INTERVAL} ms`,
);
console.log('latency p50/p99 in ms per round:');
for (const line of rounds) console.log(line);
console.log('all rounds pooled:');
for (const kind of kinds) {
  const s = pooled[kind];
  console.log(
    `  ${kind}\n    one pair:   ${ms(s.pair)}\n    under load: ${ms(s.load)}\n    warm-up:    ${ms(s.warmup)}`,
  );
  if (kind === 'ours') console.log(`    saved ack:  pair ${ms(s.pairAck)}\n                load ${ms(s.loadAck)}`);
}
if (pooled.ours && pooled.stock) {
  const ratio = (k: keyof Samples) => p99(pooled.ours[k]) / p99(pooled.stock[k]);
  console.log(
    `\nratio ours/stock p99: pair ${ratio('pair').toFixed(2)}x, load ${ratio('load').toFixed(2)}x ` +
      `(bar 1.2x: ${ratio('pair') <= 1.2 && ratio('load') <= 1.2 ? 'met' : 'missed'}); warm-up ${ratio('warmup').toFixed(2)}x`,
  );
}
process.exit(0);
