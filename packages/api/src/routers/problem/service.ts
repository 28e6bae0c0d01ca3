import type { Db, Prisma } from '@roguelearn/db';
import type { z } from 'zod';
import { notFound } from '../../errors';
import type { listProblemsInput } from '../../schemas/problem';
import type { SessionUser } from '../auth/service';

const isStaff = (u: SessionUser | null) => u?.role === 'INSTRUCTOR' || u?.role === 'ADMIN';

/** Matches a problem's title or slug, case-insensitively; no filter without a search. */
export function problemSearch(search: string | undefined): Prisma.ProblemWhereInput {
  if (!search) return {};
  return {
    OR: [{ title: { contains: search, mode: 'insensitive' } }, { slug: { contains: search, mode: 'insensitive' } }],
  };
}

/** Published problems, searchable and paginated, with the viewer's solved state. */
export async function listProblems(db: Db, user: SessionUser | null, input: z.infer<typeof listProblemsInput>) {
  const where: Prisma.ProblemWhereInput = {
    status: 'PUBLISHED',
    ...(input.difficulty ? { difficulty: input.difficulty } : {}),
    ...(input.category ? { category: input.category } : {}),
    ...(input.tag ? { tags: { some: { tag: { slug: input.tag } } } } : {}),
    ...problemSearch(input.search),
  };
  const [total, rows] = await Promise.all([
    db.problem.count({ where }),
    db.problem.findMany({
      where,
      orderBy: [{ difficulty: 'asc' }, { title: 'asc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        slug: true,
        title: true,
        difficulty: true,
        category: true,
        tags: { select: { tag: { select: { slug: true, name: true } } } },
        _count: { select: { submissions: { where: { verdict: 'AC', kind: 'SUBMIT', source: { not: 'reference' } } } } },
      },
    }),
  ]);
  const solved = user
    ? new Set(
        (
          await db.submission.findMany({
            where: { userId: user.id, verdict: 'AC', kind: 'SUBMIT', problemId: { in: rows.map((r) => r.id) } },
            select: { problemId: true },
            distinct: ['problemId'],
          })
        ).map((s) => s.problemId),
      )
    : new Set<string | null>();
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      difficulty: r.difficulty,
      category: r.category,
      tags: r.tags.map((t) => t.tag),
      acceptedCount: r._count.submissions,
      solved: solved.has(r.id),
    })),
  };
}

/** A problem as students see it: samples only, never hidden tests or reference solutions. */
export async function getProblem(db: Db, user: SessionUser | null, slug: string) {
  const p = await db.problem.findUnique({
    where: { slug },
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
      status: true,
      authorId: true,
      tags: { select: { tag: { select: { slug: true, name: true } } } },
      starterCode: { select: { language: true, code: true } },
      testCases: {
        where: { isSample: true },
        orderBy: { ordinal: 'asc' },
        select: { ordinal: true, input: true, expectedOutput: true, explanation: true },
      },
      _count: { select: { testCases: true } },
    },
  });
  if (!p || (p.status !== 'PUBLISHED' && !isStaff(user) && p.authorId !== user?.id)) throw notFound('Problem');
  const { testCases, _count, tags, ...rest } = p;
  return { ...rest, tags: tags.map((t) => t.tag), samples: testCases, testCount: _count.testCases };
}

/** Tags in use by published problems, for filters. */
export function listTags(db: Db) {
  return db.tag.findMany({
    where: { problems: { some: { problem: { status: 'PUBLISHED' } } } },
    orderBy: { name: 'asc' },
    select: { slug: true, name: true, _count: { select: { problems: true } } },
  });
}

/**
 * The author's editorial, like the best judges: for those who solved the problem (or staff), so
 * it never spoils an unsolved one. `none` when the author wrote none.
 */
export async function getEditorial(db: Db, user: SessionUser, problemId: string) {
  const p = await db.problem.findUnique({
    where: { id: problemId },
    select: { status: true, authorId: true, editorial: true },
  });
  if (!p || (p.status !== 'PUBLISHED' && !isStaff(user) && p.authorId !== user.id)) throw notFound('Problem');
  if (!p.editorial?.trim()) return { state: 'none' as const };
  const solved =
    isStaff(user) ||
    p.authorId === user.id ||
    (await db.submission.count({ where: { userId: user.id, problemId, verdict: 'AC', kind: 'SUBMIT' } })) > 0;
  return solved ? { state: 'open' as const, content: p.editorial } : { state: 'locked' as const };
}
