import { createPrisma, type Db } from '@roguelearn/db';
import { createNotifier, type Notifier } from '@roguelearn/db/notify';
import { enqueueSubmission, notifySubmission } from '@roguelearn/db/queue';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, testAuthConfig } from '../../testing';
import type { SessionUser } from '../auth/service';
import { applyDuelRatings, DUEL, markLeft, markPresent, settleDuel, sweepDuels } from './duel';
import { onSubmissionJudged, startCompetitionWorker } from './judged';
import { type DuelEvent, duelStream } from './live';

const config = testAuthConfig();
let t: TestDatabase;
let other: Db[] = [];
let notifier: Notifier;
const people: Record<string, { b: ReturnType<typeof browser>; user: SessionUser }> = {};
const problems: Record<string, string> = {};

async function person(name: string) {
  const b = browser(t.db, config);
  const { user } = await b.run((c) =>
    c.auth.signUp({ email: `${name}@x.io`, username: name, displayName: name.toUpperCase(), password: 'password-123' }),
  );
  people[name] = { b, user: { ...user, sessionId: null } as SessionUser };
  return people[name];
}
const as = (name: string) => people[name].b.run.bind(people[name].b);
const id = (name: string) => people[name].user.id;

/** Plays the judge: the verdict (and a test count), then NOTIFY, like apps/judge. */
async function judge(db: Db, submissionId: string, verdict: 'AC' | 'WA', passed = verdict === 'AC' ? 3 : 1) {
  await db.submission.update({
    where: { id: submissionId },
    data: {
      status: 'DONE',
      verdict,
      testsPassed: passed,
      testsTotal: 3,
      score: verdict === 'AC' ? 100 : 33,
      judgedAt: new Date(),
    },
  });
  await notifySubmission(db, submissionId);
}

/** A running duel between two players, started a moment ago (countdown already over). */
async function runningDuel(a: string, b: string, opts: { ranked?: boolean; minutes?: number } = {}) {
  const { battleId } = await as(a)((c) =>
    c.battle.duel.challenge({ username: b, ranked: opts.ranked ?? true, minutes: opts.minutes ?? 10 }),
  );
  await as(b)((c) => c.battle.duel.accept({ battleId }));
  const now = Date.now();
  await t.db.battle.update({
    where: { id: battleId },
    data: { startedAt: new Date(now - 1000), endsAt: new Date(now - 1000 + (opts.minutes ?? 10) * 60_000) },
  });
  return battleId;
}

/** A battle submission stored directly, with a chosen submission time. */
async function battleSubmission(battleId: string, user: string, createdAt: Date) {
  const battle = await t.db.battle.findUniqueOrThrow({ where: { id: battleId } });
  const s = await enqueueSubmission(t.db, {
    userId: id(user),
    problemId: battle.problemId,
    language: 'python3',
    code: `print(${user.length})`,
    battleId,
  });
  await t.db.submission.update({ where: { id: s.id }, data: { createdAt } });
  return s.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  other = [createPrisma(t.url), createPrisma(t.url), createPrisma(t.url)];
  notifier = createNotifier(t.url);
  const specs = [
    ['easy-1', 'EASY'],
    ['easy-2', 'EASY'],
    ['easy-3', 'EASY'],
    ['medium-1', 'MEDIUM'],
    ['hard-1', 'HARD'],
    ...Array.from({ length: 12 }, (_, i) => [`medium-x${i}`, 'MEDIUM'] as const),
  ] as const;
  for (const [slug, difficulty] of specs) {
    const p = await t.db.problem.create({
      data: {
        slug,
        title: slug,
        statement: 'Print the answer.',
        difficulty,
        category: 'basics',
        status: 'PUBLISHED',
        testCases: {
          create: [
            { ordinal: 0, input: '1\n', expectedOutput: '1\n', isSample: true },
            { ordinal: 1, input: 'HIDDEN-INPUT\n', expectedOutput: 'HIDDEN-OUTPUT\n' },
          ],
        },
      },
    });
    problems[slug] = p.id;
  }
  for (const name of ['ana', 'bob', 'cyd', 'dee', 'eve', 'fay', 'gus', 'hal']) await person(name);
});
afterAll(async () => {
  await notifier.close();
  await Promise.all(other.map((d) => d.$disconnect()));
  await t.drop();
});

