import { z } from 'zod';

export const hintTiers = [1, 2, 3] as const;

/** Tier 1 = nudge, 2 = approach, 3 = pseudo-code; each unlocks after the previous one. */
export const hintInput = z.object({
  problemId: z.uuid({ error: 'Unknown problem' }),
  tier: z.number().int().min(1, { error: 'Hints start at tier 1' }).max(3, { error: 'There are three hint tiers' }),
  /** The class whose AI quota this counts against; defaults to the student's first class. */
  classId: z.uuid().optional(),
});
export const problemHintsInput = z.object({ problemId: z.uuid({ error: 'Unknown problem' }) });

export const reviewInput = z.object({
  submissionId: z.uuid({ error: 'Unknown submission' }),
  classId: z.uuid().optional(),
});

export const aiUsageInput = z.object({ days: z.number().int().min(1).max(90).default(1) }).default({ days: 1 });
