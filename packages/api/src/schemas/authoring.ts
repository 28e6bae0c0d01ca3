// Problem authoring (instructor dashboard): problems, tests, groups, starter code, reference
// solutions, hints, the publish gate and zip import/export.
import { z } from 'zod';
import { difficulties } from './problem';
import { languageIds } from './user';

const uuid = (what: string) => z.uuid({ error: `Unknown ${what}` });
const language = z.enum(languageIds, { error: 'Pick a language' });
const markdown = (max: number, what: string) =>
  z.string().max(max, { error: `${what} is limited to ${max.toLocaleString('en')} characters` });

export const problemStatuses = ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const;
export const checkerKinds = ['EXACT', 'TOKENS', 'FLOAT', 'CUSTOM'] as const;

/** A problem's URL name: lowercase letters, digits and dashes. */
export const problemSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, {
    error: 'Use lowercase letters, digits and dashes (at most 80, no dash at either end)',
  });

/** One test file (input or expected output). */
export const MAX_TEST_BYTES = 16 * 1024 * 1024;
export const MAX_TESTS_PER_PROBLEM = 1000;
const testText = z.string().max(MAX_TEST_BYTES, { error: 'A test file is limited to 16 MB' });
const code = z
  .string()
  .min(1, { error: 'Write some code first' })
  .max(64 * 1024, { error: 'Source code is limited to 64 KB' });

/**
 * How output is compared. EXACT: byte for byte (trailing newline aside); TOKENS: whitespace-
 * insensitive; FLOAT: numbers within `tolerance` (absolute or relative); CUSTOM: a Python 3
 * program run as `python3 checker.py <input> <expected> <output>` that exits 0 for accepted and
 * 1 for wrong answer (anything else is a judge error).
 */
export const checkerInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('EXACT') }),
  z.object({ kind: z.literal('TOKENS') }),
  z.object({
    kind: z.literal('FLOAT'),
    tolerance: z
      .number({ error: 'Enter the tolerance, e.g. 0.000001' })
      .positive({ error: 'The tolerance must be positive' })
      .max(1, { error: 'The tolerance must be at most 1' })
      .default(1e-6),
  }),
  z.object({
    kind: z.literal('CUSTOM'),
    source: z
      .string()
      .trim()
      .min(1, { error: 'Paste the checker’s Python source' })
      .max(64 * 1024, { error: 'A checker is limited to 64 KB' }),
  }),
]);
export type CheckerInput = z.infer<typeof checkerInput>;

const problemFields = {
  slug: problemSlug,
  title: z.string().trim().min(1, { error: 'Give the problem a title' }).max(120),
  statement: markdown(100_000, 'The statement').trim().min(1, { error: 'Write the statement' }),
  inputFormat: markdown(20_000, 'The input format'),
  outputFormat: markdown(20_000, 'The output format'),
  constraints: markdown(20_000, 'The constraints'),
  difficulty: z.enum(difficulties, { error: 'Pick a difficulty' }),
  category: z.string().trim().toLowerCase().min(1, { error: 'Pick a category' }).max(50),
  tags: z
    .array(z.string().trim().min(1).max(50))
    .max(12, { error: 'At most 12 tags' })
    .transform((tags) => [...new Set(tags.map((t) => t.toLowerCase()))]),
  timeLimitMs: z.number().int().min(100, { error: 'At least 100 ms' }).max(20_000, { error: 'At most 20 seconds' }),
  memoryLimitKb: z
    .number()
    .int()
    .min(16 * 1024, { error: 'At least 16 MB' })
    .max(1024 * 1024, { error: 'At most 1 GB' }),
  checker: checkerInput,
  editorial: markdown(100_000, 'The editorial').nullable(),
};

export const createProblemInput = z.object({
  ...problemFields,
  /** Derived from the title when omitted. */
  slug: problemFields.slug.optional(),
  inputFormat: problemFields.inputFormat.default(''),
  outputFormat: problemFields.outputFormat.default(''),
  constraints: problemFields.constraints.default(''),
  tags: problemFields.tags.default([]),
  timeLimitMs: problemFields.timeLimitMs.default(2000),
  memoryLimitKb: problemFields.memoryLimitKb.default(262_144),
  checker: checkerInput.default({ kind: 'TOKENS' }),
  editorial: problemFields.editorial.default(null),
});
export type CreateProblemInput = z.infer<typeof createProblemInput>;

