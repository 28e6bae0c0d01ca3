import { z } from 'zod';
import { difficulties } from './problem';
import { languageIds } from './user';

const id = (what: string) => z.uuid({ error: `Unknown ${what}` });
const username = z.string().trim().toLowerCase().min(1, { error: 'Enter a username' }).max(24);
const code = z
  .string()
  .min(1, { error: 'Write some code first' })
  .max(64 * 1024, { error: 'Source code is limited to 64 KB' });
const language = z.enum(languageIds, { error: 'Pick a language' });

export const ratingKinds = ['DUEL', 'CONTEST'] as const;

// ───────────────────────────────── duels ─────────────────────────────────

/** Duel length in minutes: long enough for a medium problem, short enough to stay live. */
export const duelMinutes = z
  .number()
  .int()
  .min(5, { error: 'At least 5 minutes' })
  .max(60, { error: 'At most 60 minutes' })
  .default(30);

export const duelChallengeInput = z.object({
  username,
  /** Ranked duels change duel ratings; friendly ones don't. */
  ranked: z.boolean().default(true),
  minutes: duelMinutes,
  /** Leave empty to pick by both players' ratings. */
  difficulty: z.enum(difficulties).optional(),
});
export const duelQueueInput = z.object({ minutes: duelMinutes }).default({ minutes: 30 });
export const duelIdInput = z.object({ battleId: id('duel') });
export const duelSubmitInput = duelIdInput.extend({ language, code });
export const duelListInput = z
  .object({
    status: z.enum(['open', 'finished']).default('open'),
    limit: z.number().int().min(1).max(50).default(20),
    cursor: z.uuid().optional(),
  })
  .default({ status: 'open', limit: 20 });

export const ratingHistoryInput = z.object({ username, kind: z.enum(ratingKinds).default('DUEL') });
export const ratingOfInput = z.object({ username });

// ──────────────────────────────── contests ────────────────────────────────

export const contestScorings = ['ICPC', 'IOI'] as const;
export const visibilities = ['PUBLIC', 'CLASS', 'GUILD'] as const;

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, { error: 'At least 3 characters' })
  .max(60, { error: 'At most 60 characters' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'Lowercase letters, digits and dashes' });

/** /contests/new and /contests/events/… are pages, not contests. */
const RESERVED_CONTEST_SLUGS = new Set(['new', 'events']);
const contestSlug = slug.refine((s) => !RESERVED_CONTEST_SLUGS.has(s), { error: 'That address is reserved' });

export const contestProblemInput = z.object({
  problemId: id('problem'),
  label: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9]{0,3}$/, { error: 'A label like A, B or C1' }),
  points: z.number().int().min(1, { error: 'At least 1 point' }).max(10_000).default(100),
});

// No defaults here: an update that leaves a field out must leave it alone.
const contestFields = z.object({
  title: z.string().trim().min(3, { error: 'At least 3 characters' }).max(100),
  description: z.string().max(10_000),
  startsAt: z.coerce.date({ error: 'Pick a start time' }),
  endsAt: z.coerce.date({ error: 'Pick an end time' }),
  /** The scoreboard stops updating for contestants this many minutes before the end. */
  freezeMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  scoring: z.enum(contestScorings),
  visibility: z.enum(visibilities),
  classId: id('class').nullish(),
  guildId: id('guild').nullish(),
  eventId: id('event').nullish(),
  rated: z.boolean(),
  problems: z
    .array(contestProblemInput)
    .min(1, { error: 'Add at least one problem' })
    .max(26, { error: 'At most 26 problems' }),
});

type ContestShape = {
  startsAt?: Date;
  endsAt?: Date;
  freezeMinutes?: number;
  visibility?: string;
  classId?: string | null;
  guildId?: string | null;
  problems?: { problemId: string; label: string }[];
};

