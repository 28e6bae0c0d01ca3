// AI features used by other domains: skill-tree generation and dungeon narration. Each goes
// through the gateway (live with a key, offline otherwise or on failure) and says which it was.
import type { Db } from '@roguelearn/db';
import { DomainError } from '../../errors';
import { type GeneratedTree, generatedTreeSchema } from '../../schemas/learning';
import { edgesFromPrerequisites, findCycle } from '../learning/graph';
import { aiGateway, type FeatureResult } from './gateway';
import { matchTags, type NarrationContext, offlineNarration, offlineSkillTree } from './offline';
import { narrationOutput } from './outputs';

/**
 * The tree schema Gemini answers with, plus the graph rules as refinements: an answer with
 * duplicate keys, unknown prerequisites or a cycle counts as malformed and is retried.
 */
export const aiTreeSchema = generatedTreeSchema.superRefine((tree, ctx) => {
  const keys = tree.nodes.map((n) => n.key);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) ctx.addIssue({ code: 'custom', message: `duplicate key ${dup}`, path: ['nodes'] });
  for (const n of tree.nodes) {
    const unknown = n.prerequisites.find((p) => !keys.includes(p) || p === n.key);
    if (unknown) ctx.addIssue({ code: 'custom', message: `${n.key} has bad prerequisite ${unknown}`, path: ['nodes'] });
  }
  if (!dup) {
    const cycle = findCycle(keys, edgesFromPrerequisites(tree.nodes));
    if (cycle) ctx.addIssue({ code: 'custom', message: `cycle ${cycle.join(' -> ')}`, path: ['nodes'] });
  }
});

const TREE_SYSTEM = `You design skill trees for programming courses on a gamified learning platform.
Turn the syllabus into 5-30 skill nodes in teaching order. Each node: a short lowercase kebab-case key (unique),
a title of a few words, a one or two sentence description of what the student learns, tags chosen ONLY from the
list of available problem tags (so practice problems can be attached), a difficulty (EASY, MEDIUM or HARD) and
prerequisites: keys of earlier nodes that must be mastered first. Prerequisites must not form cycles.
Skip administrative sections (grading, policies, office hours, textbooks).`;

export async function generateSkillTree(
  db: Db,
  opts: { userId: string; classId: string | null; title: string; content: string; knownTags: string[] },
): Promise<FeatureResult<{ title: string | null; tree: GeneratedTree }>> {
  const offline = () => {
    const result = offlineSkillTree(opts.content, opts.knownTags);
    if (!result.tree.nodes.length) {
      throw new DomainError(
        'BAD_REQUEST',
        'No headings found in the syllabus. Mark each topic with a Markdown heading (“## Strings”) or a line like “Week 3: Strings”.',
        { content: ['No headings found'] },
      );
    }
    return result;
  };
  // The offline generator is also the fallback. Offline, a syllabus without headings fails
  // clearly up front; live, Gemini may still make sense of it.
  let fallback: ReturnType<typeof offline> | null = null;
  let fallbackError: unknown = null;
  try {
    fallback = offline();
  } catch (err) {
    if (aiGateway().mode === 'offline') throw err;
    fallbackError = err;
  }
  const offlineTree = () => {
    if (!fallback) throw fallbackError;
    return fallback;
  };
  const prompt = [
    `Syllabus title: ${opts.title}`,
    `Available problem tags: ${opts.knownTags.join(', ') || '(none)'}`,
    'Syllabus:',
    '"""',
    opts.content.slice(0, 40_000),
    '"""',
  ].join('\n');
  const result = await aiGateway().run(db, {
    feature: 'skill-tree',
    userId: opts.userId,
    classId: opts.classId,
    system: TREE_SYSTEM,
    prompt,
    schema: aiTreeSchema,
    offline: () => offlineTree().tree,
  });
  if (result.mode === 'offline') return { ...result, data: offlineTree() };
  // Keep only tags the platform knows; fall back to keyword matching when none survive.
  const known = new Set(opts.knownTags);
  const nodes = result.data.nodes.map((n) => {
    const tags = [...new Set(n.tags.map((t) => t.toLowerCase()).filter((t) => known.has(t)))];
    return { ...n, tags: tags.length ? tags : matchTags(n.title, n.description, opts.knownTags) };
  });
  return { ...result, data: { title: fallback?.title ?? null, tree: { nodes } } };
}

const NARRATION_SYSTEM = `You are the dungeon master of a coding roguelike. Write 1-3 vivid sentences (under 80 words)
of second-person narration for the moment described. Mention the named encounters; never give programming hints.`;

export async function narrate(db: Db, userId: string, ctx: NarrationContext) {
  const moment = {
    intro: `The student enters the dungeon "${ctx.questTitle}" (${ctx.total} encounters). First encounter: "${ctx.nextTitle ?? ctx.encounterTitle}".`,
    between: `The student just cleared encounter ${ctx.encounter + 1} of ${ctx.total}, "${ctx.encounterTitle}", and heads to "${ctx.nextTitle}".`,
    boss: `The student cleared "${ctx.encounterTitle}"; only the boss remains: "${ctx.nextTitle}".`,
    victory: `The student defeated the boss "${ctx.encounterTitle}" and cleared "${ctx.questTitle}".`,
    defeat: `The student ran out of hit points fighting "${ctx.encounterTitle}" in "${ctx.questTitle}".`,
  }[ctx.phase];
  const result = await aiGateway().run(db, {
    feature: 'narration',
    userId,
    system: NARRATION_SYSTEM,
    prompt: `${moment} Hit points left: ${ctx.hitPoints}/100.`,
    schema: narrationOutput,
    offline: () => offlineNarration(ctx),
  });
  return { text: result.data.text, mode: result.mode, notice: result.notice };
}
