// The Judge0-compatible API end to end: a real HTTP server (the judge's ops server with the
// judge0 routes), a real database, a real worker judging in Docker, driven the way Judge0's own
// documentation examples drive Judge0.
import { execSync } from 'node:child_process';
import type http from 'node:http';
import os from 'node:os';
import type { Db } from '@roguelearn/db';
import { createNotifier, type Notifier } from '@roguelearn/db/notify';
import { SUBMISSIONS_CHANNEL } from '@roguelearn/db/queue';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { createLogger, createOpsServer, createRegistry, listen } from '@roguelearn/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LanguageStatus, probeLanguages } from './available';
import { connectDocker } from './docker';
import { ensureHostImage } from './images';
import {
  hashApiKey,
  issueApiKey,
  JUDGE0_STATUSES,
  judge0Routes,
  judge0Status,
  MAX_SOURCE_BYTES,
  type StatusInput,
} from './judge0';
import { startWorker, type Worker } from './worker';

const quiet = createLogger('judge0-test', {}, () => {});
let t: TestDatabase;
let db: Db;
let worker: Worker;
let notifier: Notifier;
let langs: LanguageStatus[] = [];
const servers: http.Server[] = [];
let base = '';
let slowBase = ''; // same API, wait=true gives up after 50 ms
let fullBase = ''; // same API, no room in the queue
const keys = { alice: '', alice2: '', bob: '', revoked: '' };
let aliceId = '';

async function serve(waitTimeoutMs?: number, maxQueued?: number): Promise<string> {
  const server = createOpsServer({
    registry: createRegistry('judge0-test'),
    log: quiet,
    health: () => ({}),
    routes: [
      judge0Routes({
        db,
        languages: () => langs,
        subscribe: (fn) => notifier.subscribe(SUBMISSIONS_CHANNEL, fn),
        waitTimeoutMs,
        maxQueued,
        log: quiet,
      }),
    ],
  });
  servers.push(server);
  const port = await listen(server, 0, '127.0.0.1');
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  const [alice, bob] = await Promise.all(
    ['alice', 'bob'].map((u) => db.user.create({ data: { email: `${u}@example.com`, username: u, displayName: u } })),
  );
  aliceId = alice.id;
  keys.alice = (await issueApiKey(db, { ownerId: alice.id, name: 'ci' })).key;
  keys.alice2 = (await issueApiKey(db, { ownerId: alice.id, name: 'laptop' })).key;
  keys.bob = (await issueApiKey(db, { ownerId: bob.id, name: 'bob' })).key;
  const revoked = await issueApiKey(db, { ownerId: alice.id, name: 'old' });
  await db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
  keys.revoked = revoked.key;

  const docker = connectDocker();
  const hostImage = await ensureHostImage(docker);
  langs = await probeLanguages(docker, 'host');
  const available = new Set(langs.filter((l) => l.available).map((l) => l.language.id));
  worker = startWorker({
    db,
    databaseUrl: t.url,
    workerId: 'judge0-test',
    available,
    concurrency: 2,
    pollMs: 500,
    log: quiet,
    sandbox: {
      docker,
      runtime: 'host',
      hostImage,
      owner: { host: os.hostname(), pid: process.pid, worker: 'judge0-test' },
    },
  });
  notifier = createNotifier(t.url);
  base = await serve();
  slowBase = await serve(50);
  fullBase = await serve(undefined, 0);
}, 180_000);

afterAll(async () => {
  await worker?.stop(10_000);
  await notifier?.close();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  await t?.drop();
});

interface Sub {
  token: string;
  stdout: string | null;
  stderr: string | null;
  compile_output: string | null;
  message: string | null;
  status: { id: number; description: string };
  time: string | null;
  memory: number | null;
  [k: string]: unknown;
}

