// Matchmaking requests and proposals. The invariant that keeps anyone out of two matches: a
// user has at most one of {a WAITING request, a PROPOSED match, an active session}. Every
// transaction that could break it (queueing, accepting, declining, timing out) first takes the
// advisory locks of every user it touches, in sorted order, then the match row. The matcher's
// pairing pass only moves WAITING → MATCHED under FOR UPDATE SKIP LOCKED row locks and never
// waits on an advisory lock, so the two kinds of transaction can't deadlock.
import type { Db, DbTx, Difficulty, Prisma } from '@roguelearn/db';
import type { Notifier } from '@roguelearn/db/notify';
import { DomainError, notFound } from '../../errors';
import type { MatchRequestInput } from '../../schemas/match';
import { channelInbox } from '../notification/live';
import { links, notifyMany } from '../notification/service';
import { advisoryLock, publicUserSelect, tx } from '../social/shared';
import {
  DEFAULT_SKILL,
  MATCH_CHANNEL,
  MATCH_QUEUE_CHANNEL,
  type MatchmakingOptions,
  skillByLevel,
  withDefaults,
} from './options';
import { activeSessionOf, createPairSession } from './sessions';

export const lockUsers = (t: DbTx, userIds: string[]) => advisoryLock(t, ...userIds.map((id) => `match:${id}`));

/** Tells each user's live status stream (on any replica) to refresh, on commit. */
export async function publishStatus(t: DbTx, userIds: string[]) {
  for (const id of new Set(userIds)) await t.$executeRaw`SELECT pg_notify(${MATCH_CHANNEL}, ${id})`;
}

/** Duel rating once the user has played; otherwise their declared skill level; otherwise 1500. */
export async function skillOf(t: DbTx, userId: string): Promise<number> {
  const [rating, profile] = await Promise.all([
    t.rating.findUnique({
      where: { userId_kind: { userId, kind: 'DUEL' } },
      select: { rating: true, gamesPlayed: true },
    }),
    t.profile.findUnique({ where: { userId }, select: { skillLevel: true } }),
  ]);
  if (rating && rating.gamesPlayed > 0) return rating.rating;
  if (profile) return skillByLevel[profile.skillLevel];
  return rating?.rating ?? DEFAULT_SKILL;
}

export async function requestMatch(
  db: Db,
  userId: string,
  input: MatchRequestInput,
  now = new Date(),
  options: Partial<MatchmakingOptions> = {},
) {
  const o = withDefaults(options);
  await tx(db, async (t) => {
    await lockUsers(t, [userId]);
    // A request past its expiry that no matcher pass has swept yet doesn't count.
    await t.matchRequest.updateMany({
      where: { userId, status: 'WAITING', expiresAt: { lte: now } },
      data: { status: 'EXPIRED' },
    });
    if (await t.matchRequest.count({ where: { userId, status: 'WAITING' } })) {
      throw new DomainError('CONFLICT', 'You are already in the queue');
    }
    if (await t.matchParticipant.count({ where: { userId, match: { status: 'PROPOSED' } } })) {
      throw new DomainError('CONFLICT', 'You have a match waiting for your answer');
    }
    if (await activeSessionOf(t, userId)) {
      throw new DomainError('CONFLICT', 'Leave your current pair session before looking for a new partner');
    }
    await t.matchRequest.create({
      data: {
        userId,
        difficulty: input.difficulty,
        topics: input.topics,
        language: input.language,
        skill: await skillOf(t, userId),
        createdAt: now,
        expiresAt: new Date(now.getTime() + o.requestTtlMs),
      },
    });
    await t.$executeRaw`SELECT pg_notify(${MATCH_QUEUE_CHANNEL}, ${input.difficulty})`;
    await publishStatus(t, [userId]);
  });
  return getMatchStatus(db, userId, now);
}

