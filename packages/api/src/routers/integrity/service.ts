// Plagiarism reports for a problem or a contest. Each user's latest accepted submission per
// problem and language is compared with everyone else's in the same problem and language
// (Dolos, see similarity.ts), the problem's starter code excluded; pairs at or above the
// threshold are stored, ranked by similarity, with their matched fragments. A flag is a prompt
// for a person: nothing happens to anyone until a reviewer records a verdict (cleared or
// confirmed, in the audit log), and even then the verdict only documents the decision.
//
// Who sees what: a problem's author and administrators compare every submission; any other
// instructor compares the students of the classes they teach (or one of them). A contest's
// author, its class's instructors and administrators run contest reports. Reports are visible
// to whoever ran them, the problem's or contest's author, and administrators.
import type { Db, Prisma } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError, forbidden, notFound } from '../../errors';
import type { listReportsInput, RunIntegrityInput } from '../../schemas/integrity';
import { recordAudit } from '../admin/audit';
import type { SessionUser } from '../auth/service';
import { publicUserSelect } from '../battle/shared';
import { assertManageClass, canManageClass } from '../learning/access';
import { comparePrograms, DOLOS_LANGUAGES, type MatchedFragment } from './similarity';

/** Per problem and language, at most this many (latest) submissions are compared. */
export const MAX_PER_GROUP = 300;

const REFERENCE_SOURCE = 'reference';

/** Students of the classes `me` teaches or assists in (or of one class). */
async function studentsOf(db: Db, me: SessionUser, classId?: string): Promise<string[]> {
  if (classId) await assertManageClass(db, me, classId);
  const rows = await db.classEnrollment.findMany({
    where: {
      role: 'STUDENT',
      ...(classId
        ? { classId }
        : {
            class: {
              OR: [{ instructorId: me.id }, { enrollments: { some: { userId: me.id, role: 'ASSISTANT' } } }],
            },
          }),
    },
    select: { userId: true },
    distinct: ['userId'],
  });
  return rows.map((r) => r.userId);
}

async function assertContestAccess(db: Db, me: SessionUser, contestId: string) {
  const c = await db.contest.findUnique({
    where: { id: contestId },
    select: { id: true, startsAt: true, endsAt: true, createdById: true, classId: true },
  });
  if (!c) throw notFound('Contest');
  const ok =
    me.role === 'ADMIN' ||
    (me.role === 'INSTRUCTOR' && c.createdById === me.id) ||
    (!!c.classId && (await canManageClass(db, me, c.classId)));
  if (!ok) throw forbidden('Only the contest’s author or an administrator can do that');
  return c;
}

type Candidate = { id: string; userId: string; problemId: string | null; language: string; code: string };

export async function runIntegrity(db: Db, me: SessionUser, input: RunIntegrityInput, ip?: string) {
  let where: Prisma.SubmissionWhereInput;
  let scope: string;
  if (input.contestId) {
    const c = await assertContestAccess(db, me, input.contestId);
    where = { contestId: c.id, createdAt: { gte: c.startsAt, lte: c.endsAt } };
    scope = 'contest';
  } else {
    const p = await db.problem.findUnique({ where: { id: input.problemId }, select: { id: true, authorId: true } });
    if (!p) throw notFound('Problem');
    const everyone = me.role === 'ADMIN' || p.authorId === me.id;
    if (everyone && !input.classId) {
      where = { problemId: p.id };
      scope = 'all';
    } else {
      const students = await studentsOf(db, me, input.classId);
      where = { problemId: p.id, userId: { in: students } };
      scope = input.classId ? `class:${input.classId}` : 'my-classes';
    }
  }
  const accepted = await db.submission.findMany({
    where: { ...where, kind: 'SUBMIT', status: 'DONE', verdict: 'AC', source: { not: REFERENCE_SOURCE } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true, userId: true, problemId: true, language: true, code: true },
  });
  // Latest accepted submission per user, problem and language.
  const groups = new Map<string, Map<string, Candidate>>();
  for (const s of accepted) {
    if (!s.problemId || !DOLOS_LANGUAGES[s.language]) continue;
    const key = `${s.problemId}\u0000${s.language}`;
    const group = groups.get(key) ?? new Map<string, Candidate>();
    groups.set(key, group);
    if (!group.has(s.userId) && group.size < MAX_PER_GROUP) group.set(s.userId, s);
  }
  const report = await db.plagiarismReport.create({
    data: {
      problemId: input.problemId ?? null,
      contestId: input.contestId ?? null,
      threshold: input.threshold,
      status: 'RUNNING',
      createdById: me.id,
    },
    select: { id: true },
  });
  try {
    const pairs: Prisma.PlagiarismPairCreateManyInput[] = [];
    let compared = 0;
    let tooShort = 0;
    for (const [key, group] of groups) {
      const [problemId, language] = key.split('\u0000');
      const subs = [...group.values()];
      compared += subs.length;
      if (subs.length < 2) continue;
      const starter = await db.starterCode.findUnique({
        where: { problemId_language: { problemId, language } },
        select: { code: true },
      });
      // Oldest first, so A is the earlier submission of each pair.
      subs.reverse();
      const result = await comparePrograms(language, subs, {
        template: starter?.code,
        minSimilarity: input.threshold,
      });
      tooShort += result.tooShort.length;
      for (const p of result.pairs) {
        pairs.push({
          reportId: report.id,
          submissionAId: p.a,
          submissionBId: p.b,
          similarity: p.similarity,
          fragments: p.fragments as unknown as Prisma.InputJsonValue,
        });
      }
    }
    await db.$transaction([
      db.plagiarismPair.createMany({ data: pairs }),
      db.plagiarismReport.update({ where: { id: report.id }, data: { status: 'DONE', completedAt: new Date() } }),
    ]);
    await recordAudit(db, me, {
      action: 'integrity.run',
      targetType: 'plagiarism-report',
      targetId: report.id,
      data: {
        problemId: input.problemId ?? null,
        contestId: input.contestId ?? null,
        scope,
        threshold: input.threshold,
        compared,
        flagged: pairs.length,
      },
      ip,
    });
    return { reportId: report.id, compared, tooShort, flagged: pairs.length };
  } catch (err) {
    await db.plagiarismReport.update({ where: { id: report.id }, data: { status: 'FAILED', completedAt: new Date() } });
    throw err;
  }
}

