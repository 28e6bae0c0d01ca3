import { z } from 'zod';

const id = (what: string) => z.uuid({ error: `Unknown ${what}` });

export const MAX_AGENDA_ITEMS = 30;
export const MEETING_DURATIONS = [15, 30, 45, 60, 90, 120, 180] as const;
/** Attendance counts from this long before the start: people arrive a little early. */
export const EARLY_JOIN_MINUTES = 15;

export const meetingTitleSchema = z
  .string()
  .trim()
  .min(1, { error: 'Give the meeting a title' })
  .max(100, { error: 'A title is at most 100 characters' });
export const agendaTitleSchema = z
  .string()
  .trim()
  .min(1, { error: 'Name the agenda item' })
  .max(200, { error: 'An agenda item is at most 200 characters' });
const descriptionSchema = z.string().trim().max(2000, { error: 'A description is at most 2000 characters' });
const durationSchema = z
  .number()
  .int()
  .min(5, { error: 'A meeting lasts at least 5 minutes' })
  .max(480, { error: 'A meeting lasts at most 8 hours' });
/** ISO strings from forms, Dates from callers. */
const startSchema = z.coerce.date({ error: 'Pick a date and time' });

export const meetingIdInput = z.object({ meetingId: id('meeting') });

export const scheduleMeetingInput = z.object({
  partyId: id('party'),
  title: meetingTitleSchema,
  description: descriptionSchema.default(''),
  scheduledAt: startSchema,
  durationMinutes: durationSchema.default(60),
  /** In order; blank lines from the form are dropped before they get here. */
  agenda: z
    .array(agendaTitleSchema)
    .max(MAX_AGENDA_ITEMS, { error: `An agenda has at most ${MAX_AGENDA_ITEMS} items` })
    .default([]),
});

export const updateMeetingInput = meetingIdInput.extend({
  title: meetingTitleSchema.optional(),
  description: descriptionSchema.optional(),
  scheduledAt: startSchema.optional(),
  durationMinutes: durationSchema.optional(),
});

export const listMeetingsInput = z.object({
  partyId: id('party'),
  /** Upcoming (and running) ones soonest first; past ones latest first. */
  when: z.enum(['upcoming', 'past']),
  page: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(50).default(10),
});

export const addAgendaItemInput = meetingIdInput.extend({ title: agendaTitleSchema });
export const agendaItemIdInput = z.object({ itemId: id('agenda item') });
export const setAgendaItemDoneInput = agendaItemIdInput.extend({ done: z.boolean() });
export const reorderAgendaInput = meetingIdInput.extend({
  /** Every item of the agenda, in the new order. */
  itemIds: z.array(id('agenda item')).min(1).max(MAX_AGENDA_ITEMS),
});
