// Class analytics: filters shared by every chart, and the CSV export.
import { z } from 'zod';

const uuid = (what: string) => z.uuid({ error: `Unknown ${what}` });

const isoDay = z.iso.date({ error: 'Use a date like 2026-09-01' });

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** At most this many days in one range. */
export const MAX_RANGE_DAYS = 366;

export const analyticsFilter = z
  .object({
    /** One class; without it, every class I teach (administrators: the whole platform). */
    classId: uuid('class').optional(),
    /** First day (inclusive), in `timeZone`; defaults to 29 days before `to`. */
    from: isoDay.optional(),
    /** Last day (inclusive), in `timeZone`; defaults to today. */
    to: isoDay.optional(),
    /** Days are counted in this IANA time zone. */
    timeZone: z.string().trim().max(64).default('UTC').refine(validTimeZone, { error: 'Unknown time zone' }),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { error: 'The range ends before it starts', path: ['to'] });
export type AnalyticsFilter = z.infer<typeof analyticsFilter>;

export const strugglingInput = z.object({
  classId: uuid('class').optional(),
  /** "Recently" means the last this many days. */
  windowDays: z.number().int().min(1).max(90).default(7),
  /** At least this many rejected submissions in the window… */
  minFailures: z.number().int().min(1).max(1000).default(5),
  /** …making up at least this share of their judged submissions in the window. */
  minFailRate: z.number().min(0).max(1).default(0.75),
  /** No activity for this many days. */
  inactiveDays: z.number().int().min(1).max(365).default(7),
  limit: z.number().int().min(1).max(500).default(100),
});
export type StrugglingInput = z.infer<typeof strugglingInput>;

export const analyticsReports = ['submissions', 'problems', 'skills', 'active-users', 'struggling', 'roster'] as const;

export const exportCsvInput = z.intersection(
  analyticsFilter,
  z.object({
    report: z.enum(analyticsReports, { error: 'Pick a report' }),
    /** For `struggling`. */
    struggling: strugglingInput.omit({ classId: true }).optional(),
  }),
);
