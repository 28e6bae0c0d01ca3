// Party meetings: a member schedules one (title, start, length, an ordered agenda), every member
// sees it and is told about it, and members meet in its collaborative room (`meeting:<id>`, see
// collab/service.ts) with shared notes, chat and a call. Joining the room records attendance.
// The organiser and the party leader change or cancel it; any member keeps the agenda.
import type { Db, DbTx } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError, forbidden, notFound } from '../../errors';
import {
  type addAgendaItemInput,
  EARLY_JOIN_MINUTES,
  type listMeetingsInput,
  MAX_AGENDA_ITEMS,
  type reorderAgendaInput,
  type scheduleMeetingInput,
  type updateMeetingInput,
} from '../../schemas/meeting';
import type { SessionUser } from '../auth/service';
import { links, notifyMany } from '../notification/service';
import { isPartyMember } from '../social/parties';
import { advisoryLock, publicUserSelect, tx } from '../social/shared';

/** A meeting stays open this long past its planned end, so one that overruns isn't cut off. */
export const OVERRUN_GRACE_MINUTES = 30;
/** A start a few minutes ago is a slow form, not a mistake. */
const START_SLACK_MS = 5 * 60_000;

export type MeetingPhase = 'upcoming' | 'live' | 'past' | 'cancelled';

interface Timing {
  scheduledAt: Date;
  durationMinutes: number;
  cancelledAt: Date | null;
}

export const closesAt = (m: Timing) => m.scheduledAt.getTime() + (m.durationMinutes + OVERRUN_GRACE_MINUTES) * 60_000;

export function meetingPhase(m: Timing, now = new Date()): MeetingPhase {
  if (m.cancelledAt) return 'cancelled';
  if (now.getTime() >= closesAt(m)) return 'past';
  return now >= m.scheduledAt ? 'live' : 'upcoming';
}

/** Whether people can still meet, edit the notes and chat: not cancelled and not over. */
export const isOpen = (m: Timing, now = new Date()) => {
  const phase = meetingPhase(m, now);
  return phase === 'upcoming' || phase === 'live';
};

/** Members of the meeting's party (or guild) take part in it; nobody else. */
export async function isMeetingMember(
  db: DbTx,
  userId: string,
  m: { partyId: string | null; guildId: string | null },
): Promise<boolean> {
  if (m.partyId) return isPartyMember(db, m.partyId, userId);
  if (m.guildId) return (await db.guildMember.count({ where: { guildId: m.guildId, userId } })) > 0;
  return false;
}

const accessSelect = {
  id: true,
  partyId: true,
  guildId: true,
  createdById: true,
  scheduledAt: true,
  durationMinutes: true,
  cancelledAt: true,
  party: { select: { leaderId: true, name: true, members: { select: { userId: true } } } },
} as const;

/** The meeting, if `userId` may take part; anyone else can't tell it exists. */
export async function meetingForMember(db: DbTx, userId: string, meetingId: string) {
  const m = await db.meeting.findUnique({ where: { id: meetingId }, select: accessSelect });
  if (!m || !(await isMeetingMember(db, userId, m))) throw notFound('Meeting');
  return m;
}

function assertOpen(m: Timing, now: Date) {
  const phase = meetingPhase(m, now);
  if (phase === 'cancelled') throw new DomainError('PRECONDITION_FAILED', 'This meeting was cancelled');
  if (phase === 'past') throw new DomainError('PRECONDITION_FAILED', 'This meeting is over');
}

async function openForMember(db: DbTx, userId: string, meetingId: string, now: Date) {
  const m = await meetingForMember(db, userId, meetingId);
  assertOpen(m, now);
  return m;
}

/** The organiser and the party leader change and cancel a meeting, while it is still open. */
async function forManager(db: DbTx, userId: string, meetingId: string, now: Date) {
  const m = await meetingForMember(db, userId, meetingId);
  if (m.createdById !== userId && m.party?.leaderId !== userId) {
    throw forbidden('Only the organiser or the party leader can change this meeting');
  }
  assertOpen(m, now);
  return m;
}

