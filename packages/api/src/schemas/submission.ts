import { z } from 'zod';
import { languageIds } from './user';

export const languages = [
  { id: 'python3', name: 'Python 3', editor: 'python' },
  { id: 'javascript', name: 'JavaScript (Node.js)', editor: 'javascript' },
  { id: 'typescript', name: 'TypeScript', editor: 'typescript' },
  { id: 'c', name: 'C (GCC)', editor: 'cpp' },
  { id: 'cpp', name: 'C++17 (G++)', editor: 'cpp' },
  { id: 'java', name: 'Java 17', editor: 'java' },
] as const satisfies readonly { id: (typeof languageIds)[number]; name: string; editor: string }[];

export const verdicts = ['AC', 'WA', 'TLE', 'MLE', 'RE', 'CE', 'OLE', 'IE', 'SKIPPED'] as const;

const code = z
  .string()
  .min(1, { error: 'Write some code first' })
  .max(64 * 1024, { error: 'Source code is limited to 64 KB' });

/** Set when the code comes from a pair session's shared editor: the API checks membership. */
const pairSessionId = z.uuid({ error: 'Unknown session' }).optional();

export const createSubmissionInput = z.object({
  problemId: z.uuid({ error: 'Unknown problem' }),
  language: z.enum(languageIds, { error: 'Pick a language' }),
  code,
  pairSessionId,
});

export const runInput = z.object({
  problemId: z.uuid().optional(),
  language: z.enum(languageIds, { error: 'Pick a language' }),
  code,
  input: z
    .string()
    .max(1024 * 1024, { error: 'Custom input is limited to 1 MB' })
    .default(''),
  pairSessionId,
});

export const submissionIdInput = z.object({ id: z.uuid({ error: 'Unknown submission' }) });

export const listSubmissionsInput = z.object({
  problemId: z.uuid().optional(),
  verdict: z.enum(verdicts).optional(),
  language: z.enum(languageIds).optional(),
  cursor: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, { error: 'Name the key (e.g. "CI" or "my laptop")' }).max(60),
});
export const apiKeyIdInput = z.object({ id: z.uuid({ error: 'Unknown key' }) });
