// Problems as their authors see them: every field, hidden tests (previewed), reference solutions,
// starter code, hints and the verification state; creation, edits, tags, lifecycle.
import type { Db, DbTx, Prisma } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError } from '../../errors';
import type {
  CheckerInput,
  CreateProblemInput,
  listAuthoredInput,
  setCodeInput,
  setHintsInput,
  UpdateProblemInput,
} from '../../schemas/authoring';
import { recordAudit } from '../admin/audit';
import type { SessionUser } from '../auth/service';
import { problemSearch } from '../problem/service';
import { canEditProblem, loadProblemForEdit } from './access';
import { verificationStatus } from './verification';

/** How much of each test the problem view carries; the full text comes from `tests.get`. */
export const TEST_PREVIEW_CHARS = 2000;

export function slugify(text: string, max = 80): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return s || 'problem';
}

/** `base`, or `base-2`, `base-3`… whichever is free. */
export async function freeSlug(db: Db | DbTx, base: string): Promise<string> {
  const taken = new Set(
    (
      await db.problem.findMany({
        where: { OR: [{ slug: base }, { slug: { startsWith: `${base}-` } }] },
        select: { slug: true },
      })
    ).map((p) => p.slug),
  );
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) {
    const candidate = `${base.slice(0, 80 - String(k).length - 1)}-${k}`;
    if (!taken.has(candidate)) return candidate;
  }
}

const slugTaken = (slug: string) =>
  new DomainError('CONFLICT', `The slug “${slug}” is already used by another problem`, {
    slug: ['Already used by another problem'],
  });

export function checkerColumns(c: CheckerInput) {
  return {
    checker: c.kind,
    checkerTolerance: c.kind === 'FLOAT' ? c.tolerance : null,
    customChecker: c.kind === 'CUSTOM' ? c.source : null,
    customCheckerLang: c.kind === 'CUSTOM' ? 'python3' : null,
  };
}

export function checkerOf(p: {
  checker: CheckerInput['kind'];
  checkerTolerance: number | null;
  customChecker: string | null;
}): CheckerInput {
  switch (p.checker) {
    case 'FLOAT':
      return { kind: 'FLOAT', tolerance: p.checkerTolerance ?? 1e-6 };
    case 'CUSTOM':
      return { kind: 'CUSTOM', source: p.customChecker ?? '' };
    default:
      return { kind: p.checker };
  }
}

/** Replaces the problem's tags with `names` (lowercase), creating tags that don't exist yet. */
export async function setTags(tx: DbTx, problemId: string, names: string[]) {
  const tagIds: string[] = [];
  for (const name of names) {
    const slug = slugify(name, 50);
    const tag = await tx.tag.upsert({ where: { slug }, update: {}, create: { slug, name } });
    tagIds.push(tag.id);
  }
  await tx.problemTag.deleteMany({ where: { problemId, tagId: { notIn: tagIds } } });
  await tx.problemTag.createMany({ data: tagIds.map((tagId) => ({ problemId, tagId })), skipDuplicates: true });
}

export async function createProblem(db: Db, me: SessionUser, input: CreateProblemInput, ip?: string) {
  let slug = input.slug;
  if (slug) {
    if (await db.problem.findUnique({ where: { slug }, select: { id: true } })) throw slugTaken(slug);
  } else {
    slug = await freeSlug(db, slugify(input.title));
  }
  const { checker, tags, slug: _slug, ...fields } = input;
  const p = await db.$transaction(async (tx) => {
    const row = await tx.problem.create({
      data: { ...fields, ...checkerColumns(checker), slug, status: 'DRAFT', authorId: me.id },
      select: { id: true, slug: true },
    });
    await setTags(tx, row.id, tags);
    await recordAudit(tx, me, {
      action: 'problem.created',
      targetType: 'problem',
      targetId: row.id,
      data: { slug },
      ip,
    });
    return row;
  });
  return p;
}

export async function updateProblem(db: Db, me: SessionUser, input: UpdateProblemInput, ip?: string) {
  const current = await loadProblemForEdit(db, me, input.problemId);
  const { problemId, checker, tags, ...fields } = input;
  if (fields.slug && fields.slug !== current.slug) {
    if (await db.problem.findUnique({ where: { slug: fields.slug }, select: { id: true } }))
      throw slugTaken(fields.slug);
  }
  const data: Prisma.ProblemUpdateInput = Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as Prisma.ProblemUpdateInput;
  await db.$transaction(async (tx) => {
    await tx.problem.update({
      where: { id: problemId },
      data: { ...data, ...(checker ? checkerColumns(checker) : {}) },
    });
    if (tags) await setTags(tx, problemId, tags);
    await recordAudit(tx, me, {
      action: 'problem.updated',
      targetType: 'problem',
      targetId: problemId,
      data: { fields: [...Object.keys(data), ...(checker ? ['checker'] : []), ...(tags ? ['tags'] : [])] },
      ip,
    });
  });
  return getProblemForAuthoring(db, me, problemId);
}

