// Integrity (plagiarism) reports: similarity of accepted submissions, reviewed by people.
import { z } from 'zod';

const uuid = (what: string) => z.uuid({ error: `Unknown ${what}` });

export const reviewVerdicts = ['CLEARED', 'CONFIRMED'] as const;

export const runIntegrityInput = z
  .object({
    problemId: uuid('problem').optional(),
    contestId: uuid('contest').optional(),
    /** Only this class's students (problem reports). */
    classId: uuid('class').optional(),
    /** Pairs at or above this similarity (0…1) are stored. */
    threshold: z.number().min(0, { error: 'Between 0 and 1' }).max(1, { error: 'Between 0 and 1' }).default(0.7),
  })
  .refine((v) => !!v.problemId !== !!v.contestId, {
    error: 'Pick a problem or a contest',
    path: ['problemId'],
  })
  .refine((v) => !(v.contestId && v.classId), { error: 'A contest report covers its participants', path: ['classId'] });
export type RunIntegrityInput = z.infer<typeof runIntegrityInput>;

export const listReportsInput = z
  .object({
    problemId: uuid('problem').optional(),
    contestId: uuid('contest').optional(),
    page: z.number().int().min(1).max(1000).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
  })
  .default({ page: 1, pageSize: 20 });

export const reportIdInput = z.object({
  reportId: uuid('report'),
  /** Only pairs at or above this similarity. */
  minSimilarity: z.number().min(0).max(1).optional(),
  review: z.enum(['PENDING', 'CLEARED', 'CONFIRMED']).optional(),
});

export const pairIdInput = z.object({ pairId: uuid('pair') });

export const reviewPairInput = z.object({
  pairId: uuid('pair'),
  verdict: z.enum(reviewVerdicts, { error: 'Choose cleared or confirmed' }),
  note: z.string().trim().max(2000).default(''),
});