async function api(
  path: string,
  opts: { method?: string; body?: unknown; key?: string | null; header?: string; url?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = opts.key === undefined ? keys.alice : opts.key;
  if (key) headers[opts.header ?? 'X-Auth-Token'] = key;
  const res = await fetch(`${opts.url ?? base}${path}`, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

async function poll(token: string, query = '', key = keys.alice): Promise<Sub> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const r = await api(`/submissions/${token}${query}`, { key });
    expect(r.status).toBe(200);
    if (r.body.status.id > 2 || Date.now() > deadline) return r.body;
    await new Promise((res) => setTimeout(res, 200));
  }
}

const hello = 'name = input()\nprint(f"hello, {name}")\n';

describe('Judge0 API: reference data', () => {
  it('GET /statuses lists Judge0 statuses by id', async () => {
    const r = await api('/statuses');
    expect(r.status).toBe(200);
    const byId = new Map<number, string>(r.body.map((s: { id: number; description: string }) => [s.id, s.description]));
    expect([...byId.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(byId.get(1)).toBe('In Queue');
    expect(byId.get(3)).toBe('Accepted');
    expect(byId.get(6)).toBe('Compilation Error');
    expect(byId.get(7)).toBe('Runtime Error (SIGSEGV)');
    expect(byId.get(11)).toBe('Runtime Error (NZEC)');
    expect(byId.get(13)).toBe('Internal Error');
  });

  it('GET /languages lists the available languages under Judge0 ids with our real versions', async () => {
    const r = await api('/languages');
    expect(r.status).toBe(200);
    const python = execSync('/usr/bin/python3 --version', { encoding: 'utf8' }).match(/\d+\.\d+\.\d+/)?.[0];
    expect(python).toBeTruthy();
    expect(r.body).toContainEqual({ id: 71, name: `Python (${python})` });
    const gpp = execSync('/usr/bin/g++ -dumpfullversion', { encoding: 'utf8' }).trim();
    expect(r.body).toContainEqual({ id: 54, name: `C++ (GCC ${gpp})` });
    // Exactly the languages the judge probed as available, each once.
    const ids = r.body.map((l: { id: number }) => l.id).sort();
    const expected = langs
      .filter((l) => l.available)
      .map((l) => ({ python3: 71, javascript: 63, typescript: 74, c: 50, cpp: 54, java: 62 })[l.language.id])
      .sort();
    expect(ids).toEqual(expected);
    const one = await api('/languages/71');
    expect(one.body).toMatchObject({ id: 71, source_file: 'main.py', is_archived: false });
    expect((await api('/languages/70')).status).toBe(404); // Python 2 is not offered
  });
});

describe('Judge0 API: authentication and ownership', () => {
  it('refuses requests without a valid, unrevoked key', async () => {
    for (const key of [null, 'not-a-key', keys.revoked]) {
      const r = await api('/submissions', { key, body: { source_code: 'print(1)', language_id: 71 } });
      expect(r.status).toBe(401);
      expect(typeof r.body.error).toBe('string');
      expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts|stack/i);
    }
    expect((await api('/languages', { key: null })).status).toBe(401);
    expect((await api('/authenticate', { method: 'POST', key: 'nope' })).status).toBe(401);
    expect((await api('/authenticate', { method: 'POST' })).status).toBe(200);
  });

  it('accepts X-RapidAPI-Key and records when a key was last used', async () => {
    const r = await api('/statuses', { key: keys.bob, header: 'X-RapidAPI-Key' });
    expect(r.status).toBe(200);
    const row = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(keys.bob) } });
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("lets a key read its owner's API submissions only", async () => {
    const created = await api('/submissions', { body: { source_code: 'print(42)', language_id: 71 } });
    expect(created.status).toBe(201);
    const { token } = created.body;
    expect((await api(`/submissions/${token}`, { key: keys.bob })).status).toBe(404);
    expect((await api(`/submissions/${token}`, { key: keys.alice2 })).status).toBe(200);
    const batch = await api(`/submissions/batch?tokens=${token}`, { key: keys.bob });
    expect(batch.body).toEqual({ submissions: [null] });
    // The submission is Alice's, marked as coming from the API.
    const row = await db.submission.findUniqueOrThrow({ where: { id: token } });
    expect(row).toMatchObject({ userId: aliceId, source: 'api', kind: 'RUN', language: 'python3' });
    // A web submission of the same owner is not reachable through the API.
    const web = await db.submission.create({ data: { userId: aliceId, language: 'python3', code: 'print(1)' } });
    expect((await api(`/submissions/${web.id}`)).status).toBe(404);
    expect((await api('/submissions/not-a-token')).status).toBe(404);
    expect((await poll(token)).stdout).toBe('42\n');
  });
});

describe('Judge0 API: validation', () => {
  it('answers 422 with Judge0-style field errors', async () => {
    const unknown = await api('/submissions', { body: { source_code: 'x', language_id: 150000, stdin: 'world' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.language_id).toEqual(["language with id 150000 doesn't exist"]);
    expect(unknown.body.error).toMatch(/language_id/);

    const blank = await api('/submissions', { body: { source_code: 'print(1)' } });
    expect(blank.status).toBe(422);
    expect(blank.body.language_id).toEqual(["can't be blank"]);

    const big = await api('/submissions', {
      body: { source_code: `# ${'x'.repeat(MAX_SOURCE_BYTES)}\n`, language_id: 71 },
    });
    expect(big.status).toBe(422);
    expect(big.body.source_code[0]).toMatch(/too long/);

    const limits = await api('/submissions', {
      body: { source_code: 'print(1)', language_id: '71', cpu_time_limit: 100 },
    });
    expect(limits.status).toBe(422);
    expect(limits.body.cpu_time_limit).toEqual(['must be less than or equal to 15']);

    const callback = await api('/submissions', {
      body: { source_code: 'print(1)', language_id: 71, callback_url: 'http://example.com' },
    });
    expect(callback.status).toBe(422);

    const fields = await api('/submissions?fields=stdout,bogus', {
      body: { source_code: 'print(1)', language_id: 71 },
    });
    expect(fields.status).toBe(400);
    expect(fields.body.error).toBe('invalid fields: [bogus]');

    const json = await api('/submissions', { body: '{"source_code":' });
    expect(json.status).toBe(400);

    const full = await api('/submissions', { url: fullBase, body: { source_code: 'x', language_id: 71 } });
    expect(full).toEqual({ status: 503, body: { error: 'queue is full' } });
    expect(await db.submission.count({ where: { source: 'api', code: 'x' } })).toBe(0);
  });
});

describe('Judge0 API: judging', () => {
  it('wait=true returns the finished submission: Accepted, or Wrong Answer against expected_output', async () => {
    const run = (expected_output: string) =>
      api('/submissions?wait=true', {
        body: { source_code: hello, language_id: 71, stdin: 'Judge0', expected_output },
      });
    const [ok, trailing, wrong] = await Promise.all([
      run('hello, Judge0'),
      run('hello, Judge0   \n\n'),
      run('hello, judge0'),
    ]);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      stdout: 'hello, Judge0\n',
      stderr: null,
      compile_output: null,
      message: null,
      status: { id: 3, description: 'Accepted' },
    });
    expect(Object.keys(ok.body).sort()).toEqual(
      ['compile_output', 'memory', 'message', 'status', 'stderr', 'stdout', 'time', 'token'].sort(),
    );
    expect(ok.body.time).toMatch(/^\d+\.\d{3}$/);
    expect(ok.body.memory).toBeGreaterThan(0);
    expect(ok.body.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(trailing.body.status.id).toBe(3); // trailing whitespace doesn't count, as in Judge0
    expect(wrong.body).toMatchObject({ stdout: 'hello, Judge0\n', status: { id: 4, description: 'Wrong Answer' } });
  });

  it('creates, then polls until the status id is above 2', async () => {
    const created = await api('/submissions', {
      body: { source_code: 'print(sum(map(int, input().split())))', language_id: 71, stdin: '2 40' },
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(['token']);
    const done = await poll(created.body.token, '?fields=*');
    expect(done).toMatchObject({
      status: { id: 3 },
      status_id: 3,
      stdout: '42\n',
      stdin: '2 40',
      source_code: 'print(sum(map(int, input().split())))',
      language_id: 71,
      exit_code: 0,
      expected_output: null,
    });
    expect((done.language as { id: number; name: string }).name).toMatch(/^Python \(\d/);
    expect(done.finished_at).toBeTruthy();
    const some = await api(`/submissions/${created.body.token}?fields=stdout,status_id,language_id`);
    expect(some.body).toEqual({ stdout: '42\n', status_id: 3, language_id: 71 });
  });

  it('batch create and batch get', async () => {
    const created = await api('/submissions/batch', {
      body: {
        submissions: [
          { source_code: hello, language_id: 71, stdin: 'a', expected_output: 'hello, a' },
          { source_code: 'console.log("x".repeat(3))', language_id: 63, expected_output: 'yyy' },
          { source_code: hello, language_id: 9999 },
        ],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toHaveLength(3);
    expect(created.body[0].token).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body[1].token).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body[2].language_id).toEqual(["language with id 9999 doesn't exist"]);
    const tokens = [created.body[0].token, created.body[1].token, '00000000-0000-0000-0000-000000000000'];
    const deadline = Date.now() + 45_000;
    let got: { submissions: (Sub | null)[] };
    for (;;) {
      const r = await api(`/submissions/batch?tokens=${tokens.join(',')}&fields=token,stdout,status`);
      expect(r.status).toBe(200);
      got = r.body;
      if (got.submissions.slice(0, 2).every((s) => s && s.status.id > 2) || Date.now() > deadline) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    expect(got.submissions[0]).toEqual({
      token: tokens[0],
      stdout: 'hello, a\n',
      status: { id: 3, description: 'Accepted' },
    });
    expect(got.submissions[1]).toEqual({
      token: tokens[1],
      stdout: 'xxx\n',
      status: { id: 4, description: 'Wrong Answer' },
    });
    expect(got.submissions[2]).toBeNull();
    expect((await api('/submissions/batch?tokens=')).status).toBe(400);
  });

  it('base64_encoded=true round-trips source, stdin and output', async () => {
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
    const stdin = 'héllo ✓\n';
    const r = await api('/submissions?base64_encoded=true&wait=true', {
      body: {
        source_code: b64('import sys\nsys.stdout.write(sys.stdin.read().upper())\n'),
        language_id: 71,
        stdin: b64(stdin),
        expected_output: b64('HÉLLO ✓'),
      },
    });
    expect(r.status).toBe(201);
    expect(r.body.status.id).toBe(3);
    expect(Buffer.from(r.body.stdout, 'base64').toString('utf8')).toBe('HÉLLO ✓\n');
    const plain = await api(`/submissions/${r.body.token}?fields=stdout,stdin`);
    expect(plain.body).toEqual({ stdout: 'HÉLLO ✓\n', stdin });
    const encoded = await api(`/submissions/${r.body.token}?fields=stdin&base64_encoded=true`);
    expect(encoded.body.stdin).toBe(b64(stdin));
  });

  it('a compilation error is status 6 with compile_output', async () => {
    const r = await api('/submissions?wait=true', {
      body: { source_code: '#include <cstdio>\nint main() { printf("hi") return 0; }\n', language_id: 54 },
    });
    expect(r.status).toBe(201);
    expect(r.body.status).toEqual({ id: 6, description: 'Compilation Error' });
    expect(r.body.compile_output).toMatch(/error/);
    expect(r.body.stdout).toBeNull();
    expect(r.body.time).toBeNull();
  });

  it('a non-zero exit is a runtime error (NZEC, 11); a run over cpu_time_limit is 5', async () => {
    const [nzec, slow, cpp] = await Promise.all([
      api('/submissions?wait=true&fields=*', {
        body: { source_code: 'import sys\nprint("partial")\nsys.exit(3)\n', language_id: 71 },
      }),
      api('/submissions?wait=true', {
        body: {
          source_code:
            'import time\nt = time.process_time()\nwhile time.process_time() - t < 0.6: pass\nprint("done")\n',
          language_id: 71,
          cpu_time_limit: 0.2,
        },
      }),
      api('/submissions?wait=true', {
        body: { source_code: '#include <cstdio>\nint main() { puts("ok"); return 0; }\n', language_id: 54 },
      }),
    ]);
    expect(nzec.body.status).toEqual({ id: 11, description: 'Runtime Error (NZEC)' });
    expect(nzec.body.stdout).toBe('partial\n');
    expect(nzec.body.message).toMatch(/non-zero|status 3/);
    expect(slow.body.status).toEqual({ id: 5, description: 'Time Limit Exceeded' });
    expect(Number(slow.body.time)).toBeGreaterThan(0.2);
    expect(cpp.body).toMatchObject({ status: { id: 3 }, stdout: 'ok\n' });
  });

  it('wait=true gives up after its timeout and returns the submission as it is', async () => {
    const r = await api('/submissions?wait=true', {
      url: slowBase,
      body: { source_code: 'import time\ntime.sleep(1)\nprint("late")\n', language_id: 71 },
    });
    expect(r.status).toBe(201);
    expect([1, 2]).toContain(r.body.status.id);
    expect(r.body.stdout).toBeNull();
    expect((await poll(r.body.token)).stdout).toBe('late\n');
  });
});

describe('judge0Status mapping', () => {
  const done = (over: Partial<StatusInput>): StatusInput => ({
    status: 'DONE',
    verdict: null,
    stdout: 'x\n',
    timeMs: 10,
    memoryKb: 1000,
    compileOutput: null,
    expectedOutput: null,
    ...over,
  });
  it('maps signals and exit codes as Judge0 does', () => {
    const re = (signal: number | null, exitCode: number | null) =>
      judge0Status(done({ verdict: 'RE', signal, exitCode })).id;
    expect(re(11, null)).toBe(7);
    expect(re(25, null)).toBe(8);
    expect(re(8, null)).toBe(9);
    expect(re(6, null)).toBe(10);
    expect(re(9, null)).toBe(12);
    expect(re(0, 1)).toBe(11);
    expect(re(null, null)).toBe(11);
  });
  it('maps the other verdicts and queue states', () => {
    expect(judge0Status(done({ status: 'QUEUED' })).id).toBe(1);
    expect(judge0Status(done({ status: 'RUNNING' })).id).toBe(2);
    expect(judge0Status(done({ verdict: 'TLE' })).id).toBe(5);
    expect(judge0Status(done({ verdict: 'CE' })).id).toBe(6);
    expect(judge0Status(done({ verdict: 'OLE' })).id).toBe(8);
    expect(judge0Status(done({ verdict: 'MLE' })).id).toBe(12);
    const ie = judge0Status(done({ verdict: 'IE', compileOutput: 'language gone' }));
    expect(ie).toMatchObject({ id: 13, message: 'language gone' });
    expect(judge0Status(done({ memoryKb: 5000, memoryLimitKb: 4000 })).id).toBe(12);
    expect(judge0Status(done({ expectedOutput: 'x' })).id).toBe(3);
    expect(judge0Status(done({ expectedOutput: 'y' })).id).toBe(4);
    // A 4 KiB head of stdout means more output than any accepted expected_output.
    expect(judge0Status(done({ stdout: 'x'.repeat(4096), expectedOutput: 'x'.repeat(4095) })).id).toBe(4);
  });
  it('lists every status id it can produce', () => {
    expect(JUDGE0_STATUSES.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });
});
