// The progression rules engine: the numbers as pure functions, then a realistic stream of events
// applied once and replayed (twice in order, once shuffled, once concurrently) awarding only once.
import type { Verdict } from '@roguelearn/db';
import { seed } from '@roguelearn/db/seed';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyEvent,
  catchUpSubmissions,
  levelForXp,
  levelProgress,
  nextStreak,
  type ProgressEvent,
  streakXp,
  titleForLevel,
  XP_RULES,
  xpToLeaveLevel,
} from './rules';

describe('levels and streaks (pure)', () => {
  it('level n needs 100·n·(n+1)/2 XP in total to leave', () => {
    expect([1, 2, 3, 4, 10].map(xpToLeaveLevel)).toEqual([100, 300, 600, 1000, 5500]);
    const cases: [number, number][] = [
      [0, 1],
      [99, 1],
      [100, 2],
      [299, 2],
      [300, 3],
      [599, 3],
      [600, 4],
      [1000, 5],
      [5499, 10],
      [5500, 11],
    ];
    for (const [xp, level] of cases) expect(levelForXp(xp), `${xp} XP`).toBe(level);
    expect(levelProgress(2, 200)).toMatchObject({ floor: 100, ceiling: 300, toNext: 100, fraction: 0.5 });
    expect(levelProgress(3, 250).fraction).toBe(0); // spent below the floor: the bar is empty, not negative
    expect([1, 4, 7, 10, 15, 20, 99].map(titleForLevel)).toEqual([
      'Novice',
      'Apprentice',
      'Journeyman',
      'Expert',
      'Master',
      'Grandmaster',
      'Grandmaster',
    ]);
  });

  it('streaks grow on consecutive days, hold within a day and reset after a gap', () => {
    expect(nextStreak(null, '2026-03-01', 0)).toBe(1);
    expect(nextStreak('2026-03-01', '2026-03-02', 1)).toBe(2);
    expect(nextStreak('2026-03-02', '2026-03-02', 2)).toBe(2);
    expect(nextStreak('2026-02-28', '2026-03-01', 6)).toBe(7); // across a month end
    expect(nextStreak('2026-03-02', '2026-03-05', 9)).toBe(1);
    expect(nextStreak('2026-03-05', '2026-03-04', 3)).toBe(3); // a late event never rewinds
    expect([1, 2, 7, 30].map(streakXp)).toEqual([5, 10, 35, 35]);
  });
});