/** Problems for the authoring list: mine (admins: all), or everyone's with whether I may edit them. */
export async function listAuthored(db: Db, me: SessionUser, input: z.infer<typeof listAuthoredInput>) {
  const where: Prisma.ProblemWhereInput = {
    ...(input.scope === 'mine' && me.role !== 'ADMIN' ? { authorId: me.id } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...problemSearch(input.search),
  };
  const [total, rows] = await Promise.all([
    db.problem.count({ where }),
    db.problem.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        slug: true,
        title: true,
        difficulty: true,
        category: true,
        status: true,
        authorId: true,
        author: { select: { username: true, displayName: true } },
        updatedAt: true,
        publishedAt: true,
        tags: { select: { tag: { select: { slug: true, name: true } } } },
        solutions: { select: { language: true, verifiedAt: true } },
        _count: { select: { testCases: true } },
      },
    }),
  ]);
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map(({ tags, _count, solutions, ...r }) => ({
      ...r,
      tags: tags.map((t) => t.tag),
      testCount: _count.testCases,
      solutions: solutions.map((s) => ({ language: s.language, verified: !!s.verifiedAt })),
      canEdit: canEditProblem(me, r),
    })),
  };
}

const preview = (s: string) => ({
  preview: s.length > TEST_PREVIEW_CHARS ? s.slice(0, TEST_PREVIEW_CHARS) : s,
  length: s.length,
  truncated: s.length > TEST_PREVIEW_CHARS,
});

/** Everything an author edits, with test texts previewed and the verification state. */
export async function getProblemForAuthoring(db: Db, me: SessionUser, problemId: string) {
  await loadProblemForEdit(db, me, problemId);
  // First: it brings ReferenceSolution.verifiedAt up to date before the read below.
  const verification = await verificationStatus(db, problemId);
  const p = await db.problem.findUniqueOrThrow({
    where: { id: problemId },
    select: {
      id: true,
      slug: true,
      title: true,
      statement: true,
      inputFormat: true,
      outputFormat: true,
      constraints: true,
      difficulty: true,
      category: true,
      timeLimitMs: true,
      memoryLimitKb: true,
      checker: true,
      checkerTolerance: true,
      customChecker: true,
      editorial: true,
      status: true,
      authorId: true,
      author: { select: { username: true, displayName: true } },
      createdAt: true,
      updatedAt: true,
      publishedAt: true,
      tags: { select: { tag: { select: { slug: true, name: true } } } },
      testGroups: { orderBy: { ordinal: 'asc' }, select: { id: true, name: true, ordinal: true, weight: true } },
      testCases: {
        orderBy: { ordinal: 'asc' },
        select: {
          id: true,
          ordinal: true,
          input: true,
          expectedOutput: true,
          isSample: true,
          weight: true,
          explanation: true,
          groupId: true,
        },
      },
      starterCode: { orderBy: { language: 'asc' }, select: { language: true, code: true } },
      solutions: { orderBy: { language: 'asc' }, select: { id: true, language: true, code: true, verifiedAt: true } },
      hints: { orderBy: { tier: 'asc' }, select: { id: true, tier: true, content: true, xpCost: true } },
    },
  });
  const { checkerTolerance, customChecker, tags, testGroups, testCases, ...rest } = p;
  return {
    ...rest,
    checker: checkerOf(p),
    tags: tags.map((t) => t.tag),
    groups: testGroups.map((g) => ({ ...g, testCount: testCases.filter((t) => t.groupId === g.id).length })),
    tests: testCases.map(({ input, expectedOutput, isSample, ...t }) => ({
      ...t,
      sample: isSample,
      input: preview(input),
      output: preview(expectedOutput),
    })),
    verification,
  };
}

