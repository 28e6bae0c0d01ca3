// Judge benchmark (prints numbers; not a test). For a 20-test Python and a 20-test C++
// submission: median wall time per submission and per test for
//   (a) our judge: one container per submission, the harness runs every test inside it;
//   (b) naive: a new container per test (compiled once beforehand);
//   (c) direct: the same programs run on the host with no sandbox at all;
// then submissions per second through the real queue with 1 and 2 workers.
// usage: npm run bench -w @roguelearn/judge [-- --runs 5 --queue 40]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPrisma } from '@roguelearn/db';
import { ensureDatabase, startEmbeddedPostgres } from '@roguelearn/db/embedded';
import { migrateDeploy } from '@roguelearn/db/migrate';
import { enqueueSubmission } from '@roguelearn/db/queue';
import { createLogger } from '@roguelearn/service';
import { connectDocker } from '../src/docker';
import { ensureHostImage } from '../src/images';
import { hostMounts, languageById } from '../src/languages';
import { runInSandbox, type SandboxOptions } from '../src/sandbox';
import { startWorker } from '../src/worker';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 5);
const QUEUE = arg('queue', 40);
const TESTS = 20;

const programs = {
  python3: 'import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\n',
  cpp: '#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<"\\n";}\n',
};
const tests = Array.from({ length: TESTS }, (_, i) => ({
  id: String(i),
  input: `${i * 7} ${i * 13}\n`,
  expected: `${i * 20}\n`,
}));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const docker = connectDocker();
const hostImage = await ensureHostImage(docker);
const sandbox: SandboxOptions = {
  docker,
  runtime: 'host',
  hostImage,
  owner: { host: os.hostname(), pid: process.pid, worker: 'bench' },
};

async function ours(lang: 'python3' | 'cpp', count = TESTS): Promise<number> {
  const t0 = performance.now();
  let ac = 0;
  await runInSandbox(
    sandbox,
    {
      language: languageById(lang)!,
      source: programs[lang],
      tests: tests.slice(0, count),
      cpuMs: 2000,
      memoryKb: 262144,
      checker: { kind: 'tokens' },
      stopOnFail: false,
    },
    (e) => {
      if (e.type === 'test' && e.verdict === 'AC') ac++;
    },
  );
  if (ac !== count) throw new Error(`ours: ${ac}/${count} AC`);
  return performance.now() - t0;
}

/** Compiles (C++) on the host into `dir`; returns the command that runs the program. */
function prepare(lang: 'python3' | 'cpp', dir: string): string[] {
  if (lang === 'python3') {
    fs.writeFileSync(path.join(dir, 'main.py'), programs.python3);
    return ['/usr/bin/python3', path.join(dir, 'main.py')];
  }
  fs.writeFileSync(path.join(dir, 'main.cpp'), programs.cpp);
  execFileSync('/usr/bin/g++', ['-O2', '-std=c++17', '-o', path.join(dir, 'main'), path.join(dir, 'main.cpp')]);
  return [path.join(dir, 'main')];
}

async function naive(lang: 'python3' | 'cpp', dir: string): Promise<number> {
  const cmd = prepare(lang, dir);
  const t0 = performance.now();
  for (const t of tests) {
    const container = await docker.createContainer({
      Image: hostImage,
      Entrypoint: ['/bin/sh', '-c', `echo '${t.input.trim()}' | ${cmd.join(' ')}`],
      User: '65534:65534',
      NetworkDisabled: true,
      HostConfig: {
        NetworkMode: 'none',
        ReadonlyRootfs: true,
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        PidsLimit: 64,
        Memory: 256 * 1024 * 1024,
        MemorySwap: 256 * 1024 * 1024,
        NanoCpus: 1e9,
        Binds: [...hostMounts(), `${dir}:${dir}:ro`],
      },
    });
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    let out = '';
    stream.on('data', (d: Buffer) => {
      out += d.subarray(8).toString();
    });
    await container.start();
    await container.wait();
    await container.remove({ force: true });
    if (out.trim() !== t.expected.trim()) throw new Error(`naive: got ${JSON.stringify(out)}`);
  }
  return performance.now() - t0;
}

