// The judge end to end on real PostgreSQL and Docker: queue → worker → sandbox → verdict.
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { enqueueSubmission } from '@roguelearn/db/queue';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { createLogger } from '@roguelearn/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDocker } from './docker';
import { ensureHostImage } from './images';
import { CONTAINER_LABEL, type SandboxOptions } from './sandbox';
import { startWorker, type Worker } from './worker';

const docker = connectDocker();
const log = createLogger('judge-test', {}, () => {});
let t: TestDatabase;
let sandbox: SandboxOptions;
let userId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  sandbox = {
    docker,
    runtime: 'host',
    hostImage: await ensureHostImage(docker),
    owner: { host: os.hostname(), pid: process.pid, worker: 'worker-test' },
  };
  userId = (await t.db.user.create({ data: { email: 'w@x.io', username: 'w', displayName: 'W' } })).id;
}, 180_000);
afterAll(() => t.drop());

const available = new Set(['python3', 'cpp', 'c', 'javascript', 'typescript', 'java']);

function worker(id: string, extra: { leaseMs?: number; onJudged?: (submissionId: string) => void } = {}): Worker {
  return startWorker({
    db: t.db,
    databaseUrl: t.url,
    workerId: id,
    available,
    concurrency: 1,
    leaseMs: extra.leaseMs ?? 10_000,
    pollMs: 200,
    log,
    sandbox: { ...sandbox, owner: { ...sandbox.owner, worker: id } },
    onJudged: (_o, job) => extra.onJudged?.(job.submissionId),
  });
}

async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function problem(slug: string, opts: { groups?: boolean; perTestSleep?: number } = {}) {
  const p = await t.db.problem.create({
    data: {
      slug,
      title: slug,
      statement: 'Add two numbers.',
      difficulty: 'EASY',
      category: 'math',
      status: 'PUBLISHED',
      timeLimitMs: 2000,
    },
  });
  const groups = opts.groups
    ? await Promise.all([
        t.db.testGroup.create({ data: { problemId: p.id, name: 'small', ordinal: 0, weight: 30 } }),
        t.db.testGroup.create({ data: { problemId: p.id, name: 'large', ordinal: 1, weight: 70 } }),
      ])
    : [];
  const cases = [
    { input: '1 2\n', out: '3\n', sample: true, group: 0 },
    { input: '5 5\n', out: '10\n', sample: false, group: 0 },
    { input: '1000000000 1000000000\n', out: '2000000000\n', sample: false, group: 1 },
    { input: '-4 4\n', out: '0\n', sample: false, group: 1 },
  ];
  for (const [i, c] of cases.entries()) {
    await t.db.testCase.create({
      data: {
        problemId: p.id,
        ordinal: i * 10,
        input: c.input,
        expectedOutput: c.out,
        isSample: c.sample,
        groupId: groups[c.group]?.id ?? null,
      },
    });
  }
  return p;
}

const python = {
  ok: 'a, b = map(int, input().split())\nprint(a + b)\n',
  // Right only while the numbers are small: fails the "large" group.
  smallOnly: 'a, b = map(int, input().split())\nprint(a + b if abs(a) < 100 else 0)\n',
  slow: 'import time\na, b = map(int, input().split())\ntime.sleep(0.6)\nprint(a + b)\n',
};

describe('judging a submission', () => {
  it('writes per-test results live, hides hidden outputs, and scores groups', async () => {
    const p = await problem('sum-groups', { groups: true });
    const w = worker('w-groups');
    try {
      const sub = await enqueueSubmission(t.db, {
        userId,
        problemId: p.id,
        language: 'python3',
        code: python.smallOnly,
      });
      const done = await until(() =>
        t.db.submission.findFirst({
          where: { id: sub.id, status: 'DONE' },
          include: { results: { orderBy: { ordinal: 'asc' } } },
        }),
      );
      expect(done.verdict).toBe('WA');
      expect(done.score).toBe(30);
      expect(done.testsPassed).toBe(3);
      expect(done.testsTotal).toBe(4);
      expect(done.results.map((r) => r.verdict)).toEqual(['AC', 'AC', 'WA', 'AC']);
      expect(done.results[0].stdout).toBe('3\n');
      expect(done.results.slice(1).every((r) => r.stdout === null && r.stderr === null)).toBe(true);

      const ok = await enqueueSubmission(t.db, { userId, problemId: p.id, language: 'python3', code: python.ok });
      const accepted = await until(() => t.db.submission.findFirst({ where: { id: ok.id, status: 'DONE' } }));
      expect(accepted).toMatchObject({ verdict: 'AC', score: 100, testsPassed: 4 });
    } finally {
      await w.stop();
    }
  });

  it('runs custom input and returns stdout without a verdict', async () => {
    const w = worker('w-run');
    try {
      const sub = await enqueueSubmission(t.db, {
        userId,
        language: 'python3',
        code: 'print(input()[::-1])',
        kind: 'RUN',
        customInput: 'drawer\n',
      });
      const done = await until(() => t.db.submission.findFirst({ where: { id: sub.id, status: 'DONE' } }));
      expect(done).toMatchObject({ verdict: null, stdout: 'reward\n' });
      const ce = await enqueueSubmission(t.db, {
        userId,
        language: 'cpp',
        code: 'int main( {',
        kind: 'RUN',
        customInput: '',
      });
      const failed = await until(() => t.db.submission.findFirst({ where: { id: ce.id, status: 'DONE' } }));
      expect(failed.verdict).toBe('CE');
      expect(failed.compileOutput).toMatch(/error/);
    } finally {
      await w.stop();
    }
  });

  it('gives an unavailable language an internal-error verdict instead of failing forever', async () => {
    const w = worker('w-lang');
    try {
      const sub = await enqueueSubmission(t.db, {
        userId,
        language: 'cobol',
        code: 'DISPLAY "HI".',
        kind: 'RUN',
        customInput: '',
      });
      const done = await until(() => t.db.submission.findFirst({ where: { id: sub.id, status: 'DONE' } }));
      expect(done.verdict).toBe('IE');
      expect(done.compileOutput).toMatch(/not available/);
    } finally {
      await w.stop();
    }
  });
});

