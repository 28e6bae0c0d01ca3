// Dungeon runs: a quest line presented as a sequence of encounters (its steps, in order), the
// last one the boss, with narration between them. Wrong submissions on the run's problems since
// the run began cost hit points (HP_PER_MISS each); at zero the run is lost and can be retried.
import type { Db } from '@roguelearn/db';
import { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import { narrate } from '../ai/features';
import type { SessionUser } from '../auth/service';
import { applyEvent } from '../character/rules';
import { canViewTree, isStaff } from './access';
import { recordStep, settleQuest, stepRequirement, treeProgress } from './progress';

export const MAX_HP = 100;
export const HP_PER_MISS = 10;

const narrationEntry = z.object({
  encounter: z.number(),
  phase: z.string(),
  text: z.string(),
  mode: z.string(),
  at: z.string(),
});
type NarrationEntry = z.infer<typeof narrationEntry>;

function narrationLog(json: unknown): NarrationEntry[] {
  const parsed = z.array(narrationEntry).safeParse(json);
  return parsed.success ? parsed.data : [];
}

async function loadQuestSteps(db: Db, questId: string) {
  return db.questStep.findMany({
    where: { questId },
    orderBy: { ordinal: 'asc' },
    select: {
      id: true,
      questId: true,
      ordinal: true,
      kind: true,
      title: true,
      content: true,
      problemId: true,
      problem: { select: { id: true, slug: true, title: true, difficulty: true } },
    },
  });
}

async function hitPoints(db: Db, userId: string, problemIds: string[], since: Date): Promise<number> {
  if (!problemIds.length) return MAX_HP;
  const misses = await db.submission.count({
    where: {
      userId,
      problemId: { in: problemIds },
      kind: 'SUBMIT',
      status: 'DONE',
      verdict: { notIn: ['AC', 'IE', 'SKIPPED'] },
      createdAt: { gte: since },
    },
  });
  return Math.max(0, MAX_HP - HP_PER_MISS * misses);
}

export async function startRun(db: Db, user: SessionUser, questId: string) {
  const quest = await db.quest.findUnique({
    where: { id: questId },
    select: {
      id: true,
      title: true,
      treeId: true,
      nodeId: true,
      tree: { select: { id: true, authorId: true, classId: true, status: true } },
    },
  });
  if (!quest || !(await canViewTree(db, user, quest.tree))) throw notFound('Quest');
  if (quest.nodeId) {
    const node = (await treeProgress(db, user.id, quest.treeId)).nodes.get(quest.nodeId);
    if (node?.state === 'locked') {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `This dungeon is sealed. Master ${node.missing.map((m) => `“${m}”`).join(' and ')} first.`,
      );
    }
  }
  const active = await db.dungeonRun.findFirst({
    where: { userId: user.id, questId, status: 'ACTIVE' },
    select: { id: true },
  });
  if (active) return getRun(db, user, active.id);
  const steps = await loadQuestSteps(db, questId);
  if (!steps.length) throw new DomainError('PRECONDITION_FAILED', 'This quest has no encounters yet.');
  await db.questProgress.upsert({
    where: { userId_questId: { userId: user.id, questId } },
    create: { userId: user.id, questId, status: 'IN_PROGRESS' },
    update: {},
  });
  const run = await db.dungeonRun.create({ data: { userId: user.id, questId, hitPoints: MAX_HP } });
  const intro = await narrate(db, user.id, {
    runId: run.id,
    phase: 'intro',
    questTitle: quest.title,
    encounterTitle: steps[0].title,
    nextTitle: steps[0].title,
    encounter: 0,
    total: steps.length,
    hitPoints: MAX_HP,
  });
  const entry: NarrationEntry = {
    encounter: 0,
    phase: 'intro',
    text: intro.text,
    mode: intro.mode,
    at: new Date().toISOString(),
  };
  await db.dungeonRun.update({ where: { id: run.id }, data: { narration: [entry] } });
  return getRun(db, user, run.id);
}

async function loadRun(db: Db, user: SessionUser, runId: string) {
  const run = await db.dungeonRun.findUnique({
    where: { id: runId },
    include: { quest: { select: { id: true, title: true, description: true, treeId: true, nodeId: true } } },
  });
  if (!run || (run.userId !== user.id && !isStaff(user))) throw notFound('Dungeon run');
  return run;
}