function direct(lang: 'python3' | 'cpp', dir: string): number {
  const cmd = prepare(lang, dir);
  const t0 = performance.now();
  for (const t of tests) {
    const r = spawnSync(cmd[0], cmd.slice(1), { input: t.input, encoding: 'utf8' });
    if (r.stdout.trim() !== t.expected.trim()) throw new Error('direct: wrong output');
  }
  return performance.now() - t0;
}

const rows: string[][] = [];
for (const lang of ['python3', 'cpp'] as const) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-bench-'));
  fs.chmodSync(dir, 0o755);
  await ours(lang); // warm-up
  const a: number[] = [];
  const a1: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await ours(lang));
    a1.push(await ours(lang, 1));
    b.push(await naive(lang, dir));
    c.push(direct(lang, dir));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const fmt = (xs: number[]) => [median(xs).toFixed(0), (median(xs) / TESTS).toFixed(1)];
  rows.push([lang, 'ours (container per submission)', ...fmt(a)]);
  // The container's start-up is paid once per submission; what each further test costs is the slope.
  rows.push([lang, 'ours, marginal cost of a test', '', ((median(a) - median(a1)) / (TESTS - 1)).toFixed(1)]);
  rows.push([lang, 'naive (container per test)', ...fmt(b)]);
  rows.push([lang, 'direct (no sandbox)', ...fmt(c)]);
  rows.push([lang, 'naive ÷ ours', (median(b) / median(a)).toFixed(1), '']);
}

console.log(`\nPer submission of ${TESTS} tests, median of ${RUNS} runs (ms)\n`);
console.log('| language | method | ms / submission | ms / test |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);

// Throughput through the real queue: embedded PostgreSQL, enqueue QUEUE submissions, N workers.
const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-bench-pg-'));
const pg = await startEmbeddedPostgres({ dir: path.join(pgDir, 'data'), persistent: false });
await ensureDatabase(pg.urlFor('postgres'), 'bench');
const url = pg.urlFor('bench');
await migrateDeploy(url);
const db = createPrisma(url);
const user = await db.user.create({ data: { email: 'bench@x.io', username: 'bench', displayName: 'Bench' } });
const problem = await db.problem.create({
  data: {
    slug: 'bench-sum',
    title: 'Sum',
    statement: 'Sum',
    difficulty: 'EASY',
    category: 'math',
    status: 'PUBLISHED',
    testCases: { create: tests.map((t, i) => ({ ordinal: i, input: t.input, expectedOutput: t.expected })) },
  },
});
console.log(`\nQueue throughput: ${QUEUE} Python submissions of ${TESTS} tests each\n`);
console.log('| workers | seconds | submissions / s |\n|---|---|---|');
for (const workers of [1, 2]) {
  const ids = await Promise.all(
    Array.from({ length: QUEUE }, () =>
      enqueueSubmission(db, {
        userId: user.id,
        problemId: problem.id,
        language: 'python3',
        code: programs.python3,
      }).then((s) => s.id),
    ),
  );
  const t0 = performance.now();
  const ws = Array.from({ length: workers }, (_, i) =>
    startWorker({
      db,
      databaseUrl: url,
      workerId: `bench-${workers}-${i}`,
      available: new Set(['python3']),
      concurrency: 1,
      pollMs: 100,
      log: createLogger('bench', {}, () => {}),
      sandbox,
    }),
  );
  while ((await db.submission.count({ where: { id: { in: ids }, status: 'DONE' } })) < QUEUE)
    await new Promise((r) => setTimeout(r, 50));
  const secs = (performance.now() - t0) / 1000;
  await Promise.all(ws.map((w) => w.stop()));
  const wrong = await db.submission.count({ where: { id: { in: ids }, NOT: { verdict: 'AC' } } });
  if (wrong) throw new Error(`${wrong} submissions not AC`);
  console.log(`| ${workers} | ${secs.toFixed(1)} | ${(QUEUE / secs).toFixed(2)} |`);
}
await db.$disconnect();
await pg.stop();
fs.rmSync(pgDir, { recursive: true, force: true });
process.exit(0);