/** Leaves the queue; a proposal waiting for the user's answer counts as declined. */
export async function cancelMatchRequest(db: Db, userId: string, now = new Date()) {
  await tx(db, async (t) => {
    await lockUsers(t, [userId]);
    const { count } = await t.matchRequest.updateMany({
      where: { userId, status: 'WAITING' },
      data: { status: 'CANCELLED' },
    });
    if (count) await publishStatus(t, [userId]);
  });
  // The matcher may have paired the request a moment ago; its partner needs their own lock.
  const proposal = await db.matchParticipant.findFirst({
    where: { userId, match: { status: 'PROPOSED' } },
    select: { matchId: true },
  });
  if (proposal) {
    await declineMatch(db, userId, proposal.matchId, now).catch((err) => {
      // Resolved meanwhile (accepted by both or timed out): nothing left to cancel.
      if (!(err instanceof DomainError && err.code === 'CONFLICT')) throw err;
    });
  }
  return getMatchStatus(db, userId, now);
}

type Participant = Prisma.MatchParticipantGetPayload<{ include: { request: true } }>;
interface LockedMatch {
  id: string;
  status: 'PROPOSED' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED';
  acceptDeadline: Date;
}

/**
 * Runs `fn` with the match's users' advisory locks and the match row locked. Participants never
 * change after creation, so reading them before locking is safe.
 */
async function withLockedMatch<T>(
  db: Db,
  matchId: string,
  userId: string | null,
  fn: (t: DbTx, match: LockedMatch, participants: Participant[]) => Promise<T>,
): Promise<T> {
  const users = await db.matchParticipant.findMany({ where: { matchId }, select: { userId: true } });
  if (!users.length || (userId && !users.some((u) => u.userId === userId))) throw notFound('Match');
  return tx(db, async (t) => {
    await lockUsers(
      t,
      users.map((u) => u.userId),
    );
    const [match] = await t.$queryRaw<LockedMatch[]>`
      SELECT id, status::text AS status, "acceptDeadline" FROM "Match" WHERE id = ${matchId}::uuid FOR UPDATE`;
    if (!match) throw notFound('Match');
    const participants = await t.matchParticipant.findMany({ where: { matchId }, include: { request: true } });
    return fn(t, match, participants);
  });
}

/**
 * Ends a proposal that didn't go ahead. Those in `backToQueue` get their request back at its
 * original place (same createdAt) with the time spent on the proposal added to its expiry; the
 * others' requests end as `othersBecome`.
 */
async function closeProposal(
  t: DbTx,
  matchId: string,
  participants: Participant[],
  now: Date,
  outcome: {
    status: 'DECLINED' | 'EXPIRED';
    backToQueue: (p: Participant) => boolean;
    othersBecome: 'CANCELLED' | 'EXPIRED';
  },
) {
  await t.match.update({ where: { id: matchId }, data: { status: outcome.status } });
  let requeued = false;
  for (const p of participants) {
    if (outcome.backToQueue(p)) {
      const spent = now.getTime() - (p.request.matchedAt ?? now).getTime();
      await t.matchRequest.update({
        where: { id: p.requestId },
        data: {
          status: 'WAITING',
          matchedAt: null,
          expiresAt: new Date(p.request.expiresAt.getTime() + Math.max(0, spent)),
        },
      });
      requeued = true;
    } else {
      await t.matchRequest.update({ where: { id: p.requestId }, data: { status: outcome.othersBecome } });
    }
  }
  if (requeued) await t.$executeRaw`SELECT pg_notify(${MATCH_QUEUE_CHANNEL}, 'requeued')`;
  await publishStatus(
    t,
    participants.map((p) => p.userId),
  );
}

export async function acceptMatch(db: Db, userId: string, matchId: string, now = new Date()) {
  const outcome = await withLockedMatch(db, matchId, userId, async (t, match, participants) => {
    if (match.status === 'ACCEPTED') return 'ok' as const; // a double click
    if (match.status !== 'PROPOSED') return 'gone' as const;
    if (match.acceptDeadline <= now) {
      await expireProposal(t, matchId, participants, now);
      return 'late' as const;
    }
    await t.matchParticipant.update({
      where: { matchId_userId: { matchId, userId } },
      data: { acceptedAt: now },
    });
    const everyone = participants.every((p) => p.userId === userId || p.acceptedAt);
    if (everyone) {
      const { sessionId } = await createPairSession(t, matchId, participants, now);
      await notifyMany(
        t,
        participants.map((p) => ({
          userId: p.userId,
          notification: {
            type: 'match.ready',
            title: 'Your pair session is ready',
            link: links.pairSession(sessionId),
            data: { matchId, sessionId },
          },
        })),
      );
    }
    await publishStatus(
      t,
      participants.map((p) => p.userId),
    );
    return 'ok' as const;
  });
  // Thrown after the transaction so a timeout found on the way is still recorded.
  if (outcome === 'late') throw new DomainError('CONFLICT', 'The time to accept this match ran out');
  if (outcome === 'gone') throw new DomainError('CONFLICT', 'This match is no longer available');
  return getMatchStatus(db, userId, now);
}

