// A student's progress through a skill tree: node states, quest states, step requirements, and
// settling what follows from a completed step (quest completed → node mastered → XP, achievements).
//
// Rules:
// - A node is unlocked when every prerequisite is mastered; a node with quests is mastered when
//   all its quests are complete; a node without quest steps is a milestone, mastered as soon as
//   it is unlocked. Mastery is recorded in SkillProgress and, once recorded, sticks.
// - Steps may be done in any order, except a BOSS step, which needs every other step of its quest.
// - READ completes on request; SOLVE and BOSS need an accepted submission for the step's problem;
//   DUEL needs a won duel (on the step's problem if it names one); PAIR needs a pair session the
//   student took part in that produced an accepted solution (for the step's problem if it names one).
import type { Db, QuestStepKind } from '@roguelearn/db';
import { applyEvent, catchUpSubmissions } from '../character/rules';

export type NodeState = 'locked' | 'available' | 'in_progress' | 'mastered';
export type QuestState = 'locked' | 'available' | 'in_progress' | 'completed';

/** Skill points a completed step puts into its node; mastering a node adds MASTERY_POINTS. */
export const STEP_POINTS: Record<QuestStepKind, number> = { READ: 1, SOLVE: 2, DUEL: 2, PAIR: 2, BOSS: 3 };
export const MASTERY_POINTS = 3;

export interface NodeProgress {
  state: NodeState;
  progress: number;
  stepsDone: number;
  stepsTotal: number;
  points: number;
  missing: string[];
}
export interface QuestProgressView {
  state: QuestState;
  stepsDone: number;
  stepsTotal: number;
  completedStepIds: Set<string>;
}

export async function treeProgress(db: Db, userId: string, treeId: string) {
  const [nodes, edges, quests, questRows, skillRows] = await Promise.all([
    db.skillNode.findMany({ where: { treeId }, orderBy: { ordinal: 'asc' }, select: { id: true, title: true } }),
    db.skillEdge.findMany({ where: { treeId }, select: { fromId: true, toId: true } }),
    db.quest.findMany({
      where: { treeId },
      select: {
        id: true,
        nodeId: true,
        steps: { select: { id: true, kind: true, completions: { where: { userId }, select: { userId: true } } } },
      },
    }),
    db.questProgress.findMany({ where: { userId, quest: { treeId } }, select: { questId: true, status: true } }),
    db.skillProgress.findMany({ where: { userId, node: { treeId } }, select: { nodeId: true, status: true } }),
  ]);
  const started = new Map(questRows.map((q) => [q.questId, q.status]));
  const recordedMastery = new Set(skillRows.filter((s) => s.status === 'COMPLETED').map((s) => s.nodeId));

  const questView = new Map<string, QuestProgressView & { nodeId: string | null; complete: boolean }>();
  for (const q of quests) {
    const done = new Set(q.steps.filter((s) => s.completions.length).map((s) => s.id));
    const complete = started.get(q.id) === 'COMPLETED' || (q.steps.length > 0 && done.size === q.steps.length);
    questView.set(q.id, {
      state: 'available',
      stepsDone: done.size,
      stepsTotal: q.steps.length,
      completedStepIds: done,
      nodeId: q.nodeId,
      complete,
    });
  }

  const prereqs = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) prereqs.get(e.toId)?.push(e.fromId);
  const title = new Map(nodes.map((n) => [n.id, n.title]));
  const mastered = new Map<string, boolean>();
  const visiting = new Set<string>();
  const isMastered = (id: string): boolean => {
    const known = mastered.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return false; // a cycle cannot be saved, but never recurse forever
    visiting.add(id);
    const unlocked = (prereqs.get(id) ?? []).every(isMastered);
    const own = quests.filter((q) => q.nodeId === id);
    const steps = own.reduce((n, q) => n + q.steps.length, 0);
    const result =
      recordedMastery.has(id) || (steps === 0 ? unlocked : unlocked && own.every((q) => questView.get(q.id)?.complete));
    visiting.delete(id);
    mastered.set(id, result);
    return result;
  };

  const nodeView = new Map<string, NodeProgress>();
  for (const n of nodes) {
    const missing = (prereqs.get(n.id) ?? []).filter((p) => !isMastered(p)).map((p) => title.get(p) ?? p);
    const own = quests.filter((q) => q.nodeId === n.id);
    const stepsTotal = own.reduce((s, q) => s + q.steps.length, 0);
    const stepsDone = own.reduce((s, q) => s + (questView.get(q.id)?.stepsDone ?? 0), 0);
    const points =
      own.reduce(
        (s, q) => s + q.steps.filter((st) => st.completions.length).reduce((p, st) => p + STEP_POINTS[st.kind], 0),
        0,
      ) + (isMastered(n.id) ? MASTERY_POINTS : 0);
    const anyStarted = own.some((q) => started.has(q.id));
    const state: NodeState = isMastered(n.id)
      ? 'mastered'
      : missing.length
        ? 'locked'
        : stepsDone > 0 || anyStarted
          ? 'in_progress'
          : 'available';
    nodeView.set(n.id, {
      state,
      progress: stepsTotal ? stepsDone / stepsTotal : state === 'mastered' ? 1 : 0,
      stepsDone,
      stepsTotal,
      points,
      missing,
    });
  }
  for (const [id, q] of questView) {
    const node = q.nodeId ? nodeView.get(q.nodeId) : null;
    q.state = q.complete
      ? 'completed'
      : node?.state === 'locked'
        ? 'locked'
        : started.has(id) || q.stepsDone > 0
          ? 'in_progress'
          : 'available';
  }
  return { nodes: nodeView, quests: questView };
}

