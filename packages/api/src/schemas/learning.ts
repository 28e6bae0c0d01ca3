import { z } from 'zod';
import { difficulties } from './problem';

const uuid = (what: string) => z.uuid({ error: `Unknown ${what}` });

export const classIdInput = z.object({ classId: uuid('class') });

// ── syllabi ──────────────────────────────────────────────────────────────

export const createSyllabusInput = z.object({
  title: z.string().trim().min(1, { error: 'Give the syllabus a title' }).max(200),
  content: z
    .string()
    .trim()
    .min(20, { error: 'Paste the syllabus text (Markdown headings work best)' })
    .max(200_000, { error: 'A syllabus is limited to 200 000 characters' }),
  classId: uuid('class').optional(),
});
export const syllabusIdInput = z.object({ syllabusId: uuid('syllabus') });
export const listSyllabiInput = z.object({ classId: uuid('class').optional() }).default({});

// ── skill trees ──────────────────────────────────────────────────────────

/** A node key: a short slug, unique within its tree; edges and prerequisites refer to it. */
export const nodeKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'Keys are lowercase letters, digits and dashes (at most 64)' });

const nodeTitle = z.string().trim().min(1, { error: 'Every node needs a title' }).max(120);
const nodeDescription = z.string().trim().max(2000).default('');
const nodeTags = z.array(z.string().trim().min(1).max(50)).max(12).default([]);

/**
 * The structured output asked of Gemini (and produced by the offline generator): nodes in teaching
 * order, each naming its prerequisites by key. Graph rules (unique keys, known prerequisites, no
 * cycles) are checked by `validateGraph` afterwards so the error can name the offending nodes.
 */
export const generatedTreeSchema = z.object({
  nodes: z
    .array(
      z.object({
        key: nodeKey,
        title: nodeTitle,
        description: z.string().max(2000),
        tags: z.array(z.string().max(50)).max(12),
        difficulty: z.enum(difficulties),
        prerequisites: z.array(nodeKey).max(12),
      }),
    )
    .min(1)
    .max(60),
});
export type GeneratedTree = z.infer<typeof generatedTreeSchema>;

export const generateTreeInput = z.object({
  syllabusId: uuid('syllabus'),
  /** Also create a starter quest per node from problems matching its tags (default on). */
  withQuests: z.boolean().default(true),
});

export const treeIdInput = z.object({ treeId: uuid('skill tree') });
export const listTreesInput = z.object({ classId: uuid('class').optional() }).default({});

export const updateTreeInput = z.object({
  treeId: uuid('skill tree'),
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(2000).optional(),
  /** The whole graph as the editor holds it: nodes missing from the list are deleted. */
  nodes: z
    .array(
      z.object({
        key: nodeKey,
        title: nodeTitle,
        description: nodeDescription,
        tags: nodeTags,
        difficulty: z.enum(difficulties).nullable().default(null),
        x: z.number().finite().min(-100_000).max(100_000).default(0),
        y: z.number().finite().min(-100_000).max(100_000).default(0),
      }),
    )
    .min(1, { error: 'A tree needs at least one node' })
    .max(200),
  /** `from` is a prerequisite of `to`. */
  edges: z.array(z.object({ from: nodeKey, to: nodeKey })).max(1000),
});
export type UpdateTreeInput = z.infer<typeof updateTreeInput>;

export const publishTreeInput = z.object({ treeId: uuid('skill tree'), classId: uuid('class') });

// ── quests ───────────────────────────────────────────────────────────────

export const questStepKinds = ['READ', 'SOLVE', 'DUEL', 'PAIR', 'BOSS'] as const;

export const listQuestsInput = z
  .object({ treeId: uuid('skill tree').optional(), nodeId: uuid('node').optional() })
  .default({});
export const questIdInput = z.object({ questId: uuid('quest') });
export const stepIdInput = z.object({ stepId: uuid('step') });
export const grantStepInput = z.object({ stepId: uuid('step'), userId: uuid('student') });

export const saveQuestInput = z
  .object({
    /** Omit to create a quest; give it to replace that quest's fields and steps. */
    questId: uuid('quest').optional(),
    treeId: uuid('skill tree'),
    nodeId: uuid('node').nullable().default(null),
    title: z.string().trim().min(1, { error: 'Give the quest a title' }).max(200),
    description: z.string().trim().max(4000).default(''),
    kind: z.enum(['QUEST', 'DUNGEON']).default('QUEST'),
    xpReward: z.number().int().min(0).max(1000).default(50),
    steps: z
      .array(
        z.object({
          kind: z.enum(questStepKinds),
          title: z.string().trim().min(1, { error: 'Every step needs a title' }).max(200),
          content: z.string().max(20_000).default(''),
          problemId: uuid('problem').nullable().default(null),
        }),
      )
      .min(1, { error: 'A quest needs at least one step' })
      .max(30),
  })
  .superRefine((q, ctx) => {
    q.steps.forEach((s, i) => {
      if ((s.kind === 'SOLVE' || s.kind === 'BOSS') && !s.problemId) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'problemId'], message: 'Pick the problem to solve' });
      }
    });
  });
export type SaveQuestInput = z.infer<typeof saveQuestInput>;

// ── dungeon runs ─────────────────────────────────────────────────────────

export const runIdInput = z.object({ runId: uuid('dungeon run') });