export async function setStarterCode(db: Db, me: SessionUser, input: z.infer<typeof setCodeInput>) {
  await loadProblemForEdit(db, me, input.problemId);
  await db.starterCode.upsert({
    where: { problemId_language: { problemId: input.problemId, language: input.language } },
    update: { code: input.code },
    create: { problemId: input.problemId, language: input.language, code: input.code },
  });
  await db.problem.update({ where: { id: input.problemId }, data: { updatedAt: new Date() } });
  return { language: input.language };
}

export async function deleteStarterCode(db: Db, me: SessionUser, problemId: string, language: string) {
  await loadProblemForEdit(db, me, problemId);
  await db.starterCode.deleteMany({ where: { problemId, language } });
  return { language };
}

/** A new or changed reference solution is unverified until the judge accepts it again. */
export async function setSolution(db: Db, me: SessionUser, input: z.infer<typeof setCodeInput>, ip?: string) {
  await loadProblemForEdit(db, me, input.problemId);
  const key = { problemId_language: { problemId: input.problemId, language: input.language } };
  const existing = await db.referenceSolution.findUnique({ where: key, select: { code: true } });
  const row = await db.referenceSolution.upsert({
    where: key,
    update: existing?.code === input.code ? {} : { code: input.code, verifiedAt: null },
    create: { problemId: input.problemId, language: input.language, code: input.code },
    select: { id: true, language: true },
  });
  if (existing?.code !== input.code) {
    await recordAudit(db, me, {
      action: 'problem.solution.saved',
      targetType: 'problem',
      targetId: input.problemId,
      data: { language: input.language },
      ip,
    });
  }
  return row;
}

export async function deleteSolution(db: Db, me: SessionUser, problemId: string, language: string, ip?: string) {
  await loadProblemForEdit(db, me, problemId);
  const { count } = await db.referenceSolution.deleteMany({ where: { problemId, language } });
  if (count) {
    await recordAudit(db, me, {
      action: 'problem.solution.deleted',
      targetType: 'problem',
      targetId: problemId,
      data: { language },
      ip,
    });
  }
  return { deleted: count > 0 };
}

/**
 * Hints in tier order. Tiers that stay keep their id (and so who unlocked them); tiers beyond
 * the new list are deleted.
 */
export async function setHints(db: Db, me: SessionUser, input: z.infer<typeof setHintsInput>) {
  await loadProblemForEdit(db, me, input.problemId);
  await db.$transaction(async (tx) => {
    for (const [i, h] of input.hints.entries()) {
      await tx.hint.upsert({
        where: { problemId_tier: { problemId: input.problemId, tier: i + 1 } },
        update: { content: h.content, xpCost: h.xpCost },
        create: { problemId: input.problemId, tier: i + 1, content: h.content, xpCost: h.xpCost },
      });
    }
    await tx.hint.deleteMany({ where: { problemId: input.problemId, tier: { gt: input.hints.length } } });
  });
  return db.hint.findMany({
    where: { problemId: input.problemId },
    orderBy: { tier: 'asc' },
    select: { id: true, tier: true, content: true, xpCost: true },
  });
}

/**
 * Deletes a problem nobody but its reference solutions was judged on and no contest uses;
 * anything else is archived instead, so students' history stays intact.
 */
export async function deleteProblem(db: Db, me: SessionUser, problemId: string, ip?: string) {
  const p = await loadProblemForEdit(db, me, problemId);
  const [submissions, contests] = await Promise.all([
    db.submission.count({ where: { problemId, source: { not: 'reference' } } }),
    db.contestProblem.count({ where: { problemId } }),
  ]);
  if (submissions || contests) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      `This problem has ${submissions ? `${submissions} submission(s)` : `${contests} contest(s)`}; archive it instead of deleting it`,
    );
  }
  await db.$transaction(async (tx) => {
    await tx.submission.deleteMany({ where: { problemId } });
    await tx.problem.delete({ where: { id: problemId } });
    await recordAudit(tx, me, {
      action: 'problem.deleted',
      targetType: 'problem',
      targetId: problemId,
      data: { slug: p.slug },
      ip,
    });
  });
  return { deleted: true };
}

export async function setStatus(db: Db, me: SessionUser, problemId: string, status: 'DRAFT' | 'ARCHIVED', ip?: string) {
  const p = await loadProblemForEdit(db, me, problemId);
  if (p.status !== status) {
    await db.problem.update({ where: { id: problemId }, data: { status } });
    await recordAudit(db, me, {
      action: status === 'ARCHIVED' ? 'problem.archived' : 'problem.unpublished',
      targetType: 'problem',
      targetId: problemId,
      data: { from: p.status },
      ip,
    });
  }
  return { id: problemId, status };
}
