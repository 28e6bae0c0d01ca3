// Problem authoring through the tRPC routers: an instructor writes a problem with grouped tests,
// starter code, reference solutions and hints; publishing waits for the judge to accept every
// reference solution on the current tests (verdicts are written here as apps/judge would); a zip
// export imports back into an identical problem.
import type { Verdict } from '@roguelearn/db';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/service';
import { callerAs, makeUser, refusal } from './fixtures';
import { loadPackage } from './zip';

let t: TestDatabase;
let author: SessionUser;
let other: SessionUser;
let admin: SessionUser;
let student: SessionUser;
let problemId: string;

const as = (u: SessionUser) => callerAs(t.db, u);

const pySolution = 'a, b = map(int, input().split())\nprint(a + b)\n';
const cppSolution = '#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b; }\n';

/** What apps/judge leaves on a finished submission. */
async function judge(submissionId: string, verdict: Verdict, passed: number, total: number) {
  await t.db.submission.update({
    where: { id: submissionId },
    data: { status: 'DONE', verdict, testsPassed: passed, testsTotal: total, judgedAt: new Date() },
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  author = await makeUser(t.db, 'prof', 'INSTRUCTOR');
  other = await makeUser(t.db, 'otherprof', 'INSTRUCTOR');
  admin = await makeUser(t.db, 'root', 'ADMIN');
  student = await makeUser(t.db, 'stu');
});
afterAll(() => t.drop());

describe('writing a problem', () => {
  it('creates a draft with tests in groups, starter code, solutions, hints and an editorial', async () => {
    const created = await as(author).authoring.create({
      title: 'Sum of Two Numbers',
      statement: 'Given $a$ and $b$, print $a + b$.\n\n```\n1 2\n```',
      inputFormat: 'Two integers.',
      outputFormat: 'One integer.',
      constraints: '- $|a|, |b| \\le 10^9$',
      difficulty: 'EASY',
      category: 'Math',
      tags: ['math', 'Implementation'],
      timeLimitMs: 1000,
      memoryLimitKb: 65536,
      checker: { kind: 'TOKENS' },
      editorial: 'Add them. Use 64-bit integers.',
    });
    problemId = created.id;
    expect(created.slug).toBe('sum-of-two-numbers');

    const bulk = await as(author).authoring.tests.bulk({
      problemId,
      tests: [
        { input: '1 2\n', output: '3\n', sample: true, group: 'samples', explanation: '1 + 2 = 3' },
        { input: '-5 5\n', output: '0\n', group: 'small' },
        { input: '1000000000 1000000000\n', output: '2000000000\n', group: 'large', weight: 2 },
      ],
    });
    expect(bulk).toMatchObject({ added: 3, total: 3, createdGroups: ['samples', 'small', 'large'] });
    const groups = await as(author).authoring.groups.save({
      problemId,
      groups: (await t.db.testGroup.findMany({ where: { problemId }, orderBy: { ordinal: 'asc' } })).map((g) => ({
        id: g.id,
        name: g.name,
        weight: g.name === 'samples' ? 0 : g.name === 'small' ? 40 : 60,
      })),
    });
    expect(groups.map((g) => [g.name, g.weight])).toEqual([
      ['samples', 0],
      ['small', 40],
      ['large', 60],
    ]);
    await as(author).authoring.starter.set({ problemId, language: 'python3', code: '# read a and b\n' });
    await as(author).authoring.solutions.set({ problemId, language: 'python3', code: pySolution });
    await as(author).authoring.solutions.set({
      problemId,
      language: 'cpp',
      code: cppSolution.replace('a + b', 'a - b'),
    });
    await as(author).authoring.hints.set({
      problemId,
      hints: [{ content: 'Read two numbers.' }, { content: 'Mind the overflow.', xpCost: 10 }],
    });

    const p = await as(author).authoring.get({ problemId });
    expect(p).toMatchObject({
      status: 'DRAFT',
      category: 'math',
      checker: { kind: 'TOKENS' },
      editorial: 'Add them. Use 64-bit integers.',
    });
    expect(p.tags.map((x) => x.slug).sort()).toEqual(['implementation', 'math']);
    expect(p.tests.map((x) => [x.ordinal, x.input.preview, x.sample])).toEqual([
      [0, '1 2\n', true],
      [1, '-5 5\n', false],
      [2, '1000000000 1000000000\n', false],
    ]);
    expect(p.groups.map((g) => g.testCount)).toEqual([1, 1, 1]);
    expect(p.hints.map((h) => [h.tier, h.xpCost])).toEqual([
      [1, 5],
      [2, 10],
    ]);
    expect(p.verification).toMatchObject({ ready: false, tests: 3 });
    expect(p.verification.solutions.map((s) => [s.language, s.state])).toEqual([
      ['cpp', 'unverified'],
      ['python3', 'unverified'],
    ]);
  });

  it('lets only the author (or an administrator) see and change it', async () => {
    expect(await refusal(as(other).authoring.get({ problemId }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(as(other).authoring.update({ problemId, title: 'Mine now' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      await refusal(as(other).authoring.tests.bulk({ problemId, tests: [{ input: '', output: '' }] })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(as(other).authoring.export({ problemId }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(as(student).authoring.get({ problemId }))).toMatchObject({ code: 'FORBIDDEN' });
    const listed = await as(other).authoring.list({ scope: 'all' });
    expect(listed.items.find((i) => i.id === problemId)).toMatchObject({ canEdit: false });
    expect((await as(other).authoring.list()).items).toEqual([]);
    const updated = await as(admin).authoring.update({ problemId, constraints: '- $|a|, |b| \\le 10^9$ (both)' });
    expect(updated.constraints).toContain('(both)');
    // Slugs stay unique.
    const second = await as(other).authoring.create({
      title: 'Sum of two numbers',
      statement: 'Again.',
      difficulty: 'EASY',
      category: 'math',
    });
    expect(second.slug).toBe('sum-of-two-numbers-2');
    expect(
      await refusal(as(other).authoring.update({ problemId: second.id, slug: 'sum-of-two-numbers' })),
    ).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('the publish gate', () => {
  const referenceRuns = () =>
    t.db.submission.findMany({
      where: { problemId, source: 'reference' },
      orderBy: [{ createdAt: 'desc' }, { language: 'asc' }],
    });

  it('refuses while solutions are unverified or pending, names the failing one, publishes when all pass', async () => {
    const unverified = await refusal(as(author).authoring.publish({ problemId }));
    expect(unverified.code).toBe('PRECONDITION_FAILED');
    expect(unverified.message).toMatch(/cpp: not verified yet; python3: not verified yet/);

    const queued = await as(author).authoring.verify({ problemId });
    expect(queued.solutions.map((s) => s.state)).toEqual(['pending', 'pending']);
    const runs = await referenceRuns();
    expect(runs).toHaveLength(2);
    expect(runs.every((r) => r.userId === author.id && r.kind === 'SUBMIT' && r.status === 'QUEUED')).toBe(true);
    expect(await t.db.judgeJob.count({ where: { submissionId: { in: runs.map((r) => r.id) } } })).toBe(2);

    const pending = await refusal(as(author).authoring.publish({ problemId }));
    expect(pending.message).toMatch(/cpp: still being judged; python3: still being judged/);

    const byLang = Object.fromEntries(runs.map((r) => [r.language, r.id]));
    await judge(byLang.python3, 'AC', 3, 3);
    await judge(byLang.cpp, 'WA', 1, 3);
    const wrong = await refusal(as(author).authoring.publish({ problemId }));
    expect(wrong.code).toBe('PRECONDITION_FAILED');
    expect(wrong.message).toContain('cpp: wrong answer (1/3 tests passed)');
    expect(wrong.message).not.toContain('python3');
    expect((await t.db.problem.findUniqueOrThrow({ where: { id: problemId } })).status).toBe('DRAFT');

    // Fixing the C++ solution needs a new run; the Python one stays verified.
    await as(author).authoring.solutions.set({ problemId, language: 'cpp', code: cppSolution });
    const status = await as(author).authoring.verification({ problemId });
    expect(status.solutions.map((s) => [s.language, s.state])).toEqual([
      ['cpp', 'outdated'],
      ['python3', 'passed'],
    ]);
    await as(author).authoring.verify({ problemId });
    const fresh = (await referenceRuns()).slice(0, 2);
    for (const r of fresh) await judge(r.id, 'AC', 3, 3);

    const published = await as(author).authoring.publish({ problemId });
    expect(published.status).toBe('PUBLISHED');
    const row = await t.db.problem.findUniqueOrThrow({ where: { id: problemId }, include: { solutions: true } });
    expect(row.status).toBe('PUBLISHED');
    expect(row.publishedAt).not.toBeNull();
    expect(row.solutions.every((s) => s.verifiedAt)).toBe(true);
    const audit = await t.db.auditLog.findMany({ where: { targetId: problemId }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['problem.verify', 'problem.published']));
    // Students see it now.
    expect((await callerAs(t.db, student).problem.bySlug({ slug: 'sum-of-two-numbers' })).testCount).toBe(3);
  });

  it('requires verification again after the tests change', async () => {
    const test = await t.db.testCase.findFirstOrThrow({ where: { problemId, ordinal: 1 } });
    // Marking a test as a sample changes no verdict: still verified.
    await as(author).authoring.tests.update({ testId: test.id, sample: true });
    expect((await as(author).authoring.verification({ problemId })).ready).toBe(true);

    await as(author).authoring.tests.update({ testId: test.id, input: '-5 6\n', output: '1\n' });
    const stale = await as(author).authoring.verification({ problemId });
    expect(stale.ready).toBe(false);
    expect(stale.solutions.map((s) => s.state)).toEqual(['outdated', 'outdated']);
    expect((await t.db.referenceSolution.findMany({ where: { problemId } })).every((s) => !s.verifiedAt)).toBe(true);

    await as(author).authoring.unpublish({ problemId });
    const refused = await refusal(as(author).authoring.publish({ problemId }));
    expect(refused.message).toMatch(/cpp: the tests, checker, limits or code changed since it was verified/);

    // Adding a test, or changing the limits, invalidates too.
    await as(author).authoring.verify({ problemId });
    for (const r of (await referenceRuns()).slice(0, 2)) await judge(r.id, 'AC', 3, 3);
    expect((await as(author).authoring.verification({ problemId })).ready).toBe(true);
    await as(author).authoring.tests.add({ problemId, input: '0 0\n', output: '0\n' });
    expect((await as(author).authoring.verification({ problemId })).ready).toBe(false);
    await as(author).authoring.verify({ problemId });
    for (const r of (await referenceRuns()).slice(0, 2)) await judge(r.id, 'AC', 4, 4);
    expect((await as(author).authoring.verification({ problemId })).ready).toBe(true);
    await as(author).authoring.update({ problemId, timeLimitMs: 500 });
    expect((await as(author).authoring.verification({ problemId })).ready).toBe(false);
    await as(author).authoring.update({ problemId, timeLimitMs: 1000 });
    // Undoing the change makes the earlier run count again: verification follows content.
    expect((await as(author).authoring.verification({ problemId })).ready).toBe(true);
    expect((await as(author).authoring.publish({ problemId })).status).toBe('PUBLISHED');
  });

  it('refuses without tests or without a reference solution', async () => {
    const bare = await as(author).authoring.create({
      title: 'Bare',
      statement: 'Nothing yet.',
      difficulty: 'HARD',
      category: 'graphs',
    });
    const r = await refusal(as(author).authoring.publish({ problemId: bare.id }));
    expect(r.message).toMatch(/Add at least one test; Add at least one reference solution/);
    expect(await refusal(as(author).authoring.verify({ problemId: bare.id }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    expect((await as(author).authoring.delete({ problemId: bare.id })).deleted).toBe(true);
  });
});

describe('zip export and import', () => {
  const unzip = (b64: string) => {
    const files = unzipSync(Buffer.from(b64, 'base64'));
    return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
  };

  it('round-trips a problem field by field, as a new draft with a free slug', async () => {
    const exported = await as(author).authoring.export({ problemId });
    expect(exported.filename).toBe('sum-of-two-numbers.zip');
    const files = unzip(exported.zipBase64);
    expect(Object.keys(files).sort()).toEqual(
      [
        'constraints.md',
        'editorial.md',
        'hints/1.md',
        'hints/2.md',
        'input.md',
        'meta.json',
        'output.md',
        'solutions/cpp.cpp',
        'solutions/python3.py',
        'starter/python3.py',
        'statement.md',
        'tests/01.in',
        'tests/01.out',
        'tests/02.in',
        'tests/02.out',
        'tests/03.in',
        'tests/03.out',
        'tests/04.in',
        'tests/04.out',
      ].sort(),
    );
    expect(files['tests/02.in']).toBe('-5 6\n');
    expect(JSON.parse(files['meta.json'])).toMatchObject({
      format: 'roguelearn-problem',
      slug: 'sum-of-two-numbers',
      timeLimitMs: 1000,
      groups: [
        { name: 'samples', weight: 0 },
        { name: 'small', weight: 40 },
        { name: 'large', weight: 60 },
      ],
    });

    const imported = await as(other).authoring.import({ zipBase64: exported.zipBase64 });
    expect(imported).toMatchObject({ slug: 'sum-of-two-numbers-3', renamed: true, tests: 4 });
    const row = await t.db.problem.findUniqueOrThrow({ where: { id: imported.id } });
    expect(row).toMatchObject({ status: 'DRAFT', authorId: other.id });

    const [a, b] = await Promise.all([loadPackage(t.db, problemId), loadPackage(t.db, imported.id)]);
    expect(b.slug).toBe('sum-of-two-numbers-3');
    for (const key of Object.keys(a) as (keyof typeof a)[]) {
      if (key !== 'slug') expect(b[key], key).toEqual(a[key]);
    }
    // Exporting the copy gives the same zip but for the slug.
    const again = unzip((await as(other).authoring.export({ problemId: imported.id })).zipBase64);
    expect(Object.keys(again).sort()).toEqual(Object.keys(files).sort());
    for (const name of Object.keys(files)) {
      if (name === 'meta.json') {
        expect({ ...JSON.parse(again[name]), slug: 'x' }).toEqual({ ...JSON.parse(files[name]), slug: 'x' });
      } else expect(again[name], name).toBe(files[name]);
    }
    // Same problem, same bytes.
    expect((await as(author).authoring.export({ problemId })).zipBase64).toBe(exported.zipBase64);
  });

  it('keeps custom checkers, float tolerances and absent editorials; refuses clashes and junk', async () => {
    const custom = await as(author).authoring.create({
      title: 'Any permutation',
      slug: 'any-permutation',
      statement: 'Print any permutation of 1..n.',
      difficulty: 'MEDIUM',
      category: 'constructive',
      checker: {
        kind: 'CUSTOM',
        source:
          'import sys\nn = int(open(sys.argv[1]).read())\nsys.exit(0 if sorted(map(int, open(sys.argv[3]).read().split())) == list(range(1, n + 1)) else 1)\n',
      },
    });
    await as(author).authoring.tests.bulk({ problemId: custom.id, tests: [{ input: '3\n', output: '1 2 3\n' }] });
    const zip = (await as(author).authoring.export({ problemId: custom.id })).zipBase64;
    expect(unzip(zip)['checker.py']).toContain('sys.argv[3]');
    expect(unzip(zip)['editorial.md']).toBeUndefined();
    const copy = await as(author).authoring.import({ zipBase64: zip, slug: 'any-permutation-copy' });
    expect(copy.slug).toBe('any-permutation-copy');
    const [a, b] = await Promise.all([loadPackage(t.db, custom.id), loadPackage(t.db, copy.id)]);
    expect({ ...b, slug: '' }).toEqual({ ...a, slug: '' });
    expect(b.editorial).toBeNull();

    await as(author).authoring.update({ problemId: custom.id, checker: { kind: 'FLOAT', tolerance: 1e-4 } });
    const floatZip = (await as(author).authoring.export({ problemId: custom.id })).zipBase64;
    const floatCopy = await as(author).authoring.import({ zipBase64: floatZip });
    expect((await loadPackage(t.db, floatCopy.id)).checker).toEqual({ kind: 'FLOAT', tolerance: 1e-4 });

    expect(await refusal(as(author).authoring.import({ zipBase64: floatZip, onConflict: 'error' }))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(
      await refusal(as(author).authoring.import({ zipBase64: Buffer.from('not a zip').toString('base64') })),
    ).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/not a problem package/) });
  });
});

describe('deleting', () => {
  it('archives instead of deleting a problem students submitted to', async () => {
    await t.db.submission.create({
      data: { userId: student.id, problemId, language: 'python3', code: pySolution, status: 'DONE', verdict: 'AC' },
    });
    expect(await refusal(as(author).authoring.delete({ problemId }))).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await as(author).authoring.archive({ problemId })).status).toBe('ARCHIVED');
  });
});