export const problemIdInput = z.object({ problemId: uuid('problem') });

export const updateProblemInput = z
  .object(problemFields)
  .partial()
  .extend({ problemId: uuid('problem') });
export type UpdateProblemInput = z.infer<typeof updateProblemInput>;

export const listAuthoredInput = z
  .object({
    /** mine: problems I wrote (admins: every problem); all: every problem, with `canEdit`. */
    scope: z.enum(['mine', 'all']).default('mine'),
    status: z.enum(problemStatuses).optional(),
    search: z.string().trim().max(100).optional(),
    page: z.number().int().min(1).max(1000).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
  })
  .default({ scope: 'mine', page: 1, pageSize: 20 });

// ── tests and groups ─────────────────────────────────────────────────────

const testFields = {
  input: testText,
  output: testText,
  sample: z.boolean().default(false),
  /** Points of a test outside any group (IOI-style partial scoring). */
  weight: z.number().int().min(0).max(1000).default(1),
  explanation: z.string().max(5000).nullable().default(null),
};

export const addTestInput = z.object({
  problemId: uuid('problem'),
  ...testFields,
  groupId: uuid('group').nullable().default(null),
});

export const updateTestInput = z.object({
  testId: uuid('test'),
  input: testText.optional(),
  output: testText.optional(),
  sample: z.boolean().optional(),
  weight: testFields.weight.unwrap().optional(),
  explanation: z.string().max(5000).nullable().optional(),
  groupId: uuid('group').nullable().optional(),
});

export const testIdInput = z.object({ testId: uuid('test') });

/** Many tests at once; `group` names a test group, created (weight 100) if it doesn't exist. */
export const bulkTestsInput = z.object({
  problemId: uuid('problem'),
  /** append: after the existing tests; replace: the new tests are the only ones. */
  mode: z.enum(['append', 'replace']).default('append'),
  tests: z
    .array(
      z.object({
        ...testFields,
        group: z.string().trim().min(1).max(60).nullable().default(null),
      }),
    )
    .min(1, { error: 'Add at least one test' })
    .max(500, { error: 'Upload at most 500 tests at once' }),
});
export type BulkTestsInput = z.infer<typeof bulkTestsInput>;

export const reorderTestsInput = z.object({
  problemId: uuid('problem'),
  testIds: z.array(uuid('test')).min(1).max(MAX_TESTS_PER_PROBLEM),
});

/** The whole list of groups, in order: groups with an id are kept, others created, the rest deleted. */
export const saveGroupsInput = z.object({
  problemId: uuid('problem'),
  groups: z
    .array(
      z.object({
        id: uuid('group').optional(),
        name: z.string().trim().min(1, { error: 'Name the group' }).max(60),
        weight: z.number().int().min(0).max(1000),
      }),
    )
    .max(50)
    .refine((gs) => new Set(gs.map((g) => g.name.toLowerCase())).size === gs.length, {
      error: 'Group names must be different',
    }),
});

// ── code, hints ──────────────────────────────────────────────────────────

export const setCodeInput = z.object({ problemId: uuid('problem'), language, code });
export const languageInput = z.object({ problemId: uuid('problem'), language });

export const setHintsInput = z.object({
  problemId: uuid('problem'),
  /** In order: tier 1 (nudge), 2 (approach), 3 (pseudo-code)… */
  hints: z
    .array(
      z.object({
        content: z.string().trim().min(1, { error: 'A hint can’t be empty' }).max(5000),
        xpCost: z.number().int().min(0).max(100).default(5),
      }),
    )
    .max(5, { error: 'At most 5 hints' }),
});

// ── zip ──────────────────────────────────────────────────────────────────

/** 48 MB of zip, base64-encoded. */
export const MAX_ZIP_BASE64 = 64 * 1024 * 1024;

export const importProblemInput = z.object({
  zipBase64: z
    .string()
    .min(1, { error: 'Choose a zip file' })
    .max(MAX_ZIP_BASE64, { error: 'The zip is limited to 48 MB' }),
  /** Use this slug instead of the one in meta.json. */
  slug: problemSlug.optional(),
  /** When the slug is taken: add a suffix (-2, -3…) or refuse. */
  onConflict: z.enum(['suffix', 'error']).default('suffix'),
});
