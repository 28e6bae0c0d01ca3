// AI help for students through the routers: tiered hints paid in XP once, and code reviews of
// one's own submissions — offline (author hints, static review) and live (stand-in Gemini).
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browser, testAuthConfig } from '../../testing';
import { AiGateway, setAiGateway } from './gateway';
import { type GeminiStandin, startGeminiStandin } from './gemini-standin';

const config = testAuthConfig();
let t: TestDatabase;
let standin: GeminiStandin;
let problemId: string;
let bareProblemId: string;
const as: Record<string, ReturnType<typeof browser>> = {};
const ids: Record<string, string> = {};

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );

beforeAll(async () => {
  t = await createTestDatabase();
  standin = await startGeminiStandin();
  const p = await t.db.problem.create({
    data: {
      slug: 'pair-sum',
      title: 'Pair Sum',
      statement: 'Count pairs summing to K.',
      constraints: '- n ≤ 200000',
      difficulty: 'MEDIUM',
      category: 'arrays',
      status: 'PUBLISHED',
      timeLimitMs: 1000,
      memoryLimitKb: 262144,
      hints: {
        create: [
          { tier: 1, content: 'What does each element need as a partner?', xpCost: 5 },
          { tier: 2, content: 'Count values seen so far in a hash map.', xpCost: 10 },
          { tier: 3, content: 'for x in a: ans += seen[k - x]; seen[x] += 1', xpCost: 15 },
        ],
      },
      testCases: {
        create: [
          { ordinal: 0, input: '3 4\n1 2 3\n', expectedOutput: '1\n', isSample: true },
          { ordinal: 1, input: 'HIDDEN-INPUT', expectedOutput: 'HIDDEN-OUTPUT' },
          { ordinal: 2, input: 'HIDDEN-2', expectedOutput: 'X' },
        ],
      },
    },
  });
  problemId = p.id;
  bareProblemId = (
    await t.db.problem.create({
      data: {
        slug: 'bare',
        title: 'Bare',
        statement: 'S',
        difficulty: 'EASY',
        category: 'greedy',
        status: 'PUBLISHED',
      },
    })
  ).id;
  for (const name of ['ana', 'bob']) {
    const b = browser(t.db, config);
    const { user } = await b.run((c) =>
      c.auth.signUp({ email: `${name}@x.io`, username: name, displayName: name, password: 'password-123' }),
    );
    as[name] = b;
    ids[name] = user.id;
  }
  await t.db.character.update({ where: { userId: ids.ana }, data: { xp: 112, level: 2 } });
});
afterAll(async () => {
  setAiGateway(null);
  await standin.close();
  await t.drop();
});
beforeEach(() => {
  setAiGateway(new AiGateway({ apiKey: undefined }));
  standin.reset();
});

