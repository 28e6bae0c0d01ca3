// Skill trees: generated from a syllabus (Gemini or the offline generator), edited as a graph
// (cycles refused), published to a class, and shown to each student with their own progress.
import type { Db, Difficulty, Prisma } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError } from '../../errors';
import type { GeneratedTree, generateTreeInput, listTreesInput, UpdateTreeInput } from '../../schemas/learning';
import { generateSkillTree } from '../ai/features';
import type { SessionUser } from '../auth/service';
import { assertManageClass, canEditTree, isStaff, loadTreeForEdit, loadTreeForView } from './access';
import { edgesFromPrerequisites, layoutTree, validateGraph } from './graph';
import { syncLearner, treeProgress } from './progress';
import { loadSyllabus } from './syllabi';

const rank: Record<Difficulty, number> = { EASY: 0, MEDIUM: 1, HARD: 2 };

interface CandidateProblem {
  id: string;
  slug: string;
  title: string;
  difficulty: Difficulty;
  category: string;
  tags: string[];
}

/** Problems for a node: shared tags first, then closeness in difficulty, preferring unused ones. */
export function suggestProblems(
  node: { tags: string[]; difficulty: Difficulty | null },
  problems: readonly CandidateProblem[],
  used: ReadonlySet<string> = new Set(),
  limit = 5,
): CandidateProblem[] {
  const target = rank[node.difficulty ?? 'MEDIUM'];
  return problems
    .map((p) => {
      const overlap = p.tags.filter((t) => node.tags.includes(t)).length + (node.tags.includes(p.category) ? 1 : 0);
      const score = overlap * 10 - 4 * Math.abs(rank[p.difficulty] - target) - (used.has(p.id) ? 15 : 0);
      return { p, overlap, score };
    })
    .filter((x) => x.overlap > 0)
    .sort((a, b) => b.score - a.score || a.p.title.localeCompare(b.p.title))
    .slice(0, limit)
    .map((x) => x.p);
}

async function publishedProblems(db: Db): Promise<CandidateProblem[]> {
  const rows = await db.problem.findMany({
    where: { status: 'PUBLISHED' },
    select: {
      id: true,
      slug: true,
      title: true,
      difficulty: true,
      category: true,
      tags: { select: { tag: { select: { slug: true } } } },
    },
    take: 5000,
  });
  return rows.map((r) => ({ ...r, tags: r.tags.map((t) => t.tag.slug) }));
}

/** Starter quest for a node: read, then up to three problems (easiest first), the last one a boss. */
function starterQuest(node: GeneratedTree['nodes'][number], picks: CandidateProblem[], ordinal: number) {
  const problems = [...picks.slice(0, 3)].sort((a, b) => rank[a.difficulty] - rank[b.difficulty]);
  return {
    title: `The ${node.title} Trial`,
    description: `Prove your mastery of ${node.title}.`,
    kind: problems.length >= 2 ? ('DUNGEON' as const) : ('QUEST' as const),
    ordinal,
    xpReward: 30 + 20 * problems.length,
    steps: [
      { ordinal: 0, kind: 'READ' as const, title: `Study: ${node.title}`, content: node.description },
      ...problems.map((p, i) => ({
        ordinal: i + 1,
        kind: i === problems.length - 1 && problems.length >= 2 ? ('BOSS' as const) : ('SOLVE' as const),
        title: p.title,
        problemId: p.id,
      })),
    ],
  };
}