// ── reading ──────────────────────────────────────────────────────────────

const reportRefSelect = {
  id: true,
  createdById: true,
  problem: { select: { id: true, slug: true, title: true, authorId: true } },
  contest: { select: { id: true, slug: true, title: true, createdById: true, classId: true } },
} satisfies Prisma.PlagiarismReportSelect;
type ReportRef = Prisma.PlagiarismReportGetPayload<{ select: typeof reportRefSelect }>;

async function canViewReport(db: Db, me: SessionUser, r: ReportRef) {
  if (me.role === 'ADMIN' || r.createdById === me.id) return true;
  if (r.problem?.authorId === me.id) return true;
  if (
    r.contest &&
    (r.contest.createdById === me.id || (r.contest.classId && (await canManageClass(db, me, r.contest.classId))))
  )
    return true;
  return false;
}

async function loadReport(db: Db, me: SessionUser, reportId: string) {
  const r = await db.plagiarismReport.findUnique({ where: { id: reportId }, select: reportRefSelect });
  // Invisible and missing look the same.
  if (!r || !(await canViewReport(db, me, r))) throw notFound('Report');
  return r;
}

function visibleReportsWhere(me: SessionUser): Prisma.PlagiarismReportWhereInput {
  if (me.role === 'ADMIN') return {};
  return {
    OR: [
      { createdById: me.id },
      { problem: { authorId: me.id } },
      { contest: { createdById: me.id } },
      {
        contest: {
          class: { OR: [{ instructorId: me.id }, { enrollments: { some: { userId: me.id, role: 'ASSISTANT' } } }] },
        },
      },
    ],
  };
}

