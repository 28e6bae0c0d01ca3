// Pair sessions: created when both sides of a match accept, each with its collaborative
// document (room `pair:<sessionId>`, served by apps/realtime) and a problem that fits both
// requests. Listing and leaving live here too; the session page itself is the realtime domain's.
import crypto from 'node:crypto';
import type { Db, DbTx, Difficulty } from '@roguelearn/db';
import { DomainError, notFound } from '../../errors';
import type { SessionUser } from '../auth/service';
import { watchesPairSession } from '../collab/service';
import { publicUserSelect } from '../social/shared';
import { MATCH_CHANNEL } from './options';

export const pairRoom = (sessionId: string) => `pair:${sessionId}`;

/** Topics both asked for; when one side named none, whatever the other named. */
export function sharedTopics(lists: string[][]): string[] {
  const named = lists.filter((l) => l.length);
  if (!named.length) return [];
  const common = named.reduce((acc, l) => acc.filter((t) => l.includes(t)));
  return common.length ? common : [...new Set(named.flat())];
}

/**
 * The best published problem for a pair, by preference: the requested difficulty, then a tag (or
 * category) among the topics, then one neither has solved; random among equals so pairs don't
 * all get the same problem. Null only when nothing is published.
 */
export async function pickProblem(
  t: DbTx,
  difficulty: Difficulty,
  topics: string[],
  userIds: string[],
): Promise<string | null> {
  const rows = await t.$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "Problem" p
     WHERE p.status = 'PUBLISHED'
     ORDER BY
       (p.difficulty = ${difficulty}::"Difficulty") DESC,
       (p.category = ANY(${topics}::text[]) OR EXISTS (
          SELECT 1 FROM "ProblemTag" pt JOIN "Tag" tg ON tg.id = pt."tagId"
           WHERE pt."problemId" = p.id AND tg.slug = ANY(${topics}::text[]))) DESC,
       NOT EXISTS (
          SELECT 1 FROM "Submission" s
           WHERE s."problemId" = p.id AND s."userId" = ANY(${userIds}::uuid[]) AND s.verdict = 'AC') DESC,
       random()
     LIMIT 1`;
  return rows[0]?.id ?? null;
}

/** Creates the session for an accepted match, inside the accepting transaction. */
export async function createPairSession(
  t: DbTx,
  matchId: string,
  participants: { userId: string; request: { difficulty: Difficulty; language: string; topics: string[] } }[],
  now: Date,
) {
  const { difficulty, language } = participants[0].request;
  const userIds = participants.map((p) => p.userId);
  const problemId = await pickProblem(t, difficulty, sharedTopics(participants.map((p) => p.request.topics)), userIds);
  // The room name embeds the session id, so the id is chosen before either row exists.
  const sessionId = crypto.randomUUID();
  const document = await t.collabDocument.create({
    data: { room: pairRoom(sessionId), kind: 'PAIR_SESSION' },
    select: { id: true },
  });
  await t.pairSession.create({
    data: {
      id: sessionId,
      matchId,
      problemId,
      language,
      documentId: document.id,
      createdAt: now,
      participants: { create: userIds.map((userId) => ({ userId, joinedAt: now })) },
    },
  });
  await t.match.update({ where: { id: matchId }, data: { status: 'ACCEPTED', problemId } });
  return { sessionId, problemId };
}

/** A user's current session (one they haven't left), which keeps them out of the queue. */
export function activeSessionOf(t: DbTx, userId: string) {
  return t.pairSessionParticipant.findFirst({
    where: { userId, leftAt: null, session: { status: 'ACTIVE' } },
    orderBy: { joinedAt: 'desc' },
    select: {
      session: {
        select: {
          id: true,
          language: true,
          createdAt: true,
          problem: { select: { slug: true, title: true, difficulty: true } },
        },
      },
    },
  });
}

const sessionSelect = {
  id: true,
  status: true,
  language: true,
  createdAt: true,
  endedAt: true,
  matchId: true,
  problem: { select: { id: true, slug: true, title: true, difficulty: true } },
  document: { select: { room: true } },
  participants: {
    orderBy: { joinedAt: 'asc' },
    select: { joinedAt: true, leftAt: true, user: { select: publicUserSelect } },
  },
  _count: { select: { messages: true, submissions: true } },
} as const;

export async function listPairSessions(
  db: Db,
  userId: string,
  input: { status?: 'active' | 'past'; cursor?: string; limit: number },
) {
  const rows = await db.pairSession.findMany({
    where: {
      participants: { some: { userId } },
      ...(input.status ? { status: input.status === 'active' ? 'ACTIVE' : 'ENDED' } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: sessionSelect,
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items: items.map(shape(userId)), nextCursor: hasMore ? items[items.length - 1].id : null };
}

const shape =
  (userId: string) =>
  ({ document, _count, ...s }: Awaited<ReturnType<typeof loadSession>> & object) => ({
    ...s,
    room: document.room,
    messageCount: _count.messages,
    submissionCount: _count.submissions,
    partners: s.participants.filter((p) => p.user.id !== userId).map((p) => p.user),
  });

const loadSession = (db: DbTx, id: string) => db.pairSession.findUnique({ where: { id }, select: sessionSelect });

/** One session, for its participants, and for their instructors and admins who watch it read-only. */
export async function getPairSession(db: Db, user: SessionUser, id: string) {
  const s = await loadSession(db, id);
  const ids = s?.participants.map((p) => p.user.id) ?? [];
  if (!s || !(ids.includes(user.id) || (await watchesPairSession(db, user, ids)))) throw notFound('Session');
  return shape(user.id)(s);
}

/** Leaves a session (freeing the user to queue again); the last one out ends it. */
export async function leavePairSession(db: Db, userId: string, id: string, now = new Date()) {
  return db.$transaction(async (t) => {
    // The row lock makes two simultaneous leaves agree on who was last.
    const locked = await t.$queryRaw<{ id: string }[]>`SELECT id FROM "PairSession" WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked.length) throw notFound('Session');
    const parts = await t.pairSessionParticipant.findMany({ where: { sessionId: id } });
    const mine = parts.find((p) => p.userId === userId);
    if (!mine) throw notFound('Session');
    if (mine.leftAt) throw new DomainError('CONFLICT', 'You already left this session');
    await t.pairSessionParticipant.update({
      where: { sessionId_userId: { sessionId: id, userId } },
      data: { leftAt: now },
    });
    const ended = parts.every((p) => p.userId === userId || p.leftAt);
    if (ended) await t.pairSession.update({ where: { id }, data: { status: 'ENDED', endedAt: now } });
    for (const p of parts) await t.$executeRaw`SELECT pg_notify(${MATCH_CHANNEL}, ${p.userId})`;
    return { left: true, ended };
  });
}
