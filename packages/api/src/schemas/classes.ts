// Classes (instructor dashboard): create, invite and enrol students, assign trees and contests.
import { z } from 'zod';

const uuid = (what: string) => z.uuid({ error: `Unknown ${what}` });

export const classCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, { error: 'Letters, digits, dashes and underscores (2–40), like CS101-F26' });

export const createClassInput = z.object({
  name: z.string().trim().min(1, { error: 'Name the class' }).max(120),
  /** The course code students recognise; unique. */
  code: classCode,
  description: z.string().trim().max(2000).default(''),
});

export const updateClassInput = z.object({
  classId: uuid('class'),
  name: z.string().trim().min(1, { error: 'Name the class' }).max(120).optional(),
  description: z.string().trim().max(2000).optional(),
  archived: z.boolean().optional(),
});

export const listClassesInput = z
  .object({
    includeArchived: z.boolean().default(false),
    /** Administrators: every class, not only their own. */
    all: z.boolean().default(false),
  })
  .default({ includeArchived: false, all: false });

export const joinClassInput = z.object({
  code: z.string().trim().min(4, { error: 'Enter the invite code' }).max(64),
});

/** One email per line, or comma/semicolon separated, or a CSV with an "email" column. */
export const enrollCsvInput = z.object({
  classId: uuid('class'),
  csv: z
    .string()
    .min(3, { error: 'Paste the emails or a CSV file' })
    .max(1_000_000, { error: 'The list is limited to 1 MB' }),
});

export const removeStudentInput = z.object({ classId: uuid('class'), userId: uuid('user') });

export const assignInput = z
  .object({
    classId: uuid('class'),
    skillTreeId: uuid('skill tree').optional(),
    contestId: uuid('contest').optional(),
  })
  .refine((v) => !!v.skillTreeId !== !!v.contestId, { error: 'Pick a skill tree or a contest', path: ['skillTreeId'] });