/** Declining cancels the decliner's request and puts the partner back at their place in line. */
export async function declineMatch(db: Db, userId: string, matchId: string, now = new Date()) {
  await withLockedMatch(db, matchId, userId, async (t, match, participants) => {
    if (match.status !== 'PROPOSED') throw new DomainError('CONFLICT', 'This match is no longer available');
    await t.matchParticipant.update({ where: { matchId_userId: { matchId, userId } }, data: { declinedAt: now } });
    await closeProposal(t, matchId, participants, now, {
      status: 'DECLINED',
      backToQueue: (p) => p.userId !== userId,
      othersBecome: 'CANCELLED',
    });
  });
  return getMatchStatus(db, userId, now);
}

/** Timeout: whoever accepted goes back in line; whoever didn't answer is out. */
function expireProposal(t: DbTx, matchId: string, participants: Participant[], now: Date) {
  return closeProposal(t, matchId, participants, now, {
    status: 'EXPIRED',
    backToQueue: (p) => p.acceptedAt !== null,
    othersBecome: 'EXPIRED',
  });
}

/** Resolves proposals whose accept window has passed (the matcher calls this each pass). */
export async function expireOverdueProposals(db: Db, now: Date, limit = 100): Promise<number> {
  const overdue = await db.match.findMany({
    where: { status: 'PROPOSED', acceptDeadline: { lte: now } },
    select: { id: true },
    take: limit,
  });
  let n = 0;
  for (const { id } of overdue) {
    await withLockedMatch(db, id, null, async (t, match, participants) => {
      // Another replica, or a last-second accept, may have resolved it meanwhile.
      if (match.status !== 'PROPOSED' || match.acceptDeadline > now) return;
      await expireProposal(t, id, participants, now);
      n++;
    });
  }
  return n;
}

const DIFFICULTIES: Difficulty[] = ['EASY', 'MEDIUM', 'HARD'];

/** Median time from request to match over the last hour, per difficulty (null: no data). */
async function estimatedWaits(db: Db, now: Date): Promise<Record<Difficulty, number | null>> {
  const since = new Date(now.getTime() - 3_600_000);
  const rows = await db.$queryRaw<{ difficulty: Difficulty; seconds: number }[]>`
    SELECT difficulty::text AS difficulty,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("matchedAt" - "createdAt")))::float8 AS seconds
      FROM "MatchRequest"
     WHERE "matchedAt" IS NOT NULL AND "matchedAt" > ${since}
     GROUP BY difficulty`;
  const out = { EASY: null, MEDIUM: null, HARD: null } as Record<Difficulty, number | null>;
  for (const r of rows) out[r.difficulty] = Math.round(r.seconds);
  return out;
}

/**
 * Everything the matchmaking page shows: my state (idle, waiting, proposed, in a session), my
 * place in line, how many wait per difficulty, and how long a match usually takes.
 */