export async function listReports(db: Db, me: SessionUser, input: z.infer<typeof listReportsInput>) {
  const where: Prisma.PlagiarismReportWhereInput = {
    AND: [
      visibleReportsWhere(me),
      input.problemId ? { problemId: input.problemId } : {},
      input.contestId ? { contestId: input.contestId } : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db.plagiarismReport.count({ where }),
    db.plagiarismReport.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        threshold: true,
        status: true,
        createdAt: true,
        completedAt: true,
        createdBy: { select: { username: true, displayName: true } },
        problem: { select: { id: true, slug: true, title: true } },
        contest: { select: { id: true, slug: true, title: true } },
        _count: { select: { pairs: true } },
      },
    }),
  ]);
  const reviews = await db.plagiarismPair.groupBy({
    by: ['reportId', 'review'],
    where: { reportId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map(({ _count, ...r }) => {
      const count = (review: string) =>
        reviews.find((x) => x.reportId === r.id && x.review === review)?._count._all ?? 0;
      return {
        ...r,
        pairs: _count.pairs,
        pending: count('PENDING'),
        cleared: count('CLEARED'),
        confirmed: count('CONFIRMED'),
      };
    }),
  };
}

const sideSelect = {
  id: true,
  language: true,
  createdAt: true,
  problemId: true,
  user: { select: publicUserSelect },
} satisfies Prisma.SubmissionSelect;

/** A report with its pairs, most similar first. */
export async function getReport(
  db: Db,
  me: SessionUser,
  input: { reportId: string; minSimilarity?: number; review?: 'PENDING' | 'CLEARED' | 'CONFIRMED' },
) {
  await loadReport(db, me, input.reportId);
  const report = await db.plagiarismReport.findUniqueOrThrow({
    where: { id: input.reportId },
    select: {
      id: true,
      threshold: true,
      status: true,
      createdAt: true,
      completedAt: true,
      createdBy: { select: { username: true, displayName: true } },
      problem: { select: { id: true, slug: true, title: true } },
      contest: {
        select: { id: true, slug: true, title: true, problems: { select: { problemId: true, label: true } } },
      },
      pairs: {
        where: {
          ...(input.minSimilarity !== undefined ? { similarity: { gte: input.minSimilarity } } : {}),
          ...(input.review ? { review: input.review } : {}),
        },
        orderBy: [{ similarity: 'desc' }, { id: 'asc' }],
        select: {
          id: true,
          similarity: true,
          fragments: true,
          review: true,
          reviewedAt: true,
          note: true,
          reviewedBy: { select: { username: true, displayName: true } },
          submissionA: { select: sideSelect },
          submissionB: { select: sideSelect },
        },
      },
    },
  });
  const problemIds = [...new Set(report.pairs.map((p) => p.submissionA.problemId).filter((x): x is string => !!x))];
  const problems = await db.problem.findMany({
    where: { id: { in: problemIds } },
    select: { id: true, slug: true, title: true },
  });
  const { contest, pairs, ...rest } = report;
  return {
    ...rest,
    contest: contest ? { id: contest.id, slug: contest.slug, title: contest.title } : null,
    pairs: pairs.map(({ fragments, submissionA, submissionB, ...p }) => ({
      ...p,
      similarity: Math.round(p.similarity * 1000) / 1000,
      fragmentCount: Array.isArray(fragments) ? fragments.length : 0,
      problem: problems.find((x) => x.id === submissionA.problemId) ?? null,
      label: contest?.problems.find((cp) => cp.problemId === submissionA.problemId)?.label ?? null,
      a: submissionA,
      b: submissionB,
    })),
  };
}

/** One pair for the side-by-side view: both programs, the fragments and the review. */
export async function getPair(db: Db, me: SessionUser, pairId: string) {
  const pair = await db.plagiarismPair.findUnique({
    where: { id: pairId },
    select: {
      id: true,
      reportId: true,
      similarity: true,
      fragments: true,
      review: true,
      reviewedAt: true,
      note: true,
      reviewedBy: { select: { username: true, displayName: true } },
      submissionA: { select: { ...sideSelect, code: true } },
      submissionB: { select: { ...sideSelect, code: true } },
    },
  });
  if (!pair) throw notFound('Pair');
  await loadReport(db, me, pair.reportId);
  const problem = pair.submissionA.problemId
    ? await db.problem.findUnique({
        where: { id: pair.submissionA.problemId },
        select: {
          id: true,
          slug: true,
          title: true,
          starterCode: { where: { language: pair.submissionA.language }, select: { code: true } },
        },
      })
    : null;
  const { submissionA, submissionB, fragments, ...rest } = pair;
  return {
    ...rest,
    // Written by runIntegrity from comparePrograms' result, so the shape is known.
    fragments: fragments as unknown as MatchedFragment[],
    similarity: Math.round(pair.similarity * 1000) / 1000,
    problem: problem ? { id: problem.id, slug: problem.slug, title: problem.title } : null,
    /** Excluded from the comparison; shown so reviewers know what both started from. */
    starterCode: problem?.starterCode[0]?.code ?? null,
    a: submissionA,
    b: submissionB,
  };
}

/** Records a reviewer's decision on a pair (and in the audit log). It changes nothing else. */
export async function reviewPair(
  db: Db,
  me: SessionUser,
  input: { pairId: string; verdict: 'CLEARED' | 'CONFIRMED'; note: string },
  ip?: string,
) {
  const pair = await db.plagiarismPair.findUnique({
    where: { id: input.pairId },
    select: {
      id: true,
      reportId: true,
      review: true,
      similarity: true,
      submissionA: { select: { id: true, userId: true } },
      submissionB: { select: { id: true, userId: true } },
    },
  });
  if (!pair) throw notFound('Pair');
  await loadReport(db, me, pair.reportId);
  if (input.verdict === 'CONFIRMED' && !input.note) {
    throw new DomainError('BAD_REQUEST', 'Say why the pair is confirmed', { note: ['Explain the decision'] });
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.plagiarismPair.update({
      where: { id: pair.id },
      data: { review: input.verdict, note: input.note || null, reviewedById: me.id, reviewedAt: new Date() },
      select: { id: true, review: true, note: true, reviewedAt: true },
    });
    await recordAudit(tx, me, {
      action: input.verdict === 'CONFIRMED' ? 'integrity.pair.confirmed' : 'integrity.pair.cleared',
      targetType: 'plagiarism-pair',
      targetId: pair.id,
      data: {
        reportId: pair.reportId,
        previous: pair.review,
        similarity: pair.similarity,
        submissions: [pair.submissionA.id, pair.submissionB.id],
        users: [pair.submissionA.userId, pair.submissionB.userId],
        note: input.note,
      },
      ip,
    });
    return updated;
  });
}