// ───────────────────────────── step requirements ─────────────────────────────

export interface StepRef {
  id: string;
  questId: string;
  kind: QuestStepKind;
  title: string;
  problemId: string | null;
  problem?: { title: string } | null;
}

export type Requirement = { ok: true } | { ok: false; reason: string };

export async function hasAccepted(db: Db, userId: string, problemId: string): Promise<boolean> {
  const s = await db.submission.findFirst({
    where: { userId, problemId, kind: 'SUBMIT', status: 'DONE', verdict: 'AC' },
    select: { id: true },
  });
  return !!s;
}

/** Whether the student has done what a step asks; READ is satisfied only when `explicit`. */
export async function stepRequirement(db: Db, userId: string, step: StepRef, explicit: boolean): Promise<Requirement> {
  const what = step.problem?.title ? `“${step.problem.title}”` : 'the problem';
  switch (step.kind) {
    case 'READ':
      return explicit ? { ok: true } : { ok: false, reason: 'Mark the reading as done.' };
    case 'SOLVE':
    case 'BOSS': {
      if (step.kind === 'BOSS') {
        const others = await db.questStep.count({
          where: { questId: step.questId, id: { not: step.id }, completions: { none: { userId } } },
        });
        if (others > 0)
          return {
            ok: false,
            reason: `The boss waits until the quest’s other ${others === 1 ? 'step is' : 'steps are'} done.`,
          };
      }
      if (!step.problemId) return { ok: false, reason: 'This step has no problem attached yet.' };
      return (await hasAccepted(db, userId, step.problemId))
        ? { ok: true }
        : { ok: false, reason: `Solve ${what} first: you have no accepted submission for it yet.` };
    }
    case 'DUEL': {
      const won = await db.battle.findFirst({
        where: { winnerId: userId, status: 'FINISHED', ...(step.problemId ? { problemId: step.problemId } : {}) },
        select: { id: true },
      });
      return won ? { ok: true } : { ok: false, reason: `Win a duel${step.problemId ? ` on ${what}` : ''} first.` };
    }
    case 'PAIR': {
      const session = await db.pairSession.findFirst({
        where: {
          participants: { some: { userId } },
          ...(step.problemId ? { problemId: step.problemId } : {}),
          submissions: { some: { verdict: 'AC', kind: 'SUBMIT', status: 'DONE' } },
        },
        select: { id: true },
      });
      return session
        ? { ok: true }
        : { ok: false, reason: `Solve ${step.problemId ? what : 'a problem'} together in a pair session first.` };
    }
  }
}

