// Quests: lines of steps on skill-tree nodes. Students start them and complete steps (verified
// against the database); instructors write them and can excuse a student from a step.
import type { Db } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import type { listQuestsInput, SaveQuestInput } from '../../schemas/learning';
import type { SessionUser } from '../auth/service';
import { canViewTree, loadTreeForEdit, loadTreeForView } from './access';
import { recordStep, settleQuest, stepRequirement, syncLearner, treeProgress } from './progress';

const questSelect = {
  id: true,
  treeId: true,
  nodeId: true,
  title: true,
  description: true,
  kind: true,
  ordinal: true,
  xpReward: true,
  tree: { select: { id: true, title: true, authorId: true, classId: true, status: true } },
  node: { select: { id: true, key: true, title: true } },
} as const;

async function loadQuest(db: Db, user: SessionUser, questId: string) {
  const quest = await db.quest.findUnique({ where: { id: questId }, select: questSelect });
  if (!quest || !(await canViewTree(db, user, quest.tree))) throw notFound('Quest');
  return quest;
}

/** Refuses work on a quest whose node is still locked, naming what to master first. */
async function assertUnlocked(db: Db, userId: string, quest: { treeId: string; nodeId: string | null; title: string }) {
  if (!quest.nodeId) return;
  const progress = await treeProgress(db, userId, quest.treeId);
  const node = progress.nodes.get(quest.nodeId);
  if (node?.state === 'locked') {
    throw new DomainError(
      'PRECONDITION_FAILED',
      `“${quest.title}” is locked. Master ${node.missing.map((m) => `“${m}”`).join(' and ')} first.`,
    );
  }
}

/**
 * Quests in a tree or on a node with the viewer's state; without a scope, the viewer's quest log
 * (every quest they have started, newest first).
 */
export async function listQuests(db: Db, user: SessionUser, input: z.infer<typeof listQuestsInput>) {
  await syncLearner(db, user.id);
  let treeIds: string[];
  let where: { treeId?: string; nodeId?: string; id?: { in: string[] } };
  if (input.treeId || input.nodeId) {
    const treeId =
      input.treeId ??
      (await db.skillNode.findUnique({ where: { id: input.nodeId as string }, select: { treeId: true } }))?.treeId;
    if (!treeId) throw notFound('Skill node');
    await loadTreeForView(db, user, treeId);
    treeIds = [treeId];
    where = { treeId, ...(input.nodeId ? { nodeId: input.nodeId } : {}) };
  } else {
    const started = await db.questProgress.findMany({
      where: { userId: user.id },
      orderBy: { startedAt: 'desc' },
      select: { questId: true, quest: { select: { treeId: true } } },
    });
    treeIds = [...new Set(started.map((s) => s.quest.treeId))];
    where = { id: { in: started.map((s) => s.questId) } };
  }
  const quests = await db.quest.findMany({
    where,
    orderBy: [{ ordinal: 'asc' }, { createdAt: 'asc' }],
    select: {
      ...questSelect,
      progress: { where: { userId: user.id }, select: { startedAt: true, completedAt: true } },
    },
  });
  const progress = new Map(
    await Promise.all(treeIds.map(async (t) => [t, await treeProgress(db, user.id, t)] as const)),
  );
  return quests.map(({ progress: rows, tree, ...q }) => {
    const view = progress.get(q.treeId)?.quests.get(q.id);
    return {
      ...q,
      tree: { id: tree.id, title: tree.title },
      state: view?.state ?? 'available',
      stepsDone: view?.stepsDone ?? 0,
      stepsTotal: view?.stepsTotal ?? 0,
      startedAt: rows[0]?.startedAt ?? null,
      completedAt: rows[0]?.completedAt ?? null,
    };
  });
}

export async function getQuest(db: Db, user: SessionUser, questId: string) {
  const quest = await loadQuest(db, user, questId);
  await syncLearner(db, user.id);
  const [steps, progressRow, run, tree] = await Promise.all([
    db.questStep.findMany({
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
        completions: { where: { userId: user.id }, select: { completedAt: true } },
      },
    }),
    db.questProgress.findUnique({ where: { userId_questId: { userId: user.id, questId } } }),
    db.dungeonRun.findFirst({
      where: { userId: user.id, questId, status: 'ACTIVE' },
      select: { id: true, currentEncounter: true, hitPoints: true },
    }),
    treeProgress(db, user.id, quest.treeId),
  ]);
  const view = tree.quests.get(questId);
  const nodeView = quest.nodeId ? tree.nodes.get(quest.nodeId) : null;
  const locked = view?.state === 'locked';
  const detailed = await Promise.all(
    steps.map(async ({ completions, ...s }) => {
      const completed = completions.length > 0;
      const requirement = completed || locked ? null : await stepRequirement(db, user.id, s, s.kind === 'READ');
      return {
        ...s,
        completed,
        completedAt: completions[0]?.completedAt ?? null,
        /** Whether `completeStep` would succeed now, and if not why. */
        canComplete: !completed && !locked && !!requirement?.ok,
        blockedBy: locked
          ? `Master ${nodeView?.missing.map((m) => `“${m}”`).join(' and ')} first.`
          : requirement && !requirement.ok
            ? requirement.reason
            : null,
      };
    }),
  );
  const { tree: t, ...rest } = quest;
  return {
    ...rest,
    tree: { id: t.id, title: t.title },
    state: view?.state ?? 'available',
    stepsDone: view?.stepsDone ?? 0,
    stepsTotal: view?.stepsTotal ?? 0,
    startedAt: progressRow?.startedAt ?? null,
    completedAt: progressRow?.completedAt ?? null,
    nodeState: nodeView?.state ?? null,
    steps: detailed,
    activeRun: run,
  };
}