/** Cross-field rules shared by create and update (update checks again against the stored row). */
export function contestIssues(v: ContestShape): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (v.startsAt && v.endsAt) {
    const minutes = (v.endsAt.getTime() - v.startsAt.getTime()) / 60_000;
    if (minutes < 5) out.push({ path: 'endsAt', message: 'A contest lasts at least 5 minutes' });
    if (minutes > 14 * 24 * 60) out.push({ path: 'endsAt', message: 'A contest lasts at most 14 days' });
    if (v.freezeMinutes && v.freezeMinutes >= minutes) {
      out.push({ path: 'freezeMinutes', message: 'The freeze must be shorter than the contest' });
    }
  }
  if (v.visibility === 'CLASS' && !v.classId) out.push({ path: 'classId', message: 'Pick the class' });
  if (v.visibility === 'GUILD' && !v.guildId) out.push({ path: 'guildId', message: 'Pick the guild' });
  if (v.problems) {
    const labels = v.problems.map((p) => p.label);
    if (new Set(labels).size !== labels.length) out.push({ path: 'problems', message: 'Labels must be unique' });
    const ids = v.problems.map((p) => p.problemId);
    if (new Set(ids).size !== ids.length) out.push({ path: 'problems', message: 'A problem appears twice' });
  }
  return out;
}

const refineContest = <T extends ContestShape>(v: T, ctx: z.RefinementCtx) => {
  for (const issue of contestIssues(v)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
};

export const createContestInput = contestFields
  .extend({
    slug: contestSlug,
    description: contestFields.shape.description.default(''),
    freezeMinutes: contestFields.shape.freezeMinutes.default(0),
    scoring: contestFields.shape.scoring.default('ICPC'),
    visibility: contestFields.shape.visibility.default('PUBLIC'),
    rated: contestFields.shape.rated.default(true),
  })
  .superRefine(refineContest);
export const updateContestInput = contestFields
  .partial()
  .extend({ contestId: id('contest') })
  .superRefine(refineContest);

export const contestIdInput = z.object({ contestId: id('contest') });
export const contestSlugInput = z.object({ slug: z.string().trim().toLowerCase().min(1).max(60) });
export const contestListInput = z
  .object({
    when: z.enum(['upcoming', 'running', 'past', 'all']).default('all'),
    eventId: id('event').optional(),
    page: z.number().int().min(1).max(1000).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
  })
  .default({ when: 'all', page: 1, pageSize: 20 });
export const contestProblemLabelInput = contestIdInput.extend({ label: z.string().trim().toUpperCase().min(1).max(4) });
export const contestSubmitInput = contestProblemLabelInput.extend({ language, code });
export const scoreboardInput = contestIdInput.extend({
  /** After the end: also rank virtual participants (each at their own relative time). */
  includeVirtual: z.boolean().default(false),
});
export const integrityInput = contestIdInput.extend({
  /** Pairs at or above this similarity are flagged. */
  threshold: z.number().min(0.3).max(1).default(0.8),
});

// ───────────────────────────── seasonal events ─────────────────────────────

const eventFields = z.object({
  title: z.string().trim().min(3, { error: 'At least 3 characters' }).max(100),
  description: z.string().max(10_000),
  startsAt: z.coerce.date({ error: 'Pick a start date' }),
  endsAt: z.coerce.date({ error: 'Pick an end date' }),
});
const refineEvent = (v: { startsAt?: Date; endsAt?: Date }, ctx: z.RefinementCtx) => {
  if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The event must end after it starts' });
  }
};
export const createEventInput = eventFields
  .extend({ slug, description: eventFields.shape.description.default('') })
  .superRefine(refineEvent);
export const updateEventInput = eventFields
  .partial()
  .extend({ eventId: id('event') })
  .superRefine(refineEvent);
export const eventIdInput = z.object({ eventId: id('event') });
export const eventSlugInput = z.object({ slug: z.string().trim().toLowerCase().min(1).max(60) });