describe('hints', () => {
  it('unlocks tiers in order, charges each once, and shows the author’s hints offline', async () => {
    const before = await as.ana.run((c) => c.ai.hints({ problemId }));
    expect(before.tiers.map((h) => [h.tier, h.unlocked, h.canUnlock, h.xpCost])).toEqual([
      [1, false, true, 5],
      [2, false, false, 10],
      [3, false, false, 15],
    ]);
    expect(before.tiers.every((h) => h.content === null)).toBe(true);

    const early = await errorOf(as.ana.run((c) => c.ai.hint({ problemId, tier: 2 })));
    expect(early).toEqual({ code: 'PRECONDITION_FAILED', message: 'Unlock the tier 1 hint (nudge) first.' });

    const one = await as.ana.run((c) => c.ai.hint({ problemId, tier: 1 }));
    expect(one).toMatchObject({ content: 'What does each element need as a partner?', charged: 5, mode: 'offline' });
    const two = await as.ana.run((c) => c.ai.hint({ problemId, tier: 2 }));
    expect(two).toMatchObject({ content: 'Count values seen so far in a hash map.', charged: 10, firstUnlock: true });
    const again = await as.ana.run((c) => c.ai.hint({ problemId, tier: 2 }));
    expect(again).toMatchObject({ charged: 0, firstUnlock: false });

    const sheet = await as.ana.run((c) => c.character.get());
    expect(sheet.xp).toBe(112 - 15);
    expect(sheet.level).toBe(2); // spending never takes a level away
    expect(sheet.recent.map((r) => r.label)).toEqual(
      expect.arrayContaining(['Unlocked a tier 1 hint', 'Unlocked a tier 2 hint']),
    );
    const after = await as.ana.run((c) => c.ai.hints({ problemId }));
    expect(after.tiers.map((h) => [h.unlocked, h.canUnlock])).toEqual([
      [true, false],
      [true, false],
      [false, true],
    ]);
  });

  it('gives a generic hint for a tier the author did not write, free for someone with no XP', async () => {
    const res = await as.bob.run((c) => c.ai.hint({ problemId: bareProblemId, tier: 1 }));
    expect(res.content).toMatch(/Re-read the constraints of “Bare”/);
    expect(res.charged).toBe(0);
  });

  it('asks Gemini for the hint in live mode, with the author’s hint as guidance', async () => {
    setAiGateway(new AiGateway({ apiKey: standin.apiKey, baseUrl: standin.url, backoffMs: 1 }));
    standin.queue({ text: JSON.stringify({ hint: 'Think about complements: k - x.' }) });
    const res = await as.ana.run((c) => c.ai.hint({ problemId, tier: 1 }));
    expect(res).toMatchObject({ content: 'Think about complements: k - x.', mode: 'live', charged: 0 });
    expect(standin.requests[0].prompt).toContain('What does each element need as a partner?');
    // A failing Gemini falls back to the author's hint and says so.
    standin.respond(() => ({ status: 503 }));
    const fallback = await as.ana.run((c) => c.ai.hint({ problemId, tier: 2 }));
    expect(fallback).toMatchObject({ content: 'Count values seen so far in a hash map.', mode: 'offline' });
    expect(fallback.notice).toMatch(/Gemini failed \(HTTP 503/);
  });
});

describe('code review', () => {
  async function submission(userId: string, verdict: 'AC' | 'WA' | 'TLE', code: string) {
    const tests = await t.db.testCase.findMany({ where: { problemId }, orderBy: { ordinal: 'asc' } });
    const failAt = verdict === 'AC' ? -1 : 1;
    return (
      await t.db.submission.create({
        data: {
          userId,
          problemId,
          language: 'python3',
          code,
          status: 'DONE',
          verdict,
          testsPassed: verdict === 'AC' ? 3 : 1,
          testsTotal: 3,
          judgedAt: new Date(),
          results: {
            create: tests.map((tc, i) => ({
              ordinal: i,
              testCaseId: tc.id,
              verdict: i === failAt ? verdict : i > failAt && failAt >= 0 ? 'SKIPPED' : 'AC',
              timeMs: verdict === 'TLE' && i === failAt ? 1000 : 40,
              memoryKb: 10_000,
            })),
          },
        },
      })
    ).id;
  }

  it('reviews a wrong answer offline from the judge’s results and the code', async () => {
    const code = `n, k = map(int, input().split())
a = list(map(int, input().split()))
c = 0
for i in range(n):
    for j in range(i + 1, n):
        if a[i] + a[j] == k:
            c += 1
# TODO handle duplicates
print(c)
`;
    const id = await submission(ids.ana, 'WA', code);
    const res = await as.ana.run((c) => c.ai.review({ submissionId: id }));
    expect(res.mode).toBe('offline');
    expect(res.review.summary).toMatch(/^Wrong Answer: 1\/3 tests passed\. Problem: Pair Sum\.$/);
    expect(res.review.bugs[0]).toBe('Wrong answer on test 2 (hidden). 1 test(s) failed in total.');
    expect(res.review.suggestions[0]).toMatch(/Samples pass but a hidden test fails/);
    expect(res.review.complexity).toMatch(/Loops nest 2 deep, so roughly O\(n\^2\)/);
    expect(res.review.performance[0]).toMatch(/Slowest test: 40 ms \(4% of the 1000 ms limit\)/);
    expect(res.review.style).toContain('1 TODO/FIXME comment(s) left in the code.');
    expect(JSON.stringify(res)).not.toContain('HIDDEN');
  });

  it('points at fast input for a Python TLE', async () => {
    const id = await submission(ids.ana, 'TLE', 'for _ in range(int(input())):\n    x = input()\n');
    const res = await as.ana.run((c) => c.ai.review({ submissionId: id }));
    expect(res.review.bugs[0]).toMatch(/Too slow on test 2 \(hidden\): the limit is 1000 ms/);
    expect(res.review.performance.join(' ')).toMatch(/sys\.stdin/);
  });

  it('reviews only one’s own submissions, and sends no hidden test data to Gemini', async () => {
    const id = await submission(ids.ana, 'AC', 'print(1)\n');
    expect((await errorOf(as.bob.run((c) => c.ai.review({ submissionId: id })))).code).toBe('NOT_FOUND');

    setAiGateway(new AiGateway({ apiKey: standin.apiKey, baseUrl: standin.url }));
    standin.queue({
      text: JSON.stringify({
        summary: 'Accepted and tidy.',
        complexity: 'O(1)',
        bugs: [],
        performance: [],
        style: [],
        suggestions: ['Try it in C++.'],
      }),
    });
    const res = await as.ana.run((c) => c.ai.review({ submissionId: id }));
    expect(res).toMatchObject({ mode: 'live', review: { summary: 'Accepted and tidy.' } });
    expect(standin.requests[0].prompt).toContain('#2 AC');
    expect(standin.requests[0].prompt).not.toContain('HIDDEN');
    const audit = await t.db.aiCall.findFirst({ where: { feature: 'review', mode: 'live' } });
    expect(audit).toMatchObject({ userId: ids.ana, status: 'ok' });
  });
});
