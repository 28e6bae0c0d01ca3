// A room's chat (a pair session's or a meeting's): stored as SessionMessage rows so it survives
// reloads and shows in the record. Live delivery is the client's job: after sending, it pings the
// room over apps/realtime's relay and the others refetch, so no extra server push is needed here.
import type { Db } from '@roguelearn/db';
import { parseRoom } from '@roguelearn/db/room-token';
import type { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import type { chatListInput, chatSendInput } from '../../schemas/collab';
import type { SessionUser } from '../auth/service';
import { meetingForMember, meetingPhase } from '../meeting/service';
import { publicUserSelect } from '../social/shared';

interface ChatRoom {
  where: { sessionId: string } | { meetingId: string };
  /** Why nobody can send any more, or null while the room is open. */
  closed: string | null;
}

/** Who reads a room's chat: a pair session's participants, a meeting's party members. */
async function chatRoom(db: Db, user: SessionUser, room: string): Promise<ChatRoom> {
  const { kind, id } = parseRoom(room);
  if (kind === 'PAIR_SESSION') {
    const session = await db.pairSession.findUnique({
      where: { id },
      select: { status: true, participants: { where: { userId: user.id }, select: { leftAt: true } } },
    });
    // Outsiders can't tell a session they aren't in from one that doesn't exist.
    if (!session?.participants.length) throw notFound('Session');
    const ended = session.status !== 'ACTIVE' || session.participants[0].leftAt;
    return { where: { sessionId: id }, closed: ended ? 'This pair session has ended' : null };
  }
  if (kind === 'MEETING') {
    const phase = meetingPhase(await meetingForMember(db, user.id, id));
    const closed =
      phase === 'cancelled' ? 'This meeting was cancelled' : phase === 'past' ? 'This meeting is over' : null;
    return { where: { meetingId: id }, closed };
  }
  throw notFound('Room');
}

const messageSelect = { id: true, body: true, createdAt: true, user: { select: publicUserSelect } } as const;

/** The latest `limit` messages, oldest first (the order a chat log reads in). */
export async function listMessages(db: Db, user: SessionUser, input: z.infer<typeof chatListInput>) {
  const { where } = await chatRoom(db, user, input.room);
  const rows = await db.sessionMessage.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit,
    select: messageSelect,
  });
  return rows.reverse();
}

export async function sendMessage(db: Db, user: SessionUser, input: z.infer<typeof chatSendInput>) {
  const { where, closed } = await chatRoom(db, user, input.room);
  if (closed) throw new DomainError('PRECONDITION_FAILED', closed);
  return db.sessionMessage.create({
    data: { ...where, userId: user.id, body: input.body },
    select: messageSelect,
  });
}