export async function generateTree(db: Db, user: SessionUser, input: z.infer<typeof generateTreeInput>) {
  const syllabus = await loadSyllabus(db, user, input.syllabusId);
  const problems = await publishedProblems(db);
  const knownTags = [...new Set(problems.flatMap((p) => [...p.tags, p.category]))].sort();
  const generated = await generateSkillTree(db, {
    userId: user.id,
    classId: syllabus.classId,
    title: syllabus.title,
    content: syllabus.content,
    knownTags,
  });
  const { nodes } = generated.data.tree;
  const edges = validateGraph(nodes, edgesFromPrerequisites(nodes));
  const positions = layoutTree(
    nodes.map((n) => n.key),
    edges,
  );
  const used = new Set<string>();
  const suggestions = nodes.map((n) => {
    const picks = suggestProblems(n, problems, used);
    for (const p of picks.slice(0, 3)) used.add(p.id);
    return { key: n.key, problems: picks };
  });

  const treeId = await db.$transaction(
    async (tx) => {
      const tree = await tx.skillTree.create({
        data: {
          title: `${generated.data.title ?? syllabus.title} — Skill Tree`.slice(0, 200),
          description: `Generated from “${syllabus.title}” (${generated.mode === 'live' ? 'Gemini' : 'offline, from its headings'}).`,
          syllabusId: syllabus.id,
          classId: syllabus.classId,
          authorId: user.id,
          generatedBy: generated.mode === 'live' ? 'AI' : 'OFFLINE',
        },
      });
      const created = await tx.skillNode.createManyAndReturn({
        data: nodes.map((n, i) => ({
          treeId: tree.id,
          key: n.key,
          title: n.title,
          description: n.description,
          tags: n.tags,
          difficulty: n.difficulty,
          ordinal: i,
          x: positions.get(n.key)?.x ?? 0,
          y: positions.get(n.key)?.y ?? 0,
        })),
        select: { id: true, key: true },
      });
      const id = new Map(created.map((c) => [c.key, c.id]));
      await tx.skillEdge.createMany({
        data: edges.map((e) => ({ treeId: tree.id, fromId: id.get(e.from) as string, toId: id.get(e.to) as string })),
      });
      if (input.withQuests) {
        for (const [i, n] of nodes.entries()) {
          const q = starterQuest(n, suggestions[i].problems, i);
          await tx.quest.create({
            data: { ...q, treeId: tree.id, nodeId: id.get(n.key) as string, steps: { create: q.steps } },
          });
        }
      }
      return tree.id;
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  return {
    treeId,
    mode: generated.mode,
    notice: generated.notice,
    suggestions: suggestions.map((s) => ({
      key: s.key,
      problems: s.problems.map(({ id, slug, title, difficulty, tags }) => ({ id, slug, title, difficulty, tags })),
    })),
    tree: await getTree(db, user, treeId),
  };
}

export async function getTree(db: Db, user: SessionUser, treeId: string) {
  const ref = await loadTreeForView(db, user, treeId);
  const canEdit = await canEditTree(db, user, ref);
  await syncLearner(db, user.id);
  const tree = await db.skillTree.findUniqueOrThrow({
    where: { id: treeId },
    select: {
      id: true,
      title: true,
      description: true,
      status: true,
      generatedBy: true,
      publishedAt: true,
      updatedAt: true,
      class: { select: { id: true, name: true, code: true } },
      syllabus: { select: { id: true, title: true } },
      nodes: {
        orderBy: { ordinal: 'asc' },
        select: {
          id: true,
          key: true,
          title: true,
          description: true,
          tags: true,
          difficulty: true,
          x: true,
          y: true,
          ordinal: true,
        },
      },
      edges: { select: { fromId: true, toId: true } },
      quests: {
        orderBy: { ordinal: 'asc' },
        select: { id: true, nodeId: true, title: true, kind: true, xpReward: true },
      },
    },
  });
  const progress = await treeProgress(db, user.id, treeId);
  const keyOf = new Map(tree.nodes.map((n) => [n.id, n.key]));
  const nodes = tree.nodes.map((n) => {
    const p = progress.nodes.get(n.id);
    return {
      ...n,
      prerequisites: tree.edges.filter((e) => e.toId === n.id).map((e) => keyOf.get(e.fromId) as string),
      state: p?.state ?? 'locked',
      progress: p?.progress ?? 0,
      stepsDone: p?.stepsDone ?? 0,
      stepsTotal: p?.stepsTotal ?? 0,
      points: p?.points ?? 0,
      /** Titles of prerequisites still to master. */
      missing: p?.missing ?? [],
      quests: tree.quests
        .filter((q) => q.nodeId === n.id)
        .map((q) => {
          const qp = progress.quests.get(q.id);
          return { ...q, state: qp?.state ?? 'locked', stepsDone: qp?.stepsDone ?? 0, stepsTotal: qp?.stepsTotal ?? 0 };
        }),
    };
  });
  const { nodes: _n, edges, quests, ...meta } = tree;
  return {
    ...meta,
    canEdit,
    nodes,
    edges: edges.map((e) => ({ from: keyOf.get(e.fromId) as string, to: keyOf.get(e.toId) as string })),
    /** Quests not attached to any node. */
    looseQuests: quests
      .filter((q) => !q.nodeId)
      .map((q) => ({ ...q, state: progress.quests.get(q.id)?.state ?? 'available' })),
    summary: {
      total: nodes.length,
      mastered: nodes.filter((n) => n.state === 'mastered').length,
      inProgress: nodes.filter((n) => n.state === 'in_progress').length,
    },
  };
}

export async function listTrees(db: Db, user: SessionUser, input: z.infer<typeof listTreesInput>) {
  const published: Prisma.SkillTreeWhereInput = {
    status: 'PUBLISHED',
    class: { enrollments: { some: { userId: user.id } } },
  };
  const where: Prisma.SkillTreeWhereInput =
    user.role === 'ADMIN'
      ? {}
      : isStaff(user)
        ? {
            OR: [
              published,
              { authorId: user.id },
              { class: { instructorId: user.id } },
              { class: { enrollments: { some: { userId: user.id, role: 'ASSISTANT' } } } },
            ],
          }
        : published;
  const trees = await db.skillTree.findMany({
    where: { ...where, ...(input.classId ? { classId: input.classId } : {}) },
    orderBy: [{ status: 'asc' }, { updatedAt: 'desc' }],
    take: 200,
    select: {
      id: true,
      title: true,
      description: true,
      status: true,
      generatedBy: true,
      publishedAt: true,
      updatedAt: true,
      authorId: true,
      class: { select: { id: true, name: true, code: true } },
      _count: { select: { nodes: true, quests: true } },
    },
  });
  const mastered = await db.skillProgress.groupBy({
    by: ['nodeId'],
    where: { userId: user.id, status: 'COMPLETED', node: { treeId: { in: trees.map((t) => t.id) } } },
  });
  const masteredNodes = await db.skillNode.findMany({
    where: { id: { in: mastered.map((m) => m.nodeId) } },
    select: { treeId: true },
  });
  return trees.map(({ _count, authorId, ...t }) => ({
    ...t,
    nodes: _count.nodes,
    quests: _count.quests,
    mine: authorId === user.id,
    masteredNodes: masteredNodes.filter((m) => m.treeId === t.id).length,
  }));
}

export async function updateTree(db: Db, user: SessionUser, input: UpdateTreeInput) {
  await loadTreeForEdit(db, user, input.treeId);
  const edges = validateGraph(input.nodes, input.edges);
  await db.$transaction(
    async (tx) => {
      const existing = await tx.skillNode.findMany({
        where: { treeId: input.treeId },
        select: { id: true, key: true },
      });
      const keep = new Set(input.nodes.map((n) => n.key));
      const removed = existing.filter((n) => !keep.has(n.key)).map((n) => n.id);
      if (removed.length) {
        // A removed skill takes its quests with it.
        await tx.quest.deleteMany({ where: { nodeId: { in: removed } } });
        await tx.skillNode.deleteMany({ where: { id: { in: removed } } });
      }
      const ids = new Map(existing.map((n) => [n.key, n.id]));
      for (const [ordinal, n] of input.nodes.entries()) {
        const data = {
          title: n.title,
          description: n.description,
          tags: n.tags,
          difficulty: n.difficulty,
          x: n.x,
          y: n.y,
          ordinal,
        };
        const row = await tx.skillNode.upsert({
          where: { treeId_key: { treeId: input.treeId, key: n.key } },
          create: { treeId: input.treeId, key: n.key, ...data },
          update: data,
          select: { id: true },
        });
        ids.set(n.key, row.id);
      }
      await tx.skillEdge.deleteMany({ where: { treeId: input.treeId } });
      await tx.skillEdge.createMany({
        data: edges.map((e) => ({
          treeId: input.treeId,
          fromId: ids.get(e.from) as string,
          toId: ids.get(e.to) as string,
        })),
      });
      await tx.skillTree.update({
        where: { id: input.treeId },
        data: {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          updatedAt: new Date(),
        },
      });
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  return getTree(db, user, input.treeId);
}

export async function publishTree(db: Db, user: SessionUser, input: { treeId: string; classId: string }) {
  await loadTreeForEdit(db, user, input.treeId);
  await assertManageClass(db, user, input.classId);
  const [nodes, edges] = await Promise.all([
    db.skillNode.findMany({ where: { treeId: input.treeId }, select: { id: true, key: true, title: true } }),
    db.skillEdge.findMany({ where: { treeId: input.treeId }, select: { fromId: true, toId: true } }),
  ]);
  if (!nodes.length) throw new DomainError('PRECONDITION_FAILED', 'Add at least one node before publishing.');
  const key = new Map(nodes.map((n) => [n.id, n.key]));
  validateGraph(
    nodes,
    edges.map((e) => ({ from: key.get(e.fromId) as string, to: key.get(e.toId) as string })),
  );
  await db.skillTree.update({
    where: { id: input.treeId },
    data: { status: 'PUBLISHED', classId: input.classId, publishedAt: new Date() },
  });
  return getTree(db, user, input.treeId);
}

/** Hides a published tree from students (their progress is kept). */
export async function archiveTree(db: Db, user: SessionUser, treeId: string) {
  await loadTreeForEdit(db, user, treeId);
  await db.skillTree.update({ where: { id: treeId }, data: { status: 'ARCHIVED' } });
  return { id: treeId, status: 'ARCHIVED' as const };
}

export async function deleteTree(db: Db, user: SessionUser, treeId: string) {
  const tree = await loadTreeForEdit(db, user, treeId);
  if (tree.status === 'PUBLISHED') {
    throw new DomainError('CONFLICT', 'This tree is published and students are working on it. Archive it first.');
  }
  await db.skillTree.delete({ where: { id: treeId } });
  return { id: treeId, deleted: true };
}
