import { createNotifier, type Notifier } from '@roguelearn/db/notify';
import { notifySubmission } from '@roguelearn/db/queue';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../context';
import { createCaller } from '../../root';
import { browser, testAuthConfig } from '../../testing';
import { SUBMISSION_RATE } from './service';

const config = testAuthConfig();
let t: TestDatabase;
let notifier: Notifier;
let problemId: string;
const students: ReturnType<typeof browser>[] = [];
let teacher: ReturnType<typeof browser>;

beforeAll(async () => {
  t = await createTestDatabase();
  notifier = createNotifier(t.url);
  const p = await t.db.problem.create({
    data: {
      slug: 'sum',
      title: 'Sum',
      statement: 'Add.',
      difficulty: 'EASY',
      category: 'math',
      status: 'PUBLISHED',
      testCases: {
        create: [
          { ordinal: 0, input: '1 2\n', expectedOutput: '3\n', isSample: true },
          { ordinal: 1, input: 'SECRET-INPUT\n', expectedOutput: 'SECRET-OUTPUT\n' },
        ],
      },
    },
  });
  problemId = p.id;
  for (const name of ['ana', 'bob']) {
    const b = browser(t.db, config);
    await b.run((c) =>
      c.auth.signUp({ email: `${name}@x.io`, username: name, displayName: name, password: 'password-123' }),
    );
    students.push(b);
  }
  teacher = browser(t.db, config);
  const { user } = await teacher.run((c) =>
    c.auth.signUp({ email: 'teach@x.io', username: 'teach', displayName: 'T', password: 'password-123' }),
  );
  await t.db.user.update({ where: { id: user.id }, data: { role: 'INSTRUCTOR' } });
});
afterAll(async () => {
  await notifier.close();
  await t.drop();
});

/** Plays the judge's part: what apps/judge writes, then NOTIFY. */
async function judgeAs(id: string, verdicts: ('AC' | 'WA')[], actual: string[]) {
  await t.db.submission.update({ where: { id }, data: { status: 'RUNNING' } });
  await notifySubmission(t.db, id);
  const tests = await t.db.testCase.findMany({ where: { problemId }, orderBy: { ordinal: 'asc' } });
  for (const [i, v] of verdicts.entries()) {
    await t.db.submissionTestResult.create({
      data: {
        submissionId: id,
        ordinal: i,
        testCaseId: tests[i].id,
        verdict: v,
        timeMs: 10,
        memoryKb: 9000,
        stdout: tests[i].isSample ? actual[i] : null,
      },
    });
    await notifySubmission(t.db, id);
  }
  await t.db.submission.update({
    where: { id },
    data: { status: 'DONE', verdict: verdicts.find((v) => v !== 'AC') ?? 'AC' },
  });
  await notifySubmission(t.db, id);
}

