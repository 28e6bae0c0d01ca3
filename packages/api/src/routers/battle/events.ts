// Seasonal events: a named window that groups contests and has its own leaderboard (the sum of
// its ended contests' scores, see leaderboard/service.ts). Any instructor may start one; only its
// creator or an administrator may change or delete it.
import type { Db } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import type { createEventInput, updateEventInput } from '../../schemas/battle';
import type { SessionUser } from '../auth/service';
import { contestPhase, listContests } from './contest';

type Actor = Pick<SessionUser, 'id' | 'role'>;

const canEdit = (e: { createdById: string | null }, me: Actor | null) =>
  !!me && (me.role === 'ADMIN' || (me.role === 'INSTRUCTOR' && e.createdById === me.id));

async function editableEvent(db: Db, me: Actor, eventId: string) {
  const e = await db.seasonalEvent.findUnique({ where: { id: eventId } });
  if (!e) throw notFound('Event');
  if (!canEdit(e, me)) {
    throw new DomainError('FORBIDDEN', 'Only the instructor who created this event or an administrator can change it');
  }
  return e;
}

export async function createEvent(db: Db, me: Actor, input: z.infer<typeof createEventInput>) {
  if (await db.seasonalEvent.count({ where: { slug: input.slug } })) {
    throw new DomainError('CONFLICT', 'That address is taken', { slug: ['That address is taken'] });
  }
  return db.seasonalEvent.create({ data: { ...input, createdById: me.id }, select: { id: true, slug: true } });
}

export async function updateEvent(db: Db, me: Actor, input: z.infer<typeof updateEventInput>) {
  const { eventId, ...fields } = input;
  const e = await editableEvent(db, me, eventId);
  if ((fields.endsAt ?? e.endsAt) <= (fields.startsAt ?? e.startsAt)) {
    throw new DomainError('BAD_REQUEST', 'The event must end after it starts', { endsAt: ['Pick a later date'] });
  }
  return db.seasonalEvent.update({ where: { id: eventId }, data: fields, select: { id: true, slug: true } });
}

/** Its contests stay, detached from the event (the relation is ON DELETE SET NULL). */
export async function deleteEvent(db: Db, me: Actor, eventId: string) {
  await editableEvent(db, me, eventId);
  await db.seasonalEvent.delete({ where: { id: eventId } });
  return { eventId };
}

export async function listEvents(db: Db, now = new Date()) {
  const rows = await db.seasonalEvent.findMany({
    orderBy: { startsAt: 'desc' },
    take: 100,
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      startsAt: true,
      endsAt: true,
      _count: { select: { contests: true } },
    },
  });
  return rows.map(({ _count, ...e }) => ({ ...e, phase: contestPhase(e, now), contestCount: _count.contests }));
}

export async function getEvent(db: Db, viewer: Actor | null, slug: string, now = new Date()) {
  const e = await db.seasonalEvent.findUnique({ where: { slug } });
  if (!e) throw notFound('Event');
  const contests = await listContests(db, viewer, { when: 'all', eventId: e.id, page: 1, pageSize: 100 }, now);
  return { ...e, phase: contestPhase(e, now), serverNow: now, contests: contests.items, canEdit: canEdit(e, viewer) };
}
