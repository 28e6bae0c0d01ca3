import { z } from 'zod';
import { difficulties } from './problem';
import { languageIds, pageInput } from './user';

/** A topic is a problem tag slug ("graphs", "dynamic-programming"). */
export const topicSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { error: 'Enter a topic' })
  .max(40, { error: 'Topics are at most 40 characters' })
  .regex(/^[a-z0-9][a-z0-9+#. -]*$/, { error: 'Not a topic name' });

export const matchRequestInput = z.object({
  difficulty: z.enum(difficulties, { error: 'Pick a difficulty' }),
  topics: z
    .array(topicSchema)
    .max(5, { error: 'Pick at most 5 topics' })
    .default([])
    .transform((ts) => [...new Set(ts)]),
  language: z.enum(languageIds, { error: 'Pick a language' }),
});
export type MatchRequestInput = z.infer<typeof matchRequestInput>;

export const matchIdInput = z.object({ matchId: z.uuid({ error: 'Unknown match' }) });

export const matchHistoryInput = pageInput;

export const pairSessionListInput = pageInput.extend({
  status: z.enum(['active', 'past']).optional(),
});

export const pairSessionIdInput = z.object({ id: z.uuid({ error: 'Unknown session' }) });
