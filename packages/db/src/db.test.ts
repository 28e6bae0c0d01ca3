import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from './index';
import { migrateDeploy, pendingSchemaSql } from './migrate';
import { seed, seedUsers } from './seed';
import { problems } from './seed/problems';
import { createTestDatabase, type TestDatabase } from './testing';

describe('migrations', () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase({ migrated: false });
  });
  afterAll(() => empty.drop());

  it('apply to an empty database, then re-apply as a no-op', async () => {
    const first = await migrateDeploy(empty.url);
    expect(first.length).toBeGreaterThan(0);
    expect(await migrateDeploy(empty.url)).toEqual([]);
    const rows = await empty.db.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(first);
    expect(rows.every((r) => r.finished_at)).toBe(true);
  });

  it('are in step with the schema (no uncommitted schema change)', async () => {
    expect(await pendingSchemaSql()).toBe('');
  });
});

describe('seed', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('runs twice without duplicating anything', async () => {
    const summary = await seed(t.db);
    expect(summary.users).toBe(seedUsers.length);
    const count = async () => ({
      users: await t.db.user.count(),
      problems: await t.db.problem.count(),
      tests: await t.db.testCase.count(),
      tags: await t.db.problemTag.count(),
      nodes: await t.db.skillNode.count(),
      edges: await t.db.skillEdge.count(),
      quests: await t.db.quest.count(),
      steps: await t.db.questStep.count(),
      members: await t.db.guildMember.count(),
      submissions: await t.db.submission.count(),
      ratingHistory: await t.db.ratingHistory.count(),
      audit: await t.db.auditLog.count(),
    });
    const before = await count();
    await seed(t.db);
    expect(await count()).toEqual(before);
    expect(before).toMatchObject({ users: 13, problems: problems.length });
  });

  it('has the demo data the README promises', async () => {
    expect(await t.db.user.count({ where: { role: 'ADMIN' } })).toBe(1);
    expect(await t.db.user.count({ where: { role: 'INSTRUCTOR' } })).toBe(2);
    expect(await t.db.user.count({ where: { role: 'STUDENT' } })).toBe(10);
    expect(problems.length).toBeGreaterThanOrEqual(20);
    expect(new Set(problems.map((p) => p.difficulty))).toEqual(new Set(['EASY', 'MEDIUM', 'HARD']));
    for (const p of await t.db.problem.findMany({ include: { testCases: true, solutions: true } })) {
      expect(
        p.testCases.some((c) => c.isSample),
        p.slug,
      ).toBe(true);
      expect(
        p.testCases.some((c) => !c.isSample),
        p.slug,
      ).toBe(true);
      expect(p.solutions.map((s) => s.language).sort(), p.slug).toEqual(['cpp', 'python3']);
    }
    expect(await t.db.guild.count()).toBe(1);
    expect(await t.db.party.count()).toBe(1);
    expect(await t.db.skillTree.count({ where: { status: 'PUBLISHED' } })).toBe(1);
  });
});

describe('constraints', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());
  const code = (err: unknown) => (err instanceof Prisma.PrismaClientKnownRequestError ? err.code : String(err));

  it('reject duplicate emails, usernames and problem slugs', async () => {
    await t.db.user.create({ data: { email: 'a@x.io', username: 'a', displayName: 'A' } });
    await expect(
      t.db.user.create({ data: { email: 'a@x.io', username: 'b', displayName: 'B' } }).catch(code),
    ).resolves.toBe('P2002');
    await expect(
      t.db.user.create({ data: { email: 'b@x.io', username: 'a', displayName: 'B' } }).catch(code),
    ).resolves.toBe('P2002');
    const p = { title: 'T', statement: 'S', difficulty: 'EASY' as const, category: 'math' };
    await t.db.problem.create({ data: { slug: 'sum', ...p } });
    await expect(t.db.problem.create({ data: { slug: 'sum', ...p } }).catch(code)).resolves.toBe('P2002');
  });

  it('reject rows pointing at nothing, and a second rating row for one duel', async () => {
    await expect(
      t.db.submission
        .create({ data: { userId: '00000000-0000-4000-8000-000000000000', language: 'python3', code: '' } })
        .catch(code),
    ).resolves.toBe('P2003');
    const u = await t.db.user.create({ data: { email: 'c@x.io', username: 'c', displayName: 'C' } });
    const battle = await t.db.battle.create({ data: {} });
    await t.db.ratingHistory.create({
      data: { userId: u.id, kind: 'DUEL', before: 1500, after: 1516, battleId: battle.id },
    });
    await expect(
      t.db.ratingHistory
        .create({ data: { userId: u.id, kind: 'DUEL', before: 1516, after: 1530, battleId: battle.id } })
        .catch(code),
    ).resolves.toBe('P2002');
  });

  it('keep a problem that has submissions, and cascade personal rows with their user', async () => {
    const u = await t.db.user.create({
      data: { email: 'd@x.io', username: 'd', displayName: 'D', profile: { create: {} }, character: { create: {} } },
    });
    const problem = await t.db.problem.create({
      data: {
        slug: 'kept',
        title: 'K',
        statement: 'S',
        difficulty: 'EASY',
        category: 'math',
        testCases: { create: [{ ordinal: 0, input: '1', expectedOutput: '1' }] },
      },
    });
    const other = await t.db.user.create({ data: { email: 'e@x.io', username: 'e', displayName: 'E' } });
    await t.db.submission.create({
      data: { userId: other.id, problemId: problem.id, language: 'python3', code: 'print(1)' },
    });
    await expect(t.db.problem.delete({ where: { id: problem.id } }).catch(code)).resolves.toBe('P2003');
    await t.db.user.delete({ where: { id: u.id } });
    expect(await t.db.profile.count({ where: { userId: u.id } })).toBe(0);
    expect(await t.db.character.count({ where: { userId: u.id } })).toBe(0);
  });
});