export async function startQuest(db: Db, user: SessionUser, questId: string) {
  const quest = await loadQuest(db, user, questId);
  await assertUnlocked(db, user.id, quest);
  await db.questProgress.upsert({
    where: { userId_questId: { userId: user.id, questId } },
    create: { userId: user.id, questId, status: 'IN_PROGRESS' },
    update: {},
  });
  // Problems solved before the quest started count at once.
  await settleQuest(db, user.id, questId);
  return getQuest(db, user, questId);
}

async function loadStep(db: Db, user: SessionUser, stepId: string) {
  const step = await db.questStep.findUnique({
    where: { id: stepId },
    select: {
      id: true,
      questId: true,
      kind: true,
      title: true,
      problemId: true,
      problem: { select: { title: true } },
      quest: { select: questSelect },
    },
  });
  if (!step || !(await canViewTree(db, user, step.quest.tree))) throw notFound('Quest step');
  return step;
}

/**
 * Completes a step for the caller once its requirement is met (checked in the database, never
 * taken from the client). Starts the quest if needed. Idempotent: completing twice awards once.
 */
export async function completeStep(db: Db, user: SessionUser, stepId: string) {
  const step = await loadStep(db, user, stepId);
  await assertUnlocked(db, user.id, step.quest);
  const already = await db.questStepCompletion.findUnique({
    where: { userId_stepId: { userId: user.id, stepId } },
    select: { userId: true },
  });
  if (!already) {
    const requirement = await stepRequirement(db, user.id, step, true);
    if (!requirement.ok) throw new DomainError('PRECONDITION_FAILED', requirement.reason);
  }
  await db.questProgress.upsert({
    where: { userId_questId: { userId: user.id, questId: step.questId } },
    create: { userId: user.id, questId: step.questId, status: 'IN_PROGRESS' },
    update: {},
  });
  await recordStep(db, user.id, stepId);
  await settleQuest(db, user.id, step.questId);
  return getQuest(db, user, step.questId);
}

/** An instructor marks a step done for a student of the tree's class (excused, or judged by hand). */
export async function grantStep(db: Db, user: SessionUser, input: { stepId: string; userId: string }) {
  const step = await loadStep(db, user, input.stepId);
  await loadTreeForEdit(db, user, step.quest.treeId);
  const classId = step.quest.tree.classId;
  const enrolled = classId
    ? await db.classEnrollment.findUnique({
        where: { classId_userId: { classId, userId: input.userId } },
        select: { userId: true },
      })
    : null;
  if (!enrolled) throw new DomainError('BAD_REQUEST', 'That student is not enrolled in this tree’s class.');
  await db.questProgress.upsert({
    where: { userId_questId: { userId: input.userId, questId: step.questId } },
    create: { userId: input.userId, questId: step.questId, status: 'IN_PROGRESS' },
    update: {},
  });
  const fresh = await recordStep(db, input.userId, input.stepId);
  await settleQuest(db, input.userId, step.questId);
  if (fresh) {
    await db.auditLog.create({
      data: {
        actorId: user.id,
        action: 'quest.step.granted',
        targetType: 'quest-step',
        targetId: input.stepId,
        data: { studentId: input.userId, questId: step.questId },
      },
    });
  }
  return { stepId: input.stepId, userId: input.userId, granted: fresh };
}

/** Creates a quest or replaces one's fields and steps (steps matched by position keep completions). */
export async function saveQuest(db: Db, user: SessionUser, input: SaveQuestInput) {
  await loadTreeForEdit(db, user, input.treeId);
  if (input.nodeId) {
    const node = await db.skillNode.findFirst({
      where: { id: input.nodeId, treeId: input.treeId },
      select: { id: true },
    });
    if (!node)
      throw new DomainError('BAD_REQUEST', 'That node is not part of this tree.', { nodeId: ['Unknown node'] });
  }
  const problemIds = [...new Set(input.steps.map((s) => s.problemId).filter((p): p is string => !!p))];
  const found = await db.problem.count({ where: { id: { in: problemIds } } });
  if (found !== problemIds.length) {
    throw new DomainError('BAD_REQUEST', 'A step refers to a problem that does not exist.', {
      steps: ['Unknown problem'],
    });
  }
  const fields = {
    nodeId: input.nodeId,
    title: input.title,
    description: input.description,
    kind: input.kind,
    xpReward: input.xpReward,
  };
  const questId = await db.$transaction(async (tx) => {
    let id = input.questId;
    if (id) {
      const existing = await tx.quest.findUnique({ where: { id }, select: { treeId: true } });
      if (!existing || existing.treeId !== input.treeId) throw notFound('Quest');
      await tx.quest.update({ where: { id }, data: fields });
    } else {
      const last = await tx.quest.aggregate({ where: { treeId: input.treeId }, _max: { ordinal: true } });
      id = (
        await tx.quest.create({
          data: { ...fields, treeId: input.treeId, ordinal: (last._max.ordinal ?? -1) + 1 },
          select: { id: true },
        })
      ).id;
    }
    await tx.questStep.deleteMany({ where: { questId: id, ordinal: { gte: input.steps.length } } });
    for (const [ordinal, s] of input.steps.entries()) {
      const data = { kind: s.kind, title: s.title, content: s.content, problemId: s.problemId };
      await tx.questStep.upsert({
        where: { questId_ordinal: { questId: id, ordinal } },
        create: { questId: id, ordinal, ...data },
        update: data,
      });
    }
    return id;
  });
  return getQuest(db, user, questId);
}

export async function deleteQuest(db: Db, user: SessionUser, questId: string) {
  const quest = await loadQuest(db, user, questId);
  await loadTreeForEdit(db, user, quest.treeId);
  await db.quest.delete({ where: { id: questId } });
  return { id: questId, deleted: true };
}