describe('reliability', () => {
  const mainTs = path.resolve(__dirname, 'main.ts');
  // `node --import tsx` rather than the tsx binary: one process, so SIGKILL really kills the worker.
  const spawnJudge = (port: number): ChildProcess =>
    spawn(process.execPath, ['--import', 'tsx', mainTs], {
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        JUDGE_PORT: String(port),
        JUDGE_CONCURRENCY: '1',
        JUDGE_LEASE_MS: '3000',
        JUDGE_POLL_MS: '200',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });

  it('finishes a submission whose worker was killed with SIGKILL mid-judging, with exactly one verdict', async () => {
    const p = await problem('sum-slow');
    const sub = await enqueueSubmission(t.db, { userId, problemId: p.id, language: 'python3', code: python.slow });
    const first = spawnJudge(0);
    // Wait until the first worker is judging (some tests done, not all), then kill it outright.
    await until(() =>
      t.db.submissionTestResult.count({ where: { submissionId: sub.id } }).then((n) => n >= 1 && n < 4),
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const orphan = await docker.listContainers({
      all: true,
      filters: { label: [`${CONTAINER_LABEL}.pid=${first.pid}`] },
    });

    const second = spawnJudge(0);
    try {
      const done = await until(() => t.db.submission.findFirst({ where: { id: sub.id, status: 'DONE' } }), 90_000);
      expect(done.verdict).toBe('AC');
      const job = await t.db.judgeJob.findUniqueOrThrow({ where: { submissionId: sub.id } });
      expect(job).toMatchObject({ status: 'DONE', attempts: 2 });
      expect(await t.db.submissionTestResult.count({ where: { submissionId: sub.id } })).toBe(4);
      // The dead worker's container is gone: removed at the next start on this host.
      if (orphan.length) {
        await until(
          async () =>
            (await docker.listContainers({ all: true, filters: { label: [`${CONTAINER_LABEL}.pid=${first.pid}`] } }))
              .length === 0,
          30_000,
        );
      }
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
  });

  it('judges 300 submissions queued at once by 2 workers exactly once each', async () => {
    const p = await t.db.problem.create({
      data: {
        slug: 'echo-300',
        title: 'echo',
        statement: 'echo',
        difficulty: 'EASY',
        category: 'io',
        status: 'PUBLISHED',
        testCases: { create: [{ ordinal: 0, input: '7\n', expectedOutput: '7\n' }] },
      },
    });
    // Queued in concurrent bursts of 30 (a class pressing Submit together), all before any worker runs.
    const ids: string[] = [];
    for (let start = 0; start < 300; start += 30) {
      const burst = await Promise.all(
        Array.from({ length: 30 }, (_, k) =>
          enqueueSubmission(t.db, {
            userId,
            problemId: p.id,
            language: 'python3',
            code: (start + k) % 10 === 0 ? 'print(8)' : 'print(input())',
          }).then((s) => s.id),
        ),
      );
      ids.push(...burst);
    }
    const judgedBy = new Map<string, number>();
    const count = (id: string) => judgedBy.set(id, (judgedBy.get(id) ?? 0) + 1);
    const workers = [worker('bulk-1', { onJudged: count }), worker('bulk-2', { onJudged: count })];
    try {
      await until(
        () => t.db.submission.count({ where: { id: { in: ids }, status: 'DONE' } }).then((n) => n === 300),
        400_000,
      );
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(judgedBy.size).toBe(300);
    expect([...judgedBy.values()].every((n) => n === 1)).toBe(true);
    expect(await t.db.submission.count({ where: { id: { in: ids }, verdict: 'AC' } })).toBe(270);
    expect(await t.db.submission.count({ where: { id: { in: ids }, verdict: 'WA' } })).toBe(30);
    expect(
      await t.db.judgeJob.count({ where: { submissionId: { in: ids }, NOT: { status: 'DONE', attempts: 1 } } }),
    ).toBe(0);
  }, 600_000);
});