/** Records a completed step (idempotently) and awards its XP. True when it is new. */
export async function recordStep(db: Db, userId: string, stepId: string): Promise<boolean> {
  const { count } = await db.questStepCompletion.createMany({ data: [{ userId, stepId }], skipDuplicates: true });
  if (count) await applyEvent(db, { type: 'quest.step.completed', userId, stepId });
  return count > 0;
}

/** Recomputes a node's SkillProgress from its quests; awards mastery once. */
export async function updateNodeProgress(db: Db, userId: string, nodeId: string): Promise<void> {
  const quests = await db.quest.findMany({
    where: { nodeId },
    select: { steps: { select: { kind: true, completions: { where: { userId }, select: { userId: true } } } } },
  });
  const steps = quests.flatMap((q) => q.steps);
  const done = steps.filter((s) => s.completions.length);
  const complete = steps.length > 0 && done.length === steps.length;
  const existing = await db.skillProgress.findUnique({ where: { userId_nodeId: { userId, nodeId } } });
  const mastered = complete || existing?.status === 'COMPLETED';
  const points = done.reduce((p, s) => p + STEP_POINTS[s.kind], 0) + (mastered ? MASTERY_POINTS : 0);
  const status = mastered ? 'COMPLETED' : done.length ? 'IN_PROGRESS' : 'AVAILABLE';
  await db.skillProgress.upsert({
    where: { userId_nodeId: { userId, nodeId } },
    create: { userId, nodeId, points, status },
    update: { points, status },
  });
  if (mastered && existing?.status !== 'COMPLETED') await applyEvent(db, { type: 'node.mastered', userId, nodeId });
}

/**
 * Settles a quest after something changed: in a started quest, steps whose requirement is now met
 * complete on their own (SOLVE after an accepted verdict, the boss once everything else is done),
 * a finished quest is marked complete, and its node's progress is updated.
 */
export async function settleQuest(db: Db, userId: string, questId: string): Promise<void> {
  const quest = await db.quest.findUnique({
    where: { id: questId },
    select: {
      id: true,
      nodeId: true,
      steps: {
        orderBy: { ordinal: 'asc' },
        select: {
          id: true,
          questId: true,
          kind: true,
          title: true,
          problemId: true,
          problem: { select: { title: true } },
          completions: { where: { userId }, select: { userId: true } },
        },
      },
      progress: { where: { userId }, select: { status: true } },
    },
  });
  if (!quest) return;
  const progress = quest.progress[0];
  const done = new Set(quest.steps.filter((s) => s.completions.length).map((s) => s.id));
  if (progress) {
    // Twice: completing the other steps can make the boss eligible.
    for (let pass = 0; pass < 2; pass++) {
      for (const step of quest.steps) {
        if (done.has(step.id) || step.kind === 'READ') continue;
        if ((await stepRequirement(db, userId, step, false)).ok) {
          await recordStep(db, userId, step.id);
          done.add(step.id);
        }
      }
    }
  }
  if (quest.steps.length && done.size === quest.steps.length && progress?.status !== 'COMPLETED') {
    await db.questProgress.upsert({
      where: { userId_questId: { userId, questId } },
      create: { userId, questId, status: 'COMPLETED', completedAt: new Date() },
      update: { status: 'COMPLETED', completedAt: new Date() },
    });
    await applyEvent(db, { type: 'quest.completed', userId, questId });
  }
  if (quest.nodeId) await updateNodeProgress(db, userId, quest.nodeId);
}

/**
 * Brings a student's learning state up to date with what happened elsewhere: judged submissions
 * not yet turned into XP, and started quests with SOLVE/BOSS steps they have since solved.
 */
export async function syncLearner(db: Db, userId: string): Promise<void> {
  await catchUpSubmissions(db, userId);
  const steps = await db.questStep.findMany({
    where: {
      kind: { in: ['SOLVE', 'BOSS'] },
      completions: { none: { userId } },
      quest: { progress: { some: { userId, status: 'IN_PROGRESS' } } },
      problem: { submissions: { some: { userId, verdict: 'AC', kind: 'SUBMIT', status: 'DONE' } } },
    },
    select: { questId: true },
  });
  for (const questId of new Set(steps.map((s) => s.questId))) await settleQuest(db, userId, questId);
}