export async function getMatchStatus(db: Db, userId: string, now = new Date()) {
  const [request, proposal, session, counts, waits, last] = await Promise.all([
    db.matchRequest.findFirst({ where: { userId, status: 'WAITING', expiresAt: { gt: now } } }),
    db.matchParticipant.findFirst({
      where: { userId, match: { status: 'PROPOSED' } },
      select: {
        acceptedAt: true,
        request: { select: { difficulty: true, language: true, topics: true } },
        match: {
          select: {
            id: true,
            acceptDeadline: true,
            participants: { select: { userId: true, acceptedAt: true, user: { select: publicUserSelect } } },
          },
        },
      },
    }),
    activeSessionOf(db, userId),
    db.matchRequest.groupBy({ by: ['difficulty'], where: { status: 'WAITING', expiresAt: { gt: now } }, _count: true }),
    estimatedWaits(db, now),
    db.matchRequest.findFirst({
      where: { userId },
      orderBy: { createdAt: 'desc' },
      select: { status: true, createdAt: true },
    }),
  ]);
  const queue = Object.fromEntries(
    DIFFICULTIES.map((d) => [d, counts.find((c) => c.difficulty === d)?._count ?? 0]),
  ) as Record<Difficulty, number>;
  let position: number | null = null;
  if (request) {
    const ahead = await db.matchRequest.count({
      where: {
        status: 'WAITING',
        expiresAt: { gt: now },
        difficulty: request.difficulty,
        language: request.language,
        OR: [{ createdAt: { lt: request.createdAt } }, { createdAt: request.createdAt, id: { lt: request.id } }],
      },
    });
    position = ahead + 1;
  }
  const partner = proposal?.match.participants.find((p) => p.userId !== userId);
  return {
    state: proposal
      ? ('proposed' as const)
      : request
        ? ('waiting' as const)
        : session
          ? ('in_session' as const)
          : ('idle' as const),
    request: request && {
      id: request.id,
      difficulty: request.difficulty,
      topics: request.topics,
      language: request.language,
      createdAt: request.createdAt,
      expiresAt: request.expiresAt,
      position,
    },
    proposal: proposal && {
      matchId: proposal.match.id,
      acceptDeadline: proposal.match.acceptDeadline,
      acceptedByMe: proposal.acceptedAt !== null,
      partner: partner ? { ...partner.user, accepted: partner.acceptedAt !== null } : null,
      ...proposal.request,
    },
    session: session?.session ?? null,
    queue,
    estimatedWaitSec: waits,
    /** The latest request's fate, so the page can say "your request expired". */
    lastRequest: last,
  };
}
export type MatchStatus = Awaited<ReturnType<typeof getMatchStatus>>;

/** My matches, newest first, with partner, problem and session. */
export async function matchHistory(db: Db, userId: string, input: { cursor?: string; limit: number }) {
  const rows = await db.match.findMany({
    where: { participants: { some: { userId } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      status: true,
      createdAt: true,
      problem: { select: { slug: true, title: true, difficulty: true } },
      session: { select: { id: true, status: true, createdAt: true, endedAt: true } },
      participants: {
        select: {
          userId: true,
          acceptedAt: true,
          declinedAt: true,
          user: { select: publicUserSelect },
          request: { select: { difficulty: true, language: true, topics: true } },
        },
      },
    },
  });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map(({ participants, ...m }) => {
    const me = participants.find((p) => p.userId === userId);
    return {
      ...m,
      difficulty: me?.request.difficulty,
      language: me?.request.language,
      topics: me?.request.topics ?? [],
      acceptedAt: me?.acceptedAt ?? null,
      declinedAt: me?.declinedAt ?? null,
      partner: participants.find((p) => p.userId !== userId)?.user ?? null,
    };
  });
  return { items, nextCursor: hasMore ? items[items.length - 1].id : null };
}

/**
 * Live status: the current status at once, then again whenever it changes. A NOTIFY wakes it
 * for changes to this user; while waiting it also re-checks every few seconds, because others
 * joining or leaving the line moves its position without a signal addressed to this user.
 */
export async function* liveMatchStatus(
  db: Db,
  notifier: Notifier | undefined,
  userId: string,
  signal?: AbortSignal,
): AsyncGenerator<MatchStatus> {
  let current = await getMatchStatus(db, userId);
  yield current;
  if (!notifier) return;
  const inbox = channelInbox(notifier, MATCH_CHANNEL, (payload) => (payload === userId ? true : null), signal);
  try {
    while (!signal?.aborted) {
      await inbox.next(current.state === 'waiting' || current.state === 'proposed' ? 3000 : 15_000);
      if (signal?.aborted) break;
      const next = await getMatchStatus(db, userId);
      if (JSON.stringify(next) !== JSON.stringify(current)) yield next;
      current = next;
    }
  } finally {
    inbox.close();
  }
}