describe('submissions', () => {
  it('validates input with clear messages', async () => {
    const [ana] = students;
    await expect(
      ana.run((c) => c.submission.create({ problemId, language: 'cobol' as 'c', code: 'x' })),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      ana.run((c) => c.submission.create({ problemId, language: 'python3', code: '' })),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      ana.run((c) =>
        c.submission.create({
          problemId: '00000000-0000-4000-8000-000000000000',
          language: 'python3',
          code: 'print(1)',
        }),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Problem not found' });
  });

  it('stores the submission and its job together, shows it only to its owner and staff, and never leaks hidden tests', async () => {
    const [ana, bob] = students;
    const { id } = await ana.run((c) => c.submission.create({ problemId, language: 'python3', code: 'print(3)' }));
    const row = await t.db.submission.findUniqueOrThrow({ where: { id }, include: { job: true } });
    expect(row).toMatchObject({ status: 'QUEUED', kind: 'SUBMIT' });
    expect(row.job?.status).toBe('PENDING');

    await judgeAs(id, ['WA', 'WA'], ['4\n', '']);
    const mine = await ana.run((c) => c.submission.get({ id }));
    expect(mine.firstFailedSample).toMatchObject({ input: '1 2\n', expected: '3\n', actual: '4\n' });
    expect(mine.results[1]).toMatchObject({ sample: false, input: null, expected: null, actual: null });
    expect(JSON.stringify(mine)).not.toMatch(/SECRET/);
    await expect(bob.run((c) => c.submission.get({ id }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await teacher.run((c) => c.submission.get({ id }))).id).toBe(id);
  });

  it('lists my submissions newest first with filters and cursor pagination', async () => {
    const [, bob] = students;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (
          await bob.run((c) =>
            c.submission.create({ problemId, language: i % 2 ? 'cpp' : 'python3', code: `print(${i})` }),
          )
        ).id,
      );
    }
    const page1 = await bob.run((c) => c.submission.list({ limit: 3 }));
    expect(page1.items.map((s) => s.id)).toEqual(ids.slice(-3).reverse());
    const page2 = await bob.run((c) => c.submission.list({ limit: 3, cursor: page1.nextCursor ?? undefined }));
    expect(page2.items.map((s) => s.id)).toEqual(ids.slice(0, 2).reverse());
    expect(page2.nextCursor).toBeNull();
    expect((await bob.run((c) => c.submission.list({ language: 'cpp' }))).items).toHaveLength(2);
  });

  it(`rate-limits at ${SUBMISSION_RATE.perMinute} submissions a minute`, async () => {
    const b = browser(t.db, config);
    await b.run((c) =>
      c.auth.signUp({ email: 'spam@x.io', username: 'spam', displayName: 's', password: 'password-123' }),
    );
    for (let i = 0; i < SUBMISSION_RATE.perMinute; i++) {
      await b.run((c) => c.submission.run({ language: 'python3', code: 'print(1)', input: '' }));
    }
    await expect(
      b.run((c) => c.submission.run({ language: 'python3', code: 'print(1)', input: '' })),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

  it('streams live progress until the verdict', async () => {
    const [ana] = students;
    const { id } = await ana.run((c) => c.submission.create({ problemId, language: 'python3', code: 'print(3)' }));
    const headers = new Headers({ cookie: [...ana.jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ') });
    const ctx = await createContext({ db: t.db, config, headers, notifier });
    const stream = await createCaller(ctx).submission.onUpdate({ id });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const s of stream as AsyncIterable<{ status: string; results: unknown[]; verdict: string | null }>) {
        seen.push(`${s.status}:${s.results.length}:${s.verdict ?? '-'}`);
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await judgeAs(id, ['AC', 'AC'], ['3\n', '']);
    await reading;
    expect(seen[0]).toBe('QUEUED:0:-');
    expect(seen.at(-1)).toBe('DONE:2:AC');
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });
});

describe('API keys', () => {
  it('shows a new key once, stores only its hash, and lets only its owner revoke it', async () => {
    const [ana, bob] = students;
    const created = await ana.run((c) => c.apiKey.create({ name: 'CI' }));
    expect(created.key).toMatch(/^rl_/);
    const stored = await t.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.keyHash).not.toContain(created.key);
    const listed = await ana.run((c) => c.apiKey.list());
    expect(listed.map((k) => k.name)).toEqual(['CI']);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    await expect(bob.run((c) => c.apiKey.revoke({ id: created.id }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await ana.run((c) => c.apiKey.revoke({ id: created.id }));
    expect((await ana.run((c) => c.apiKey.list()))[0].revokedAt).not.toBeNull();
  });
});

describe('submissions from a pair session', () => {
  it('are attached for active participants on the session problem only', async () => {
    const pair: { b: ReturnType<typeof browser>; id: string }[] = [];
    for (const name of ['cyd', 'dee', 'eli']) {
      const b = browser(t.db, config);
      const { user } = await b.run((c) =>
        c.auth.signUp({ email: `${name}@x.io`, username: name, displayName: name, password: 'password-123' }),
      );
      pair.push({ b, id: user.id });
    }
    const [cyd, dee, eli] = pair;
    const doc = await t.db.collabDocument.create({ data: { room: `pair-test-${Date.now()}`, kind: 'PAIR_SESSION' } });
    const session = await t.db.pairSession.create({
      data: {
        language: 'python3',
        problemId,
        documentId: doc.id,
        participants: { create: [{ userId: cyd.id }, { userId: dee.id }] },
      },
    });
    const code = 'print(sum(map(int, input().split())))';
    const { id } = await cyd.b.run((c) =>
      c.submission.create({ problemId, language: 'python3', code, pairSessionId: session.id }),
    );
    expect((await t.db.submission.findUniqueOrThrow({ where: { id } })).pairSessionId).toBe(session.id);
    const run = await dee.b.run((c) =>
      c.submission.run({ language: 'python3', code, input: '1 2', pairSessionId: session.id }),
    );
    expect((await t.db.submission.findUniqueOrThrow({ where: { id: run.id } })).pairSessionId).toBe(session.id);

    await expect(
      eli.b.run((c) => c.submission.create({ problemId, language: 'python3', code, pairSessionId: session.id })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = await t.db.problem.create({
      data: {
        slug: 'other',
        title: 'Other',
        statement: 'x',
        difficulty: 'EASY',
        category: 'math',
        status: 'PUBLISHED',
      },
    });
    await expect(
      cyd.b.run((c) =>
        c.submission.create({ problemId: other.id, language: 'python3', code, pairSessionId: session.id }),
      ),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await t.db.pairSession.update({ where: { id: session.id }, data: { status: 'ENDED' } });
    await expect(
      dee.b.run((c) => c.submission.create({ problemId, language: 'python3', code, pairSessionId: session.id })),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });
});