function assertStartAhead(scheduledAt: Date, now: Date) {
  if (scheduledAt.getTime() < now.getTime() - START_SLACK_MS) {
    throw new DomainError('BAD_REQUEST', 'Pick a start time that has not passed', {
      scheduledAt: ['This time has already passed'],
    });
  }
}

const meetingSelect = {
  id: true,
  title: true,
  description: true,
  scheduledAt: true,
  durationMinutes: true,
  cancelledAt: true,
  createdAt: true,
  createdBy: { select: publicUserSelect },
  party: { select: { id: true, name: true, leaderId: true } },
  agenda: { orderBy: { ordinal: 'asc' }, select: { id: true, title: true, done: true } },
  participants: {
    where: { joinedAt: { not: null } },
    orderBy: { joinedAt: 'asc' },
    select: { joinedAt: true, leftAt: true, user: { select: publicUserSelect } },
  },
} as const;

type MeetingRow = NonNullable<Awaited<ReturnType<typeof loadMeetings>>[number]>;

const loadMeetings = (db: DbTx, ids: string[]) =>
  db.meeting.findMany({ where: { id: { in: ids } }, select: meetingSelect });

function shape(m: MeetingRow, userId: string, now: Date) {
  const { party, participants, ...rest } = m;
  return {
    ...rest,
    party: party && { id: party.id, name: party.name },
    phase: meetingPhase(m, now),
    endsAt: new Date(m.scheduledAt.getTime() + m.durationMinutes * 60_000),
    canManage: m.createdBy?.id === userId || party?.leaderId === userId,
    /** Everyone who joined the room, first arrival first; `leftAt` is null while they are in it. */
    attendance: participants.map((p) => ({ user: p.user, joinedAt: p.joinedAt as Date, leftAt: p.leftAt })),
  };
}

export type MeetingView = ReturnType<typeof shape>;

export async function getMeeting(db: DbTx, userId: string, meetingId: string, now = new Date()) {
  await meetingForMember(db, userId, meetingId);
  const [m] = await loadMeetings(db, [meetingId]);
  if (!m) throw notFound('Meeting');
  return shape(m, userId, now);
}

/**
 * A page of the party's meetings. Upcoming ones (including those running now, and cancelled ones
 * still ahead, marked so) soonest first; past ones latest first. A meeting turns past once its
 * planned end plus the overrun grace has gone by, the same moment its room turns read-only.
 */
export async function listMeetings(db: Db, userId: string, input: z.infer<typeof listMeetingsInput>, now = new Date()) {
  if (!(await isPartyMember(db, input.partyId, userId))) throw notFound('Party');
  const take = input.limit + 1;
  const skip = input.page * input.limit;
  // Timestamps are stored as UTC without a zone; the ISO string cast to timestamp is that UTC.
  const at = now.toISOString();
  const rows =
    input.when === 'upcoming'
      ? await db.$queryRaw<{ id: string }[]>`
          SELECT id FROM "Meeting"
          WHERE "partyId" = ${input.partyId}::uuid
            AND "scheduledAt" + make_interval(mins => "durationMinutes" + ${OVERRUN_GRACE_MINUTES}::int) > ${at}::timestamp
          ORDER BY "scheduledAt" ASC, id ASC LIMIT ${take} OFFSET ${skip}`
      : await db.$queryRaw<{ id: string }[]>`
          SELECT id FROM "Meeting"
          WHERE "partyId" = ${input.partyId}::uuid
            AND "scheduledAt" + make_interval(mins => "durationMinutes" + ${OVERRUN_GRACE_MINUTES}::int) <= ${at}::timestamp
          ORDER BY "scheduledAt" DESC, id DESC LIMIT ${take} OFFSET ${skip}`;
  const ids = rows.slice(0, input.limit).map((r) => r.id);
  const byId = new Map((await loadMeetings(db, ids)).map((m) => [m.id, m]));
  return {
    items: ids.flatMap((id) => {
      const m = byId.get(id);
      return m ? [shape(m, userId, now)] : [];
    }),
    page: input.page,
    hasMore: rows.length > input.limit,
  };
}

