// Seasonal events: a named window that groups contests and has its own leaderboard (the sum of
// its ended contests' scores, see leaderboard/service.ts). Any instructor may run them.
import type { Db } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import type { createEventInput, updateEventInput } from '../../schemas/battle';
import type { SessionUser } from '../auth/service';
import { contestPhase, listContests } from './contest';

export async function createEvent(db: Db, input: z.infer<typeof createEventInput>) {
  if (await db.seasonalEvent.count({ where: { slug: input.slug } })) {
    throw new DomainError('CONFLICT', 'That address is taken', { slug: ['That address is taken'] });
  }
  return db.seasonalEvent.create({ data: input, select: { id: true, slug: true } });
}

export async function updateEvent(db: Db, input: z.infer<typeof updateEventInput>) {
  const { eventId, ...fields } = input;
  const e = await db.seasonalEvent.findUnique({ where: { id: eventId } });
  if (!e) throw notFound('Event');
  if ((fields.endsAt ?? e.endsAt) <= (fields.startsAt ?? e.startsAt)) {
    throw new DomainError('BAD_REQUEST', 'The event must end after it starts', { endsAt: ['Pick a later date'] });
  }
  return db.seasonalEvent.update({ where: { id: eventId }, data: fields, select: { id: true, slug: true } });
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

export async function getEvent(
  db: Db,
  viewer: Pick<SessionUser, 'id' | 'role'> | null,
  slug: string,
  now = new Date(),
) {
  const e = await db.seasonalEvent.findUnique({ where: { slug } });
  if (!e) throw notFound('Event');
  const contests = await listContests(db, viewer, { when: 'all', eventId: e.id, page: 1, pageSize: 100 }, now);
  return { ...e, phase: contestPhase(e, now), serverNow: now, contests: contests.items };
}