describe('a stream of events', () => {
  let t: TestDatabase;
  let hero: string;
  let partner: string;
  const events: ProgressEvent[] = [];
  const problem: Record<string, { id: string; difficulty: 'EASY' | 'MEDIUM' | 'HARD' }> = {};

  const day = (n: number, hour = 12) => new Date(Date.UTC(2026, 2, n, hour));
  async function judged(
    userId: string,
    slug: string,
    verdict: Verdict,
    at: Date,
    language = 'python3',
    pairSessionId?: string,
  ) {
    const s = await t.db.submission.create({
      data: {
        userId,
        problemId: problem[slug].id,
        language,
        code: 'print()',
        status: 'DONE',
        verdict,
        createdAt: at,
        judgedAt: at,
        pairSessionId,
      },
    });
    return s.id;
  }

  const snapshot = async () => {
    const [character, xpEvents, achievements] = await Promise.all([
      t.db.character.findUniqueOrThrow({ where: { userId: hero } }),
      t.db.xpEvent.findMany({ where: { userId: { in: [hero, partner] } }, orderBy: { idempotencyKey: 'asc' } }),
      t.db.userAchievement.findMany({ where: { userId: hero }, include: { achievement: { select: { key: true } } } }),
    ]);
    return {
      xp: character.xp,
      level: character.level,
      skillPoints: character.skillPoints,
      streakDays: character.streakDays,
      xpEvents: xpEvents.map((e) => `${e.idempotencyKey}=${e.amount}`),
      achievements: achievements.map((a) => a.achievement.key).sort(),
    };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    await seed(t.db);
    for (const slug of [
      'digit-sum-and-root',
      'reverse-the-words',
      'record-highs',
      'pair-sum-count',
      'dijkstra-shortest-paths',
    ]) {
      const p = await t.db.problem.findUniqueOrThrow({ where: { slug }, select: { id: true, difficulty: true } });
      problem[slug] = p;
    }
    hero = (
      await t.db.user.create({
        data: { email: 'hero@x.io', username: 'hero', displayName: 'Hero', character: { create: {} } },
      })
    ).id;
    partner = (await t.db.user.create({ data: { email: 'pal@x.io', username: 'pal', displayName: 'Pal' } })).id;

    // Day 1: a wrong answer, then accepted, then accepted again in C++ (a repeat solve).
    for (const [slug, verdict, at, lang] of [
      ['digit-sum-and-root', 'WA', day(1, 9), 'python3'],
      ['digit-sum-and-root', 'AC', day(1, 10), 'python3'],
      ['digit-sum-and-root', 'AC', day(1, 11), 'cpp'],
      ['pair-sum-count', 'AC', day(2), 'java'], // third language: Polyglot
      ['reverse-the-words', 'AC', day(3), 'python3'],
      ['record-highs', 'AC', day(4), 'python3'],
      ['dijkstra-shortest-paths', 'TLE', day(5, 8), 'python3'],
      ['dijkstra-shortest-paths', 'AC', day(5), 'cpp'],
      ['reverse-the-words', 'AC', day(6), 'cpp'],
      ['record-highs', 'AC', day(7), 'cpp'], // seventh day in a row: streak-7
      ['pair-sum-count', 'AC', day(8), 'python3'],
    ] as const) {
      events.push({ type: 'submission.judged', submissionId: await judged(hero, slug, verdict, at, lang) });
    }
    // A won duel and a founded guild.
    const battle = await t.db.battle.create({
      data: { status: 'FINISHED', result: 'WIN', winnerId: hero, problemId: problem['record-highs'].id },
    });
    events.push({ type: 'duel.won', battleId: battle.id });
    const guild = await t.db.guild.create({ data: { name: 'Heroes', slug: 'heroes', ownerId: hero } });
    events.push({ type: 'guild.founded', guildId: guild.id });
    // Five pair sessions that ended with the partner's accepted solution.
    for (let i = 0; i < 5; i++) {
      const doc = await t.db.collabDocument.create({ data: { room: `pair-${i}`, kind: 'PAIR_SESSION' } });
      const session = await t.db.pairSession.create({
        data: {
          language: 'python3',
          status: 'ENDED',
          documentId: doc.id,
          participants: { create: [{ userId: hero }, { userId: partner }] },
        },
      });
      await judged(partner, 'reverse-the-words', 'AC', day(9), 'python3', session.id);
      events.push({ type: 'pair.session.ended', sessionId: session.id });
    }
    // A hint bought, and a boss step of a seeded quest completed.
    const hint = await t.db.hint.findFirstOrThrow({
      where: { problemId: problem['dijkstra-shortest-paths'].id, tier: 2 },
    });
    await t.db.hintUnlock.create({ data: { userId: hero, hintId: hint.id } });
    events.push({ type: 'hint.unlocked', userId: hero, hintId: hint.id });
    const boss = await t.db.questStep.findFirstOrThrow({ where: { kind: 'BOSS' } });
    await t.db.questStepCompletion.create({ data: { userId: hero, stepId: boss.id } });
    events.push({ type: 'quest.step.completed', userId: hero, stepId: boss.id });
    // An event about something that never happened awards nothing.
    events.push({ type: 'duel.won', battleId: '00000000-0000-4000-8000-000000000000' });
  }, 120_000);
  afterAll(() => t.drop());

  it('awards XP, streaks, levels, skill points and achievements from the events', async () => {
    for (const e of events) await applyEvent(t.db, e);
    const s = await snapshot();
    const amount = (key: string) => Number(s.xpEvents.find((e) => e.startsWith(`${key}=`))?.split('=')[1]);
    const p = (slug: string) => problem[slug].id;

    expect(amount(`first-solve:${hero}:${p('digit-sum-and-root')}`)).toBe(XP_RULES.firstSolve.EASY);
    expect(amount(`first-solve:${hero}:${p('pair-sum-count')}`)).toBe(XP_RULES.firstSolve.MEDIUM);
    expect(amount(`first-solve:${hero}:${p('dijkstra-shortest-paths')}`)).toBe(XP_RULES.firstSolve.HARD);
    expect(amount(`ac:${hero}:${p('digit-sum-and-root')}:2026-03-01`)).toBe(XP_RULES.repeatAccepted);
    // One streak row per active day, growing to the cap.
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((d) => amount(`streak:${hero}:2026-03-0${d}`))).toEqual([
      5, 10, 15, 20, 25, 30, 35, 35,
    ]);
    expect(s.streakDays).toBe(8);
    expect(amount(`duel:${hero}:${events.find((e) => e.type === 'duel.won' && 'battleId' in e)?.battleId}`)).toBe(
      XP_RULES.duelWon,
    );
    expect(s.xpEvents.filter((e) => e.startsWith(`pair:${hero}:`))).toHaveLength(5);
    expect(s.xpEvents.filter((e) => e.startsWith(`pair:${partner}:`))).toHaveLength(5);
    expect(s.xpEvents.find((e) => e.startsWith(`hint:${hero}:`))).toMatch(/=-10$/);
    expect(s.xpEvents.find((e) => e.startsWith(`step:${hero}:`))).toMatch(new RegExp(`=${XP_RULES.step.BOSS}$`));

    expect(s.achievements).toEqual([
      'boss-defeated',
      'duel-winner',
      'first-ac',
      'guild-founder',
      'helpful-partner',
      'polyglot',
      'streak-7',
    ]);
    expect(amount(`achievement:${hero}:streak-7`)).toBe(100);
    expect(amount(`achievement:${hero}:first-ac`)).toBe(25);

    // The character is exactly the sum of its history, and its level follows the thresholds.
    const heroTotal = s.xpEvents
      .filter((e) => e.split(':')[1] === hero || e.startsWith(`level:${hero}`))
      .reduce((sum, e) => sum + Number(e.split('=')[1]), 0);
    expect(s.xp).toBe(heroTotal);
    expect(s.level).toBe(levelForXp(s.xp));
    expect(s.level).toBe(4);
    expect(s.skillPoints).toBe(s.level - 1);
    expect(s.xpEvents.filter((e) => e.startsWith(`level:${hero}:`))).toHaveLength(s.level - 1);
  });

  it('awards nothing more when the whole stream is replayed twice, shuffled, or concurrently', async () => {
    const before = await snapshot();
    for (let round = 0; round < 2; round++) for (const e of events) await applyEvent(t.db, e);
    expect(await snapshot()).toEqual(before);

    const shuffled = [...events].sort((a, b) => JSON.stringify(b).localeCompare(JSON.stringify(a)));
    for (const e of shuffled) {
      const outcome = await applyEvent(t.db, e);
      expect(outcome.users.every((u) => u.xpDelta === 0 && u.achievements.length === 0)).toBe(true);
    }
    await Promise.all(
      events.slice(0, 6).flatMap((e) => [applyEvent(t.db, e), applyEvent(t.db, e), applyEvent(t.db, e)]),
    );
    expect(await snapshot()).toEqual(before);
    // The catch-up sweep finds nothing left to award.
    expect(await catchUpSubmissions(t.db, hero)).toBe(0);
  });

  it('a new solve after a gap restarts the streak; a spent hint never takes XP below zero or a level away', async () => {
    const id = await judged(hero, 'pair-sum-count', 'AC', day(12), 'cpp');
    const outcome = await applyEvent(t.db, { type: 'submission.judged', submissionId: id });
    expect(outcome.users[0].streakDays).toBe(1);
    expect(outcome.users[0].awards.map((a) => a.reason).sort()).toEqual(['accepted', 'active-day']);

    const poor = (await t.db.user.create({ data: { email: 'poor@x.io', username: 'poor', displayName: 'Poor' } })).id;
    const hint = await t.db.hint.findFirstOrThrow({ where: { tier: 3 } });
    await t.db.hintUnlock.create({ data: { userId: poor, hintId: hint.id } });
    const spent = await applyEvent(t.db, { type: 'hint.unlocked', userId: poor, hintId: hint.id });
    expect(spent.users[0]).toMatchObject({ xp: 0, level: 1, xpDelta: 0 });
  });

  it('catches up on judged submissions whose event was never applied', async () => {
    const late = (await t.db.user.create({ data: { email: 'late@x.io', username: 'late', displayName: 'Late' } })).id;
    await judged(late, 'digit-sum-and-root', 'AC', new Date());
    await judged(late, 'digit-sum-and-root', 'AC', new Date());
    expect(await catchUpSubmissions(t.db, late)).toBe(1);
    expect(await catchUpSubmissions(t.db, late)).toBe(0);
    const c = await t.db.character.findUniqueOrThrow({ where: { userId: late } });
    expect(c.xp).toBe(XP_RULES.firstSolve.EASY + streakXp(1) + 25 /* first-ac */);
  });
});