export async function scheduleMeeting(
  db: Db,
  me: SessionUser,
  input: z.infer<typeof scheduleMeetingInput>,
  now = new Date(),
) {
  assertStartAhead(input.scheduledAt, now);
  return tx(db, async (t) => {
    const party = await t.party.findFirst({
      where: { id: input.partyId, members: { some: { userId: me.id } } },
      select: { id: true, name: true, members: { select: { userId: true } } },
    });
    if (!party) throw notFound('Party');
    const meeting = await t.meeting.create({
      data: {
        partyId: party.id,
        title: input.title,
        description: input.description,
        scheduledAt: input.scheduledAt,
        durationMinutes: input.durationMinutes,
        createdById: me.id,
        agenda: { create: input.agenda.map((title, ordinal) => ({ title, ordinal })) },
      },
      select: { id: true },
    });
    await notifyMany(
      t,
      party.members
        .filter((m) => m.userId !== me.id)
        .map((m) => ({
          userId: m.userId,
          notification: {
            type: 'meeting.scheduled',
            title: `${me.displayName} scheduled “${input.title}” for ${party.name}`,
            link: links.meeting(party.id, meeting.id),
            data: { partyId: party.id, meetingId: meeting.id, scheduledAt: input.scheduledAt.toISOString() },
          },
        })),
    );
    return { id: meeting.id, partyId: party.id };
  });
}

export async function updateMeeting(
  db: Db,
  userId: string,
  input: z.infer<typeof updateMeetingInput>,
  now = new Date(),
) {
  const { meetingId, ...changes } = input;
  const m = await forManager(db, userId, meetingId, now);
  if (changes.scheduledAt && changes.scheduledAt.getTime() !== m.scheduledAt.getTime()) {
    assertStartAhead(changes.scheduledAt, now);
  }
  await db.meeting.update({ where: { id: meetingId }, data: changes });
  return getMeeting(db, userId, meetingId, now);
}

export async function cancelMeeting(db: Db, me: SessionUser, meetingId: string, now = new Date()) {
  return tx(db, async (t) => {
    const m = await forManager(t, me.id, meetingId, now);
    const { title } = await t.meeting.update({ where: { id: meetingId }, data: { cancelledAt: now } });
    if (m.partyId && m.party) {
      const partyId = m.partyId;
      await notifyMany(
        t,
        m.party.members
          .filter((p) => p.userId !== me.id)
          .map((p) => ({
            userId: p.userId,
            notification: {
              type: 'meeting.cancelled',
              title: `${me.displayName} cancelled “${title}”`,
              link: links.meeting(partyId, meetingId),
              data: { partyId, meetingId },
            },
          })),
      );
    }
    return { cancelled: true };
  });
}

// Agenda changes of one meeting run one at a time: ordinals are unique per meeting.
const lockAgenda = (t: DbTx, meetingId: string) => advisoryLock(t, `meeting-agenda:${meetingId}`);

const agendaOf = (t: DbTx, meetingId: string) =>
  t.agendaItem.findMany({
    where: { meetingId },
    orderBy: { ordinal: 'asc' },
    select: { id: true, title: true, done: true, ordinal: true },
  });

const publicAgenda = (items: Awaited<ReturnType<typeof agendaOf>>) => items.map(({ ordinal: _, ...item }) => item);

export async function addAgendaItem(
  db: Db,
  userId: string,
  input: z.infer<typeof addAgendaItemInput>,
  now = new Date(),
) {
  return tx(db, async (t) => {
    await openForMember(t, userId, input.meetingId, now);
    await lockAgenda(t, input.meetingId);
    const items = await agendaOf(t, input.meetingId);
    if (items.length >= MAX_AGENDA_ITEMS) {
      throw new DomainError('PRECONDITION_FAILED', `An agenda has at most ${MAX_AGENDA_ITEMS} items`);
    }
    const ordinal = items.length ? items[items.length - 1].ordinal + 1 : 0;
    await t.agendaItem.create({ data: { meetingId: input.meetingId, title: input.title, ordinal } });
    return publicAgenda(await agendaOf(t, input.meetingId));
  });
}