export async function getRun(db: Db, user: SessionUser, runId: string, blocked: string | null = null) {
  const run = await loadRun(db, user, runId);
  const steps = await loadQuestSteps(db, run.questId);
  const done = new Set(
    (
      await db.questStepCompletion.findMany({
        where: { userId: run.userId, stepId: { in: steps.map((s) => s.id) } },
        select: { stepId: true },
      })
    ).map((c) => c.stepId),
  );
  return {
    id: run.id,
    quest: run.quest,
    status: run.status,
    hitPoints: run.hitPoints,
    maxHitPoints: MAX_HP,
    currentEncounter: run.currentEncounter,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    encounters: steps.map((s, i) => ({
      index: i,
      stepId: s.id,
      kind: s.kind,
      title: s.title,
      content: s.content,
      problem: s.problem,
      /** The final encounter is the boss, whatever its step kind. */
      boss: i === steps.length - 1,
      stepCompleted: done.has(s.id),
      status:
        i < run.currentEncounter || (run.status === 'WON' && i <= run.currentEncounter)
          ? ('cleared' as const)
          : i === run.currentEncounter && run.status === 'ACTIVE'
            ? ('current' as const)
            : ('ahead' as const),
    })),
    narration: narrationLog(run.narration),
    /** Why the last advance did not move on (nothing when it did). */
    blocked,
  };
}

/**
 * Tries to clear the current encounter: its step's requirement must be met (a READ encounter
 * clears on request). Moving on adds narration; clearing the last one wins the run. When the
 * requirement is not met the run stays put and `blocked` says why; wrong answers cost HP.
 */
export async function advanceRun(db: Db, user: SessionUser, runId: string) {
  const run = await loadRun(db, user, runId);
  if (run.userId !== user.id) throw new DomainError('FORBIDDEN', 'Only the adventurer can advance their own run.');
  if (run.status !== 'ACTIVE') throw new DomainError('CONFLICT', 'This run is over. Start a new one to try again.');
  const steps = await loadQuestSteps(db, run.questId);
  const index = Math.min(run.currentEncounter, steps.length - 1);
  const step = steps[index];
  const log = narrationLog(run.narration);
  const hp = await hitPoints(
    db,
    user.id,
    steps.map((s) => s.problemId).filter((p): p is string => !!p),
    run.startedAt,
  );
  const ctxBase = { runId: run.id, questTitle: run.quest.title, total: steps.length, hitPoints: hp };

  if (hp <= 0) {
    const defeat = await narrate(db, user.id, {
      ...ctxBase,
      phase: 'defeat',
      encounterTitle: step.title,
      encounter: index,
    });
    log.push({ encounter: index, phase: 'defeat', text: defeat.text, mode: defeat.mode, at: new Date().toISOString() });
    await db.dungeonRun.update({
      where: { id: run.id },
      data: { status: 'LOST', hitPoints: 0, endedAt: new Date(), narration: log },
    });
    return getRun(db, user, run.id, 'Out of hit points: too many wrong answers. Start a new run to try again.');
  }

  const completed = await db.questStepCompletion.findUnique({
    where: { userId_stepId: { userId: user.id, stepId: step.id } },
    select: { userId: true },
  });
  if (!completed) {
    const requirement = await stepRequirement(db, user.id, step, true);
    if (!requirement.ok) {
      await db.dungeonRun.update({ where: { id: run.id }, data: { hitPoints: hp } });
      return getRun(db, user, run.id, requirement.reason);
    }
    await recordStep(db, user.id, step.id);
  }

  const last = index >= steps.length - 1;
  const next = last ? null : steps[index + 1];
  const phase = last ? 'victory' : index + 1 === steps.length - 1 ? 'boss' : 'between';
  const story = await narrate(db, user.id, {
    ...ctxBase,
    phase,
    encounterTitle: step.title,
    nextTitle: next?.title ?? null,
    encounter: index,
  });
  log.push({ encounter: index + 1, phase, text: story.text, mode: story.mode, at: new Date().toISOString() });
  await db.dungeonRun.update({
    where: { id: run.id },
    data: last
      ? { status: 'WON', hitPoints: hp, endedAt: new Date(), narration: log }
      : { currentEncounter: index + 1, hitPoints: hp, narration: log },
  });
  await settleQuest(db, user.id, run.questId);
  if (last) await applyEvent(db, { type: 'dungeon.won', runId: run.id });
  return getRun(db, user, run.id);
}

export async function abandonRun(db: Db, user: SessionUser, runId: string) {
  const run = await loadRun(db, user, runId);
  if (run.userId !== user.id) throw new DomainError('FORBIDDEN', 'Only the adventurer can abandon their own run.');
  if (run.status === 'ACTIVE') {
    await db.dungeonRun.update({ where: { id: run.id }, data: { status: 'ABANDONED', endedAt: new Date() } });
  }
  return getRun(db, user, run.id);
}
