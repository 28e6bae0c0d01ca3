// A pair session's chat: stored as SessionMessage rows so it survives reloads and shows in the
// session's record. Live delivery is the client's job: after sending, it pings the room over
// apps/realtime's relay and the others refetch, so no extra server push is needed here.
import type { Db } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import type { chatListInput, chatSendInput } from '../../schemas/collab';
import type { SessionUser } from '../auth/service';
import { publicUserSelect } from '../social/shared';

async function participation(db: Db, user: SessionUser, sessionId: string) {
  const session = await db.pairSession.findUnique({
    where: { id: sessionId },
    select: { status: true, participants: { where: { userId: user.id }, select: { leftAt: true } } },
  });
  // Outsiders can't tell a session they aren't in from one that doesn't exist.
  if (!session?.participants.length) throw notFound('Session');
  return { session, me: session.participants[0] };
}

const messageSelect = { id: true, body: true, createdAt: true, user: { select: publicUserSelect } } as const;

/** The latest `limit` messages, oldest first (the order a chat log reads in). */
export async function listMessages(db: Db, user: SessionUser, input: z.infer<typeof chatListInput>) {
  await participation(db, user, input.sessionId);
  const rows = await db.sessionMessage.findMany({
    where: { sessionId: input.sessionId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit,
    select: messageSelect,
  });
  return rows.reverse();
}

export async function sendMessage(db: Db, user: SessionUser, input: z.infer<typeof chatSendInput>) {
  const { session, me } = await participation(db, user, input.sessionId);
  if (session.status !== 'ACTIVE' || me.leftAt) {
    throw new DomainError('PRECONDITION_FAILED', 'This pair session has ended');
  }
  return db.sessionMessage.create({
    data: { sessionId: input.sessionId, userId: user.id, body: input.body },
    select: messageSelect,
  });
}