export async function reorderAgenda(
  db: Db,
  userId: string,
  input: z.infer<typeof reorderAgendaInput>,
  now = new Date(),
) {
  return tx(db, async (t) => {
    await openForMember(t, userId, input.meetingId, now);
    await lockAgenda(t, input.meetingId);
    const items = await agendaOf(t, input.meetingId);
    const given = new Set(input.itemIds);
    if (given.size !== input.itemIds.length || given.size !== items.length || items.some((i) => !given.has(i.id))) {
      // Someone else added or removed an item meanwhile: the client reloads and tries again.
      throw new DomainError('CONFLICT', 'The agenda changed meanwhile. Try again.');
    }
    // Out of the way first (x → -x-1 never collides), then into place: the unique index on
    // (meetingId, ordinal) is checked row by row.
    await t.$executeRaw`UPDATE "AgendaItem" SET ordinal = -ordinal - 1 WHERE "meetingId" = ${input.meetingId}::uuid`;
    for (const [ordinal, id] of input.itemIds.entries()) {
      await t.agendaItem.update({ where: { id }, data: { ordinal } });
    }
    return publicAgenda(await agendaOf(t, input.meetingId));
  });
}

async function itemForMember(t: DbTx, userId: string, itemId: string, now: Date) {
  const item = await t.agendaItem.findUnique({ where: { id: itemId }, select: { meetingId: true } });
  if (!item) throw notFound('Agenda item');
  try {
    await openForMember(t, userId, item.meetingId, now);
  } catch (err) {
    // Outsiders learn nothing about the meeting from an item id.
    if (err instanceof DomainError && err.code === 'NOT_FOUND') throw notFound('Agenda item');
    throw err;
  }
  return item.meetingId;
}

export async function setAgendaItemDone(db: Db, userId: string, itemId: string, done: boolean, now = new Date()) {
  return tx(db, async (t) => {
    const meetingId = await itemForMember(t, userId, itemId, now);
    await t.agendaItem.update({ where: { id: itemId }, data: { done } });
    return publicAgenda(await agendaOf(t, meetingId));
  });
}

export async function removeAgendaItem(db: Db, userId: string, itemId: string, now = new Date()) {
  return tx(db, async (t) => {
    const meetingId = await itemForMember(t, userId, itemId, now);
    await lockAgenda(t, meetingId);
    await t.agendaItem.delete({ where: { id: itemId } });
    return publicAgenda(await agendaOf(t, meetingId));
  });
}

/**
 * Entering the room around the meeting's time marks the member as attending (opening it days
 * ahead to prepare the agenda doesn't): the first arrival is kept, and a rejoin clears `leftAt`. Atomic, so two tabs joining at once can't collide.
 */
export async function joinMeeting(db: Db, userId: string, meetingId: string, now = new Date()) {
  const m = await openForMember(db, userId, meetingId, now);
  if (now.getTime() < m.scheduledAt.getTime() - EARLY_JOIN_MINUTES * 60_000) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      `Attendance opens ${EARLY_JOIN_MINUTES} minutes before the meeting starts`,
    );
  }
  await db.$executeRaw`
    INSERT INTO "MeetingParticipant" ("meetingId", "userId", rsvp, "joinedAt", "leftAt", attended)
    VALUES (${meetingId}::uuid, ${userId}::uuid, 'YES', ${now.toISOString()}::timestamp, NULL, true)
    ON CONFLICT ("meetingId", "userId") DO UPDATE
      SET "joinedAt" = COALESCE("MeetingParticipant"."joinedAt", EXCLUDED."joinedAt"),
          "leftAt" = NULL,
          attended = true`;
  return { joined: true };
}

export async function leaveMeeting(db: Db, userId: string, meetingId: string, now = new Date()) {
  await meetingForMember(db, userId, meetingId);
  const { count } = await db.meetingParticipant.updateMany({
    where: { meetingId, userId, joinedAt: { not: null }, leftAt: null },
    data: { leftAt: now },
  });
  return { left: count > 0 };
}