describe('duel: challenge to result', () => {
  it('plays a full duel: challenge, accept, countdown, live progress without leaks, first AC wins, ratings with history', async () => {
    const { battleId } = await as('ana')((c) => c.battle.duel.challenge({ username: 'bob', minutes: 10 }));
    // Bob is told, and sees a pending duel without its problem.
    const inbox = await t.db.notification.findMany({ where: { userId: id('bob'), type: 'duel.challenge' } });
    expect(inbox).toHaveLength(1);
    const incoming = await as('bob')((c) => c.battle.duel.list());
    expect(incoming.items[0]).toMatchObject({ id: battleId, incoming: true, opponent: { username: 'ana' } });
    expect((await as('bob')((c) => c.battle.duel.get({ battleId }))).problem).toBeNull();
    await expect(as('cyd')((c) => c.battle.duel.get({ battleId }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(as('ana')((c) => c.battle.duel.challenge({ username: 'bob' }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    await as('bob')((c) => c.battle.duel.accept({ battleId }));
    const counting = await as('ana')((c) => c.battle.duel.get({ battleId }));
    expect(counting.status).toBe('ACTIVE');
    // Server-authoritative countdown: the problem and submitting open at startedAt.
    expect(counting.startedAt!.getTime() - counting.serverNow.getTime()).toBeGreaterThan(DUEL.countdownMs - 2000);
    expect(counting.endsAt!.getTime() - counting.startedAt!.getTime()).toBe(10 * 60_000);
    expect(counting.problem).toBeNull();
    await expect(
      as('ana')((c) => c.battle.duel.submit({ battleId, language: 'python3', code: 'print(1)' })),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });

    const now = Date.now();
    await t.db.battle.update({
      where: { id: battleId },
      data: { startedAt: new Date(now - 1000), endsAt: new Date(now + 10 * 60_000) },
    });
    const live = await as('ana')((c) => c.battle.duel.get({ battleId }));
    expect(live.problem?.samples).toHaveLength(1);
    expect(JSON.stringify(live)).not.toMatch(/HIDDEN/);

    const bobSub = await as('bob')((c) => c.battle.duel.submit({ battleId, language: 'python3', code: 'print(2)' }));
    await judge(t.db, bobSub.id, 'WA', 1);
    await onSubmissionJudged(t.db, bobSub.id);
    const seenByAna = await as('ana')((c) => c.battle.duel.get({ battleId }));
    const bobRow = seenByAna.players.find((p) => p.user.username === 'bob')!;
    expect(bobRow).toMatchObject({ accepted: true, solved: false, submissions: 1 });
    expect(bobRow.last).toMatchObject({ id: null, verdict: 'WA', testsPassed: 1, testsTotal: 3 });
    expect(JSON.stringify(seenByAna)).not.toContain('print(2)');
    expect(seenByAna.status).toBe('ACTIVE');

    const anaSub = await as('ana')((c) => c.battle.duel.submit({ battleId, language: 'python3', code: 'print(1)' }));
    await judge(t.db, anaSub.id, 'AC');
    expect(await onSubmissionJudged(t.db, anaSub.id)).toMatchObject({
      kind: 'duel',
      settled: true,
      winnerId: id('ana'),
    });

    const done = await as('bob')((c) => c.battle.duel.get({ battleId }));
    expect(done).toMatchObject({ status: 'FINISHED', result: 'WIN', winnerId: id('ana') });
    // Two newcomers, hand-computed in rating.test.ts: 1662.31 and 1337.69.
    const ana = done.players.find((p) => p.user.username === 'ana')!;
    expect(ana).toMatchObject({ solved: true, ratingBefore: 1500, ratingAfter: 1662 });
    expect(done.players.find((p) => p.user.username === 'bob')).toMatchObject({
      ratingBefore: 1500,
      ratingAfter: 1338,
    });
    const history = await as('bob')((c) => c.battle.rating.history({ username: 'ana', kind: 'DUEL' }));
    expect(history.points).toEqual([
      expect.objectContaining({
        before: 1500,
        rating: 1662,
        delta: 162,
        duel: { id: battleId, opponent: 'bob', outcome: 'WON' },
      }),
    ]);
    expect(history.current).toMatchObject({ rating: 1662, provisional: true, tier: { title: 'Knight' } });
    const mine = await as('ana')((c) => c.battle.rating.of({ username: 'bob' }));
    expect(mine.duel).toMatchObject({ rating: 1338, gamesPlayed: 1 });
    expect(await t.db.notification.count({ where: { type: 'duel.finished' } })).toBe(2);

    // Rematch: bob asks, ana's rematch accepts it.
    const re = await as('bob')((c) => c.battle.duel.rematch({ battleId }));
    const accepted = await as('ana')((c) => c.battle.duel.rematch({ battleId }));
    expect(accepted.battleId).toBe(re.battleId);
    expect((await t.db.battle.findUniqueOrThrow({ where: { id: re.battleId } })).status).toBe('ACTIVE');
    await as('ana')((c) => c.battle.duel.forfeit({ battleId: re.battleId }));
    const forfeited = await t.db.battle.findUniqueOrThrow({ where: { id: re.battleId } });
    expect(forfeited).toMatchObject({ status: 'FINISHED', result: 'FORFEIT', winnerId: id('bob') });
  });

  it('picks a problem near both ratings that neither player solved', async () => {
    for (const [user, slug] of [
      ['cyd', 'easy-1'],
      ['dee', 'easy-2'],
    ] as const) {
      await t.db.submission.create({
        data: {
          userId: id(user),
          problemId: problems[slug],
          language: 'python3',
          code: 'x',
          status: 'DONE',
          verdict: 'AC',
        },
      });
    }
    const { battleId } = await as('cyd')((c) => c.battle.duel.challenge({ username: 'dee', ranked: false }));
    const b = await t.db.battle.findUniqueOrThrow({ where: { id: battleId } });
    // Two newcomers (1500 → EASY): easy-1 and easy-2 are solved, easy-3 is the only one left.
    expect(b.problemId).toBe(problems['easy-3']);
    await as('dee')((c) => c.battle.duel.decline({ battleId }));
    expect((await t.db.battle.findUniqueOrThrow({ where: { id: battleId } })).status).toBe('CANCELLED');
  });
});

describe('duel: concurrency on real PostgreSQL', () => {
  it('two accepted submissions judged at the same moment yield exactly one winner: the earlier submission', async () => {
    for (let round = 0; round < 4; round++) {
      const battleId = await runningDuel('cyd', 'dee', { ranked: round % 2 === 0 });
      const base = Date.now() - 500;
      // Cyd submitted a millisecond before Dee; the judge finishes them in either order, together.
      const first = await battleSubmission(battleId, 'cyd', new Date(base));
      const second = await battleSubmission(battleId, 'dee', new Date(base + 1));
      const [x, y] = round < 2 ? [first, second] : [second, first];
      const results = await Promise.all([
        judge(other[0], x, 'AC').then(() => onSubmissionJudged(other[0], x)),
        judge(other[1], y, 'AC').then(() => onSubmissionJudged(other[1], y)),
      ]);
      expect(results.filter((r) => 'settled' in r && r.settled)).toHaveLength(1);
      const b = await t.db.battle.findUniqueOrThrow({ where: { id: battleId }, include: { participants: true } });
      expect(b).toMatchObject({ status: 'FINISHED', result: 'WIN', winnerId: id('cyd') });
      expect(b.participants.filter((p) => p.solvedAt)).toHaveLength(1);
      expect(await t.db.ratingHistory.count({ where: { battleId } })).toBe(b.ranked ? 2 : 0);
    }
    const ratings = await t.db.rating.findMany({ where: { userId: { in: [id('cyd'), id('dee')] }, kind: 'DUEL' } });
    // Two ranked rounds of the four: each counted exactly once.
    expect(ratings.map((r) => r.gamesPlayed)).toEqual([2, 2]);
  });

  it('an accepted verdict waits for an earlier submission still being judged', async () => {
    const battleId = await runningDuel('eve', 'fay');
    const base = Date.now() - 500;
    const early = await battleSubmission(battleId, 'eve', new Date(base));
    const late = await battleSubmission(battleId, 'fay', new Date(base + 100));
    await judge(t.db, late, 'AC');
    expect(await onSubmissionJudged(t.db, late)).toMatchObject({ settled: false });
    expect((await t.db.battle.findUniqueOrThrow({ where: { id: battleId } })).status).toBe('ACTIVE');
    await judge(t.db, early, 'AC');
    await onSubmissionJudged(t.db, early);
    expect(await t.db.battle.findUniqueOrThrow({ where: { id: battleId } })).toMatchObject({ winnerId: id('eve') });
  });

  it('never applies ratings twice: the finisher and the rating step, each called concurrently on separate clients', async () => {
    const battleId = await runningDuel('gus', 'hal');
    const s = await battleSubmission(battleId, 'hal', new Date(Date.now() - 200));
    await judge(t.db, s, 'AC');
    const settled = await Promise.all([
      settleDuel(other[0], battleId),
      settleDuel(other[1], battleId),
      onSubmissionJudged(other[2], s),
      sweepDuels(t.db),
    ]);
    const finishers = settled.slice(0, 3).filter((r) => 'settled' in r && r.settled).length;
    expect(finishers + settled[3].settled).toBe(1);
    expect(await t.db.ratingHistory.count({ where: { battleId } })).toBe(2);
    const before = await t.db.rating.findMany({ where: { userId: { in: [id('gus'), id('hal')] }, kind: 'DUEL' } });
    expect(before.map((r) => r.gamesPlayed)).toEqual([1, 1]);

    // The rating step itself, on a battle whose flag is still clear, run twice at once: one wins.
    const fresh = await runningDuel('gus', 'hal', { ranked: false });
    await t.db.battle.update({ where: { id: fresh }, data: { status: 'FINISHED', ranked: true } });
    const applied = await Promise.all(
      other
        .slice(0, 2)
        .map((d) => d.$transaction((tx) => applyDuelRatings(tx, fresh, id('gus'), id('hal'), 1), { timeout: 20_000 })),
    );
    expect(applied.filter(Boolean)).toHaveLength(1);
    expect(await t.db.ratingHistory.count({ where: { battleId: fresh } })).toBe(2);
    const after = await t.db.rating.findMany({ where: { userId: { in: [id('gus'), id('hal')] }, kind: 'DUEL' } });
    expect(after.map((r) => r.gamesPlayed)).toEqual([2, 2]);
    // And the unique (user, battle) history rows refuse a forced second application outright.
    await t.db.battle.update({ where: { id: fresh }, data: { ratingApplied: false } });
    await expect(t.db.$transaction((tx) => applyDuelRatings(tx, fresh, id('gus'), id('hal'), 1))).rejects.toThrow();
    expect((await t.db.rating.findMany({ where: { userId: id('gus'), kind: 'DUEL' } }))[0].gamesPlayed).toBe(2);
  });
});

describe('duel: clock, leaving and the queue', () => {
  it('a timeout is a draw, unless a submission made in time is accepted within the judging grace', async () => {
    const drawn = await runningDuel('ana', 'cyd', { ranked: false });
    const end = (await t.db.battle.findUniqueOrThrow({ where: { id: drawn } })).endsAt!;
    expect((await sweepDuels(t.db, new Date(end.getTime() - 1000))).settled).toBe(0);
    await sweepDuels(t.db, new Date(end.getTime() + 1000));
    expect(await t.db.battle.findUniqueOrThrow({ where: { id: drawn } })).toMatchObject({
      status: 'FINISHED',
      result: 'DRAW',
      winnerId: null,
    });

    const late = await runningDuel('ana', 'cyd', { ranked: false });
    const lateEnd = (await t.db.battle.findUniqueOrThrow({ where: { id: late } })).endsAt!;
    const s = await battleSubmission(late, 'cyd', new Date(lateEnd.getTime() - 2000));
    await sweepDuels(t.db, new Date(lateEnd.getTime() + 1000));
    expect((await t.db.battle.findUniqueOrThrow({ where: { id: late } })).status).toBe('ACTIVE');
    await judge(t.db, s, 'AC');
    await onSubmissionJudged(t.db, s, new Date(lateEnd.getTime() + 30_000));
    expect(await t.db.battle.findUniqueOrThrow({ where: { id: late } })).toMatchObject({
      result: 'WIN',
      winnerId: id('cyd'),
    });
  });

  it('a player who leaves forfeits after the grace period, unless they come back', async () => {
    const battleId = await runningDuel('eve', 'gus', { ranked: false });
    const now = Date.now();
    await markLeft(t.db, battleId, id('gus'), new Date(now));
    const away = await as('eve')((c) => c.battle.duel.get({ battleId }));
    expect(away.players.find((p) => p.user.username === 'gus')?.awayUntil).not.toBeNull();
    await sweepDuels(t.db, new Date(now + DUEL.forfeitGraceMs / 2));
    expect((await t.db.battle.findUniqueOrThrow({ where: { id: battleId } })).status).toBe('ACTIVE');
    expect(await markPresent(t.db, battleId, id('gus'), new Date(now + DUEL.forfeitGraceMs / 2))).toBe(true);
    await sweepDuels(t.db, new Date(now + DUEL.forfeitGraceMs + 1000));
    expect((await t.db.battle.findUniqueOrThrow({ where: { id: battleId } })).status).toBe('ACTIVE');

    await markLeft(t.db, battleId, id('gus'), new Date(now + 2000));
    await sweepDuels(t.db, new Date(now + 2000 + DUEL.forfeitGraceMs + 1000));
    expect(await t.db.battle.findUniqueOrThrow({ where: { id: battleId } })).toMatchObject({
      status: 'FINISHED',
      result: 'FORFEIT',
      winnerId: id('eve'),
    });
  });

  it('streams both players’ progress live; closing the stream starts the forfeit grace', async () => {
    const battleId = await runningDuel('fay', 'hal', { ranked: false });
    const controller = new AbortController();
    const events: DuelEvent[] = [];
    const stream = duelStream(t.db, people.fay.user, battleId, notifier, controller.signal);
    const reading = (async () => {
      for await (const e of stream) {
        events.push(e);
        if (e.type === 'state' && e.duel.status === 'FINISHED') break;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await as('hal')((c) => c.battle.duel.typing({ battleId }));
    const s = await as('hal')((c) => c.battle.duel.submit({ battleId, language: 'python3', code: 'print(1)' }));
    await new Promise((r) => setTimeout(r, 300));
    await judge(t.db, s.id, 'WA', 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(events.some((e) => e.type === 'typing' && e.userId === id('hal'))).toBe(true);
    const last = events.filter((e) => e.type === 'state').at(-1) as Extract<DuelEvent, { type: 'state' }>;
    expect(last.duel.players.find((p) => p.user.username === 'hal')?.last).toMatchObject({
      verdict: 'WA',
      testsPassed: 2,
    });
    controller.abort();
    await reading;
    const fay = await t.db.battleParticipant.findUniqueOrThrow({
      where: { battleId_userId: { battleId, userId: id('fay') } },
    });
    expect(fay.forfeitedAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it('the competition worker settles a duel when the verdict arrives on the submissions channel', async () => {
    const worker = startCompetitionWorker({ db: t.db, notifier, sweepMs: 60_000 });
    const battleId = await runningDuel('bob', 'eve', { ranked: false });
    const s = await battleSubmission(battleId, 'eve', new Date(Date.now() - 100));
    await new Promise((r) => setTimeout(r, 300));
    await judge(t.db, s, 'AC');
    const status = () => t.db.battle.findUniqueOrThrow({ where: { id: battleId } });
    for (let i = 0; i < 50 && (await status()).status === 'ACTIVE'; i++) await new Promise((r) => setTimeout(r, 100));
    await worker.stop();
    expect(await status()).toMatchObject({ status: 'FINISHED', result: 'WIN', winnerId: id('eve') });
  });

  it('pairs queued players by rating, widening the window while they wait', async () => {
    for (const [user, rating] of [
      ['ana', 1800],
      ['bob', 1500],
    ] as const) {
      await t.db.rating.update({ where: { userId_kind: { userId: id(user), kind: 'DUEL' } }, data: { rating } });
    }
    // 300 points apart: too far for the starting window of 150.
    const first = await as('ana')((c) => c.battle.duel.queue({ minutes: 15 }));
    expect(first.status).toBe('WAITING');
    const second = await as('bob')((c) => c.battle.duel.queue({ minutes: 15 }));
    expect(second.status).toBe('WAITING');
    expect((await as('ana')((c) => c.battle.duel.queueStatus())).status).toBe('WAITING');
    // A minute later the window (150 + 5/s = 450) covers the gap.
    const later = new Date(Date.now() + 60_000);
    expect((await sweepDuels(t.db, later)).matched).toBe(1);
    const a = await as('ana')((c) => c.battle.duel.queueStatus());
    const b = await as('bob')((c) => c.battle.duel.queueStatus());
    expect(a.status).toBe('MATCHED');
    expect(b.battleId).toBe(a.battleId);
    const duel = await t.db.battle.findUniqueOrThrow({ where: { id: a.battleId! }, include: { participants: true } });
    expect(duel).toMatchObject({ status: 'ACTIVE', ranked: true, durationSec: 900 });
    expect(duel.participants).toHaveLength(2);
    expect(duel.problemId).not.toBeNull();
  });
});
