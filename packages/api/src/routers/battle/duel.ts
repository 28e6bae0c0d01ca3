// Live duels. A duel is a Battle with two participants and one problem:
//
//   challenge ──accept──> ACTIVE (countdown, then the clock) ──first accepted solution──> FINISHED
//       │                     ├── the clock runs out with no accepted solution ───────> FINISHED (draw)
//       └─decline/expire─> CANCELLED └── a player leaves for longer than the grace ──> FINISHED (forfeit)
//
// `duel.queue` creates an open seek (a PENDING ranked Battle with only its creator); seeks whose
// ratings are close enough are paired into one duel. Every state change happens in a transaction
// that locks the Battle row, so "first accepted solution wins" holds however the judge's verdicts
// interleave: the winner is the player whose accepted submission was *submitted* first, and a
// verdict that arrives while an earlier submission is still being judged waits for it.
//
// The server is the only clock: the countdown, the end of the duel and forfeits are decided from
// timestamps written here, never from what a client says.
import type { Db, DbTx, Prisma } from '@roguelearn/db';
import { enqueueSubmission } from '@roguelearn/db/queue';
import type { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import type { duelChallengeInput, duelListInput, duelSubmitInput } from '../../schemas/battle';
import type { SessionUser } from '../auth/service';
import { notify } from '../notification/service';
import { assertNotBlocked, blockedEitherWay, userByUsername } from '../social/shared';
import { describeRating, difficultyForRating, duelUpdate, inflateDeviation } from './rating';
import { isStaff, lockRatings, publicUserSelect, publishBattle, shapeStatement, statementSelect, tx } from './shared';

export const DUEL = {
  /** Between acceptance and the clock starting: both sides get the problem at the same instant. */
  countdownMs: 10_000,
  /** A challenge nobody answers, or a seek nobody matches, is cancelled after this long. */
  pendingTtlMs: 10 * 60_000,
  /** A player whose duel page is closed this long forfeits. */
  forfeitGraceMs: 60_000,
  /** A submission made in time but still being judged at the end may decide the duel this long after. */
  judgeGraceMs: 2 * 60_000,
  submitPerMinute: 6,
  /** Queue: ratings this close are paired at once; the window widens while a seek waits. */
  queueWindow: { base: 150, perSecond: 5, max: 800 },
} as const;

export const duelLink = (battleId: string) => `/duels/${battleId}`;

const pairKey = (a: string, b: string) => `duel:${[a, b].sort().join(':')}`;

async function advisoryLock(t: DbTx, key: string) {
  await t.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

async function lockBattle(t: DbTx, battleId: string) {
  const rows = await t.$queryRaw<
    {
      id: string;
      status: 'PENDING' | 'ACTIVE' | 'FINISHED' | 'CANCELLED';
      ranked: boolean;
      durationSec: number;
      problemId: string | null;
      createdById: string | null;
      createdAt: Date;
      startedAt: Date | null;
      endsAt: Date | null;
      ratingApplied: boolean;
    }[]
  >`SELECT id, status, ranked, "durationSec", "problemId", "createdById", "createdAt", "startedAt", "endsAt", "ratingApplied"
      FROM "Battle" WHERE id = ${battleId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

const difficultyRank = { EASY: 0, MEDIUM: 1, HARD: 2 } as const;

/**
 * A published problem with tests that none of `userIds` has solved, of the difficulty nearest to
 * `target`, at random among equals. Null when there is none.
 */
export async function pickProblem(
  t: DbTx,
  userIds: string[],
  target: 'EASY' | 'MEDIUM' | 'HARD',
  exclude: string[] = [],
): Promise<string | null> {
  const rows = await t.$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "Problem" p
     WHERE p.status = 'PUBLISHED'
       AND NOT (p.id = ANY(${exclude}::uuid[]))
       AND EXISTS (SELECT 1 FROM "TestCase" tc WHERE tc."problemId" = p.id)
       AND NOT EXISTS (SELECT 1 FROM "Submission" s
                        WHERE s."problemId" = p.id AND s."userId" = ANY(${userIds}::uuid[]) AND s.verdict = 'AC')
     ORDER BY abs((CASE p.difficulty WHEN 'EASY' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END) - ${difficultyRank[target]}::int),
              random()
     LIMIT 1`;
  return rows[0]?.id ?? null;
}

async function duelRatings(t: DbTx, userIds: string[]) {
  const rows = await t.rating.findMany({ where: { userId: { in: userIds }, kind: 'DUEL' } });
  return new Map(userIds.map((id) => [id, rows.find((r) => r.userId === id)?.rating ?? 1500]));
}

async function targetDifficulty(t: DbTx, userIds: string[]) {
  const ratings = await duelRatings(t, userIds);
  const avg = [...ratings.values()].reduce((s, r) => s + r, 0) / Math.max(1, ratings.size);
  return difficultyForRating(avg);
}

async function activeDuelOf(t: DbTx, userId: string) {
  return t.battle.findFirst({
    where: { status: 'ACTIVE', participants: { some: { userId } } },
    select: { id: true },
  });
}

/**
 * Starts a PENDING duel whose players have all accepted: the countdown begins now. The players'
 * other open seeks are withdrawn (one duel at a time).
 */
async function start(t: DbTx, battleId: string, userIds: string[], durationSec: number, now: Date) {
  const startedAt = new Date(now.getTime() + DUEL.countdownMs);
  await t.battle.update({
    where: { id: battleId },
    data: { status: 'ACTIVE', startedAt, endsAt: new Date(startedAt.getTime() + durationSec * 1000) },
  });
  await t.battle.updateMany({
    where: {
      id: { not: battleId },
      status: 'PENDING',
      createdById: { in: userIds },
      participants: { every: { userId: { in: userIds } } },
    },
    data: { status: 'CANCELLED', endedAt: now },
  });
}

// ───────────────────────────── challenges ─────────────────────────────

export async function challenge(db: Db, me: SessionUser, input: z.infer<typeof duelChallengeInput>, now = new Date()) {
  const target = await userByUsername(db, input.username);
  if (target.id === me.id) throw new DomainError('BAD_REQUEST', "You can't duel yourself");
  const status = await db.user.findUnique({ where: { id: target.id }, select: { status: true } });
  if (status?.status !== 'ACTIVE') throw notFound('User');
  return tx(db, async (t) => {
    await advisoryLock(t, pairKey(me.id, target.id));
    await assertNotBlocked(t, me.id, target.id);
    const open = await t.battle.findFirst({
      where: {
        OR: [
          { status: 'ACTIVE' },
          { status: 'PENDING', createdAt: { gt: new Date(now.getTime() - DUEL.pendingTtlMs) } },
        ],
        AND: [{ participants: { some: { userId: me.id } } }, { participants: { some: { userId: target.id } } }],
      },
      select: { id: true, status: true, createdById: true },
    });
    if (open?.status === 'ACTIVE') throw new DomainError('CONFLICT', `You are already dueling ${target.username}`);
    if (open) {
      throw new DomainError(
        'CONFLICT',
        open.createdById === me.id
          ? `You already challenged ${target.username}`
          : `${target.username} already challenged you: accept their duel`,
      );
    }
    const problemId = await pickProblem(
      t,
      [me.id, target.id],
      input.difficulty ?? (await targetDifficulty(t, [me.id, target.id])),
    );
    if (!problemId) throw new DomainError('PRECONDITION_FAILED', 'There is no problem left that neither of you solved');
    const battle = await t.battle.create({
      data: {
        problemId,
        ranked: input.ranked,
        durationSec: input.minutes * 60,
        createdById: me.id,
        createdAt: now,
        participants: { create: [{ userId: me.id, acceptedAt: now }, { userId: target.id }] },
      },
      select: { id: true },
    });
    await notify(t, target.id, {
      type: 'duel.challenge',
      title: `${me.displayName} challenged you to a ${input.ranked ? 'ranked' : 'friendly'} duel`,
      body: `${input.minutes} minutes, first accepted solution wins.`,
      link: duelLink(battle.id),
      data: { battleId: battle.id, fromUserId: me.id },
    });
    await publishBattle(t, battle.id, [me.id, target.id]);
    return { battleId: battle.id };
  });
}

export async function accept(db: Db, me: SessionUser, battleId: string, now = new Date()) {
  return tx(db, async (t) => {
    const b = await lockBattle(t, battleId);
    const players = b ? await t.battleParticipant.findMany({ where: { battleId } }) : [];
    const mine = players.find((p) => p.userId === me.id);
    if (!b || !mine) throw notFound('Duel');
    if (b.status !== 'PENDING' || players.length !== 2)
      throw new DomainError('CONFLICT', 'This duel is not waiting for you');
    if (mine.acceptedAt) throw new DomainError('CONFLICT', 'You already accepted; waiting for your opponent');
    if (now.getTime() - b.createdAt.getTime() > DUEL.pendingTtlMs) {
      await t.battle.update({ where: { id: battleId }, data: { status: 'CANCELLED', endedAt: now } });
      throw new DomainError('CONFLICT', 'This challenge has expired');
    }
    const ids = players.map((p) => p.userId);
    for (const id of ids) {
      if (await activeDuelOf(t, id)) {
        throw new DomainError(
          'CONFLICT',
          id === me.id ? 'Finish your current duel first' : 'Your opponent is in another duel',
        );
      }
    }
    if (await blockedEitherWay(t, ids[0], ids[1])) throw notFound('Duel');
    // Someone may have solved the problem since the challenge: pick again at the same difficulty.
    let problemId = b.problemId;
    const solved = problemId
      ? await t.submission.count({ where: { problemId, userId: { in: ids }, verdict: 'AC' } })
      : 1;
    if (solved) {
      const old = problemId
        ? await t.problem.findUnique({ where: { id: problemId }, select: { difficulty: true } })
        : null;
      problemId = await pickProblem(t, ids, old?.difficulty ?? (await targetDifficulty(t, ids)));
      if (!problemId)
        throw new DomainError('PRECONDITION_FAILED', 'There is no problem left that neither of you solved');
      await t.battle.update({ where: { id: battleId }, data: { problemId } });
    }
    await t.battleParticipant.update({
      where: { battleId_userId: { battleId, userId: me.id } },
      data: { acceptedAt: now },
    });
    await start(t, battleId, ids, b.durationSec, now);
    const other = ids.find((id) => id !== me.id) as string;
    await notify(t, other, {
      type: 'duel.accepted',
      title: `${me.displayName} accepted your duel`,
      body: 'It starts in a few seconds.',
      link: duelLink(battleId),
      data: { battleId },
    });
    await publishBattle(t, battleId, ids);
    return { battleId };
  });
}

/** Declines a challenge, withdraws your own, or leaves the queue. */
export async function decline(db: Db, me: SessionUser, battleId: string, now = new Date()) {
  return tx(db, async (t) => {
    const b = await lockBattle(t, battleId);
    const players = b ? await t.battleParticipant.findMany({ where: { battleId } }) : [];
    if (!b || !players.some((p) => p.userId === me.id)) throw notFound('Duel');
    if (b.status !== 'PENDING') throw new DomainError('CONFLICT', 'This duel has already started or ended');
    await t.battle.update({ where: { id: battleId }, data: { status: 'CANCELLED', endedAt: now } });
    await publishBattle(
      t,
      battleId,
      players.map((p) => p.userId),
    );
    return { battleId, status: 'CANCELLED' as const };
  });
}

/**
 * Challenges the last opponent again with the same settings, or accepts their rematch if they
 * asked first.
 */
export async function rematch(db: Db, me: SessionUser, battleId: string, now = new Date()) {
  const b = await db.battle.findUnique({
    where: { id: battleId },
    select: {
      status: true,
      ranked: true,
      durationSec: true,
      endedAt: true,
      participants: { select: { user: { select: publicUserSelect } } },
    },
  });
  if (!b?.participants.some((p) => p.user.id === me.id)) throw notFound('Duel');
  if (b.status !== 'FINISHED' || b.participants.length !== 2)
    throw new DomainError('CONFLICT', 'Only a finished duel can be replayed');
  const other = b.participants.find((p) => p.user.id !== me.id)?.user as { id: string; username: string };
  const theirs = await db.battle.findFirst({
    where: {
      status: 'PENDING',
      createdById: other.id,
      createdAt: { gt: new Date(now.getTime() - DUEL.pendingTtlMs) },
      participants: { some: { userId: me.id, acceptedAt: null } },
    },
    select: { id: true },
  });
  if (theirs) return accept(db, me, theirs.id, now);
  return challenge(
    db,
    me,
    { username: other.username, ranked: b.ranked, minutes: Math.round(b.durationSec / 60) },
    now,
  );
}

// ──────────────────────────────── queue ────────────────────────────────

/** Joins the rated queue; pairs at once if a close enough opponent is waiting. */
export async function queue(db: Db, me: SessionUser, minutes: number, now = new Date()) {
  return tx(db, async (t) => {
    // Matching reads and rewrites every open seek: one matcher at a time, across replicas.
    await advisoryLock(t, 'duel:queue');
    if (await activeDuelOf(t, me.id)) throw new DomainError('CONFLICT', 'Finish your current duel first');
    const existing = await openSeekOf(t, me.id, now);
    if (!existing) {
      await t.battle.create({
        data: {
          ranked: true,
          durationSec: minutes * 60,
          createdById: me.id,
          createdAt: now,
          participants: { create: [{ userId: me.id, acceptedAt: now }] },
        },
      });
    }
    await matchSeeks(t, now);
    return queueState(t, me.id, now);
  });
}

async function openSeekOf(t: DbTx, userId: string, now: Date) {
  return t.battle.findFirst({
    where: {
      status: 'PENDING',
      createdById: userId,
      createdAt: { gt: new Date(now.getTime() - DUEL.pendingTtlMs) },
      participants: { every: { userId } },
    },
    select: { id: true, createdAt: true },
  });
}

async function queueState(t: DbTx, userId: string, now: Date) {
  const seek = await openSeekOf(t, userId, now);
  if (seek) return { status: 'WAITING' as const, battleId: seek.id, since: seek.createdAt };
  const active = await activeDuelOf(t, userId);
  return active
    ? { status: 'MATCHED' as const, battleId: active.id, since: now }
    : { status: 'IDLE' as const, battleId: null, since: null };
}

export async function queueStatus(db: Db, me: SessionUser, now = new Date()) {
  return queueState(db, me.id, now);
}

/**
 * Pairs open seeks: oldest first, each with the closest-rated compatible seek (same length, no
 * block between them) within a window that widens with the longer wait. The newer seek's row is
 * folded into the older one, which becomes the duel. Runs under the queue lock.
 */
export async function matchSeeks(t: DbTx, now: Date): Promise<string[]> {
  const seeks = await t.battle.findMany({
    where: {
      status: 'PENDING',
      ranked: true,
      createdAt: { gt: new Date(now.getTime() - DUEL.pendingTtlMs) },
      createdById: { not: null },
    },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      createdById: true,
      createdAt: true,
      durationSec: true,
      _count: { select: { participants: true } },
    },
  });
  const busy = new Set(
    (
      await t.battleParticipant.findMany({
        where: { battle: { status: 'ACTIVE' }, userId: { in: seeks.map((s) => s.createdById as string) } },
        select: { userId: true },
      })
    ).map((p) => p.userId),
  );
  const open = seeks.filter(
    (s) => s._count.participants === 1 && !busy.has(s.createdById as string),
  ) as ((typeof seeks)[number] & {
    createdById: string;
  })[];
  if (open.length < 2) return [];
  const ratings = await duelRatings(
    t,
    open.map((s) => s.createdById),
  );
  const used = new Set<string>();
  const started: string[] = [];
  for (const a of open) {
    if (used.has(a.id)) continue;
    let best: (typeof open)[number] | null = null;
    let bestGap = Number.POSITIVE_INFINITY;
    for (const b of open) {
      if (b.id === a.id || used.has(b.id) || b.durationSec !== a.durationSec || b.createdById === a.createdById)
        continue;
      const waited = (now.getTime() - Math.min(a.createdAt.getTime(), b.createdAt.getTime())) / 1000;
      const window = Math.min(DUEL.queueWindow.max, DUEL.queueWindow.base + DUEL.queueWindow.perSecond * waited);
      const gap = Math.abs((ratings.get(a.createdById) ?? 1500) - (ratings.get(b.createdById) ?? 1500));
      if (gap > window || gap >= bestGap) continue;
      if (await blockedEitherWay(t, a.createdById, b.createdById)) continue;
      best = b;
      bestGap = gap;
    }
    if (!best) continue;
    const ids = [a.createdById, best.createdById];
    const problemId = await pickProblem(t, ids, await targetDifficulty(t, ids));
    if (!problemId) continue;
    used.add(a.id).add(best.id);
    await t.battle.delete({ where: { id: best.id } });
    await t.battleParticipant.create({ data: { battleId: a.id, userId: best.createdById, acceptedAt: now } });
    await t.battle.update({ where: { id: a.id }, data: { problemId } });
    await start(t, a.id, ids, a.durationSec, now);
    for (const id of ids) {
      await notify(t, id, {
        type: 'duel.matched',
        title: 'Opponent found: your duel is starting',
        link: duelLink(a.id),
        data: { battleId: a.id },
      });
    }
    await publishBattle(t, a.id, ids);
    started.push(a.id);
  }
  return started;
}

// ─────────────────────────────── playing ───────────────────────────────

async function participantOrThrow(db: DbTx, battleId: string, userId: string) {
  const b = await db.battle.findUnique({
    where: { id: battleId },
    select: {
      id: true,
      status: true,
      problemId: true,
      startedAt: true,
      endsAt: true,
      participants: { select: { userId: true, forfeitedAt: true, solvedAt: true } },
    },
  });
  const me = b?.participants.find((p) => p.userId === userId);
  if (!b || !me) throw notFound('Duel');
  return { battle: b, me };
}

export async function submit(db: Db, me: SessionUser, input: z.infer<typeof duelSubmitInput>, now = new Date()) {
  const { battle, me: player } = await participantOrThrow(db, input.battleId, me.id);
  if (battle.status !== 'ACTIVE' || !battle.problemId || !battle.startedAt || !battle.endsAt) {
    throw new DomainError('PRECONDITION_FAILED', 'This duel is not running');
  }
  if (now < battle.startedAt) throw new DomainError('PRECONDITION_FAILED', 'The duel has not started yet');
  if (now >= battle.endsAt) throw new DomainError('PRECONDITION_FAILED', "Time's up");
  if (player.forfeitedAt && player.forfeitedAt <= now)
    throw new DomainError('PRECONDITION_FAILED', 'You forfeited this duel');
  const recent = await db.submission.count({
    where: { battleId: battle.id, userId: me.id, createdAt: { gte: new Date(now.getTime() - 60_000) } },
  });
  if (recent >= DUEL.submitPerMinute) {
    throw new DomainError('TOO_MANY_REQUESTS', 'You are submitting too fast. Wait a few seconds and try again.');
  }
  await markPresent(db, battle.id, me.id, now);
  const s = await enqueueSubmission(db, {
    userId: me.id,
    problemId: battle.problemId,
    language: input.language,
    code: input.code,
    battleId: battle.id,
    priority: 5,
  });
  await publishBattle(
    db,
    battle.id,
    battle.participants.map((p) => p.userId),
  );
  return { id: s.id };
}

/** Gives up now: the opponent wins (if the duel is still pending, it is declined instead). */
export async function forfeit(db: Db, me: SessionUser, battleId: string, now = new Date()) {
  const { battle, me: player } = await participantOrThrow(db, battleId, me.id);
  if (battle.status === 'PENDING') return decline(db, me, battleId, now);
  if (battle.status !== 'ACTIVE') throw new DomainError('CONFLICT', 'This duel is over');
  if (player.solvedAt) throw new DomainError('CONFLICT', 'You already solved it');
  await db.battleParticipant.updateMany({
    where: { battleId, userId: me.id, solvedAt: null, OR: [{ forfeitedAt: null }, { forfeitedAt: { gt: now } }] },
    data: { forfeitedAt: now },
  });
  await settleDuel(db, battleId, now);
  return { battleId, status: 'FINISHED' as const };
}

// Leaving. A BattleParticipant.forfeitedAt in the future means "left; forfeits then unless back".
// The duel page's live subscription is the presence signal: when it closes, the forfeit is
// scheduled; any live subscription or action of the player's clears it again.

/** The player is here: a scheduled (future) forfeit is lifted. */
export async function markPresent(db: DbTx, battleId: string, userId: string, now = new Date()) {
  const n = await db.battleParticipant.updateMany({
    where: { battleId, userId, forfeitedAt: { gt: now }, battle: { status: 'ACTIVE' } },
    data: { forfeitedAt: null },
  });
  if (n.count) await publishBattle(db, battleId, [userId]);
  return n.count > 0;
}

/** The player's duel page went away: they forfeit after the grace period unless they come back. */
export async function markLeft(db: DbTx, battleId: string, userId: string, now = new Date()) {
  const n = await db.battleParticipant.updateMany({
    where: { battleId, userId, forfeitedAt: null, solvedAt: null, battle: { status: 'ACTIVE' } },
    data: { forfeitedAt: new Date(now.getTime() + DUEL.forfeitGraceMs) },
  });
  if (n.count) await publishBattle(db, battleId, [userId]);
  return n.count > 0;
}

/** "Typing…" for the opponent's view: a bare NOTIFY, nothing stored. */
export async function typing(db: Db, me: SessionUser, battleId: string) {
  const { battle } = await participantOrThrow(db, battleId, me.id);
  if (battle.status !== 'ACTIVE') return { ok: false };
  await publishBattle(
    db,
    battleId,
    battle.participants.map((p) => p.userId),
    me.id,
  );
  return { ok: true };
}

// ────────────────────────────── deciding ──────────────────────────────

type Outcome =
  | { result: 'WIN'; winnerId: string; solvedAt: Date }
  | { result: 'FORFEIT'; winnerId: string | null; loserId: string }
  | { result: 'DRAW' };

/**
 * Decides an ACTIVE duel from what the database says at `now`, and finishes it if it is decided.
 * Idempotent and safe to call concurrently from anywhere (the judge hook, the sweeper, a page
 * view): the Battle row is locked FOR UPDATE, and a duel that is no longer ACTIVE is left alone.
 */
export async function settleDuel(db: Db, battleId: string, now = new Date()) {
  return tx(db, async (t) => {
    const b = await lockBattle(t, battleId);
    if (b?.status !== 'ACTIVE' || !b.endsAt) return { settled: false, status: b?.status ?? null };
    const players = await t.battleParticipant.findMany({ where: { battleId } });
    const subs = await t.submission.findMany({
      where: { battleId, kind: 'SUBMIT', createdAt: { lte: b.endsAt } },
      select: { id: true, userId: true, status: true, verdict: true, createdAt: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    // Decisive events in time order: an accepted submission (by when it was submitted) or a
    // forfeit that has come due. A solve beats a forfeit at the same instant.
    const events = [
      ...subs
        .filter((s) => s.status === 'DONE' && s.verdict === 'AC')
        .map((s) => ({ at: s.createdAt, order: 0, userId: s.userId, kind: 'solve' as const })),
      ...players
        .filter((p) => !p.solvedAt && p.forfeitedAt && p.forfeitedAt <= now && p.forfeitedAt <= (b.endsAt as Date))
        .map((p) => ({ at: p.forfeitedAt as Date, order: 1, userId: p.userId, kind: 'forfeit' as const })),
    ].sort((x, y) => x.at.getTime() - y.at.getTime() || x.order - y.order);
    const first = events[0] ?? null;
    const undecided = subs.some((s) => s.status !== 'DONE' && (!first || s.createdAt < first.at));
    const judgingOver = now.getTime() >= b.endsAt.getTime() + DUEL.judgeGraceMs;
    if (undecided && !judgingOver) return { settled: false, status: b.status };

    let outcome: Outcome;
    if (first?.kind === 'solve') outcome = { result: 'WIN', winnerId: first.userId, solvedAt: first.at };
    else if (first?.kind === 'forfeit') {
      const other = players.find((p) => p.userId !== first.userId);
      outcome = { result: 'FORFEIT', winnerId: other?.userId ?? null, loserId: first.userId };
    } else if (now >= b.endsAt) outcome = { result: 'DRAW' };
    else return { settled: false, status: b.status };

    await finish(t, b, players, outcome, now);
    return { settled: true, status: 'FINISHED' as const, ...outcome };
  });
}

async function finish(
  t: DbTx,
  b: { id: string; ranked: boolean },
  players: { userId: string; forfeitedAt: Date | null }[],
  outcome: Outcome,
  now: Date,
) {
  const winnerId = outcome.result === 'DRAW' ? null : outcome.winnerId;
  await t.battle.update({
    where: { id: b.id },
    data: { status: 'FINISHED', result: outcome.result, winnerId, endedAt: now },
  });
  if (outcome.result === 'WIN') {
    await t.battleParticipant.update({
      where: { battleId_userId: { battleId: b.id, userId: outcome.winnerId } },
      data: { solvedAt: outcome.solvedAt },
    });
  }
  // Scheduled forfeits that never came due are void: the player didn't forfeit.
  await t.battleParticipant.updateMany({
    where: { battleId: b.id, forfeitedAt: { gt: now } },
    data: { forfeitedAt: null },
  });
  const ids = players.map((p) => p.userId);
  if (b.ranked && ids.length === 2) {
    const scoreA = winnerId === null ? 0.5 : winnerId === ids[0] ? 1 : 0;
    await applyDuelRatings(t, b.id, ids[0], ids[1], scoreA, now);
  }
  const names = await t.user.findMany({ where: { id: { in: ids } }, select: publicUserSelect });
  for (const id of ids) {
    const opponent = names.find((n) => n.id !== id)?.username ?? 'your opponent';
    const verb = winnerId === null ? 'drew with' : winnerId === id ? 'beat' : 'lost to';
    const how = outcome.result === 'FORFEIT' ? ' by forfeit' : outcome.result === 'DRAW' ? ' (time ran out)' : '';
    await notify(t, id, {
      type: 'duel.finished',
      title: `You ${verb} ${opponent}${how}`,
      link: duelLink(b.id),
      data: { battleId: b.id, result: outcome.result, winnerId },
    });
  }
  await publishBattle(t, b.id, ids);
}

/**
 * Glicko-2 for both players, with history rows, in the caller's transaction. Guarded twice: the
 * conditional update of Battle.ratingApplied lets exactly one transaction through, and the
 * unique (userId, battleId) history rows would abort a second one anyway.
 */
export async function applyDuelRatings(
  t: DbTx,
  battleId: string,
  a: string,
  b: string,
  scoreA: 0 | 0.5 | 1,
  now = new Date(),
) {
  const claimed = await t.battle.updateMany({
    where: { id: battleId, ratingApplied: false },
    data: { ratingApplied: true },
  });
  if (claimed.count !== 1) return false;
  const rows = await lockRatings(t, [a, b], 'DUEL');
  const before = [a, b].map((id) => {
    const r = rows.get(id) as NonNullable<ReturnType<typeof rows.get>>;
    const idleDays = r.gamesPlayed ? (now.getTime() - r.updatedAt.getTime()) / 86_400_000 : 0;
    return inflateDeviation({ rating: r.rating, deviation: r.deviation, volatility: r.volatility }, idleDays);
  });
  const after = duelUpdate(before[0], before[1], scoreA);
  for (const [i, userId] of [a, b].entries()) {
    const old = rows.get(userId) as NonNullable<ReturnType<typeof rows.get>>;
    await t.rating.update({
      where: { userId_kind: { userId, kind: 'DUEL' } },
      data: { ...after[i], gamesPlayed: { increment: 1 } },
    });
    await t.ratingHistory.create({
      data: { userId, kind: 'DUEL', before: old.rating, after: after[i].rating, battleId, createdAt: now },
    });
    await t.battleParticipant.update({
      where: { battleId_userId: { battleId, userId } },
      data: { ratingBefore: old.rating, ratingAfter: after[i].rating },
    });
  }
  return true;
}

/**
 * Periodic housekeeping (every few seconds, from any number of processes): expires unanswered
 * challenges and seeks, pairs queued players whose windows have widened, and settles duels whose
 * clock ran out or whose player left.
 */
export async function sweepDuels(db: Db, now = new Date()) {
  const expired = await db.battle.findMany({
    where: { status: 'PENDING', createdAt: { lte: new Date(now.getTime() - DUEL.pendingTtlMs) } },
    select: { id: true, participants: { select: { userId: true } } },
  });
  for (const b of expired) {
    const n = await db.battle.updateMany({
      where: { id: b.id, status: 'PENDING' },
      data: { status: 'CANCELLED', endedAt: now },
    });
    if (n.count)
      await publishBattle(
        db,
        b.id,
        b.participants.map((p) => p.userId),
      );
  }
  const matched = await tx(db, async (t) => {
    await advisoryLock(t, 'duel:queue');
    return matchSeeks(t, now);
  });
  const due = await db.battle.findMany({
    where: {
      status: 'ACTIVE',
      OR: [
        { endsAt: { lte: now } },
        { participants: { some: { forfeitedAt: { lte: now }, solvedAt: null } } },
        // Self-healing if a verdict's hook was missed: an accepted submission decides the duel.
        { submissions: { some: { status: 'DONE', verdict: 'AC' } } },
      ],
    },
    select: { id: true },
  });
  let settled = 0;
  for (const b of due) if ((await settleDuel(db, b.id, now)).settled) settled++;
  return { expired: expired.length, matched: matched.length, settled };
}

// ─────────────────────────────── reading ───────────────────────────────

const duelSelect = {
  id: true,
  status: true,
  ranked: true,
  durationSec: true,
  result: true,
  winnerId: true,
  createdById: true,
  createdAt: true,
  startedAt: true,
  endsAt: true,
  endedAt: true,
  problemId: true,
  participants: {
    select: {
      userId: true,
      acceptedAt: true,
      solvedAt: true,
      forfeitedAt: true,
      ratingBefore: true,
      ratingAfter: true,
      user: { select: { ...publicUserSelect, ratings: { where: { kind: 'DUEL' } } } },
    },
  },
  submissions: {
    where: { kind: 'SUBMIT' },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      userId: true,
      status: true,
      verdict: true,
      testsPassed: true,
      testsTotal: true,
      language: true,
      createdAt: true,
    },
  },
} satisfies Prisma.BattleSelect;

/**
 * A duel as its players (and staff) see it: both players' progress (accepted, submissions and
 * tests passed, solved, left), the server's clock, and the problem once the countdown is over.
 * The opponent's code and any hidden test never appear; only counts and verdicts do.
 */
export async function getDuel(db: Db, viewer: SessionUser, battleId: string, now = new Date()) {
  let b = await db.battle.findUnique({ where: { id: battleId }, select: duelSelect });
  if (!b || (!b.participants.some((p) => p.userId === viewer.id) && !isStaff(viewer))) throw notFound('Duel');
  // Settle lazily too: whoever looks first after the deciding moment finishes the duel.
  const due =
    b.status === 'ACTIVE' &&
    ((b.endsAt && now >= b.endsAt) ||
      b.submissions.some((s) => s.verdict === 'AC') ||
      b.participants.some((p) => p.forfeitedAt && p.forfeitedAt <= now));
  if (due && (await settleDuel(db, battleId, now)).settled) {
    b = await db.battle.findUniqueOrThrow({ where: { id: battleId }, select: duelSelect });
  }
  const started = !!b.startedAt && now >= b.startedAt && b.status !== 'CANCELLED';
  const problem =
    started && b.problemId
      ? shapeStatement(await db.problem.findUniqueOrThrow({ where: { id: b.problemId }, select: statementSelect }))
      : null;
  const players = b.participants
    .map((p) => {
      const subs = b.submissions.filter((s) => s.userId === p.userId);
      const last = subs.at(-1);
      const own = p.userId === viewer.id || isStaff(viewer);
      return {
        user: { id: p.user.id, username: p.user.username, displayName: p.user.displayName },
        rating: describeRating('DUEL', p.user.ratings[0] ?? null),
        accepted: !!p.acceptedAt,
        solved: !!p.solvedAt,
        solvedAt: p.solvedAt,
        forfeited: !!p.forfeitedAt && p.forfeitedAt <= (b.endedAt ?? now),
        /** Left the duel page: forfeits at this time unless back. */
        awayUntil: p.forfeitedAt && p.forfeitedAt > now && b.status === 'ACTIVE' ? p.forfeitedAt : null,
        submissions: subs.length,
        bestTestsPassed: Math.max(0, ...subs.map((s) => s.testsPassed)),
        last: last
          ? {
              id: own ? last.id : null,
              status: last.status,
              verdict: last.verdict,
              testsPassed: last.testsPassed,
              testsTotal: last.testsTotal,
              language: last.language,
              createdAt: last.createdAt,
            }
          : null,
        ratingBefore: p.ratingBefore === null ? null : Math.round(p.ratingBefore),
        ratingAfter: p.ratingAfter === null ? null : Math.round(p.ratingAfter),
      };
    })
    // The viewer first, then the opponent.
    .sort((x, y) => Number(y.user.id === viewer.id) - Number(x.user.id === viewer.id));
  return {
    id: b.id,
    status: b.status,
    ranked: b.ranked,
    durationSec: b.durationSec,
    kind: b.participants.length === 1 && b.status === 'PENDING' ? ('seek' as const) : ('duel' as const),
    createdById: b.createdById,
    createdAt: b.createdAt,
    expiresAt: b.status === 'PENDING' ? new Date(b.createdAt.getTime() + DUEL.pendingTtlMs) : null,
    startedAt: b.startedAt,
    endsAt: b.endsAt,
    endedAt: b.endedAt,
    serverNow: now,
    result: b.result,
    winnerId: b.winnerId,
    players,
    /** The viewer's pending submissions: the live view watches these for test-by-test progress. */
    pendingSubmissionIds: b.submissions
      .filter((s) => s.status !== 'DONE' && (s.userId === viewer.id || isStaff(viewer)))
      .map((s) => s.id),
    problem,
  };
}

export type DuelView = Awaited<ReturnType<typeof getDuel>>;

/** The server-side ids of a duel's unfinished submissions, for the subscription's NOTIFY filter. */
export async function pendingBattleSubmissions(db: Db, battleId: string) {
  const rows = await db.submission.findMany({ where: { battleId, status: { not: 'DONE' } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

/** My duels: open ones (incoming and outgoing challenges, my seek, the running duel) or finished ones. */
export async function listDuels(db: Db, me: SessionUser, input: z.infer<typeof duelListInput>, now = new Date()) {
  const rows = await db.battle.findMany({
    where: {
      participants: { some: { userId: me.id } },
      ...(input.status === 'open'
        ? {
            status: { in: ['PENDING', 'ACTIVE'] },
            OR: [{ status: 'ACTIVE' }, { createdAt: { gt: new Date(now.getTime() - DUEL.pendingTtlMs) } }],
          }
        : { status: 'FINISHED' }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      status: true,
      ranked: true,
      durationSec: true,
      result: true,
      winnerId: true,
      createdById: true,
      createdAt: true,
      startedAt: true,
      endsAt: true,
      endedAt: true,
      participants: {
        select: {
          userId: true,
          acceptedAt: true,
          ratingBefore: true,
          ratingAfter: true,
          user: { select: publicUserSelect },
        },
      },
    },
  });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map((b) => {
    const mine = b.participants.find((p) => p.userId === me.id);
    const other = b.participants.find((p) => p.userId !== me.id);
    return {
      id: b.id,
      status: b.status,
      ranked: b.ranked,
      durationSec: b.durationSec,
      kind: b.participants.length === 1 ? ('seek' as const) : ('duel' as const),
      /** A challenge waiting for my answer. */
      incoming: b.status === 'PENDING' && !!mine && !mine.acceptedAt,
      opponent: other?.user ?? null,
      outcome:
        b.status !== 'FINISHED'
          ? null
          : b.winnerId === null
            ? ('DRAW' as const)
            : b.winnerId === me.id
              ? ('WON' as const)
              : ('LOST' as const),
      result: b.result,
      ratingDelta:
        mine?.ratingAfter != null && mine.ratingBefore != null
          ? Math.round(mine.ratingAfter - mine.ratingBefore)
          : null,
      createdAt: b.createdAt,
      startedAt: b.startedAt,
      endsAt: b.endsAt,
      endedAt: b.endedAt,
    };
  });
  return { items, nextCursor: hasMore ? items[items.length - 1].id : null };
}
