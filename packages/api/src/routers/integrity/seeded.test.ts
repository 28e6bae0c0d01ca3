// The demo data carries a plagiarism case (packages/db/src/seed/integrity.ts): on a freshly
// seeded platform the problem's author finds Alan's and Dennis's programs flagged, and only them.
import { seed } from '@roguelearn/db/seed';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callerAs } from '../authoring/fixtures';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
}, 120_000);
afterAll(() => t.drop());

it('flags the seeded renamed-variable copy and not the independent solution', async () => {
  const knuth = await t.db.user.findUniqueOrThrow({
    where: { username: 'knuth' },
    select: { id: true, email: true, username: true, displayName: true, role: true },
  });
  const problem = await t.db.problem.findUniqueOrThrow({ where: { slug: 'maze-shortest-path' } });
  const caller = callerAs(t.db, { ...knuth, sessionId: null });
  const run = await caller.integrity.run({ problemId: problem.id, threshold: 0.5 });
  expect(run).toMatchObject({ compared: 3, flagged: 1, tooShort: 0 });
  const report = await caller.integrity.report({ reportId: run.reportId });
  expect(report.pairs.map((p) => [p.a.user.username, p.b.user.username])).toEqual([['alan', 'dennis']]);
  expect(report.pairs[0].similarity).toBeGreaterThan(0.9);
});
