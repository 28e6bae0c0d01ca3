// Fair play in contests: when a contest is finalised (or on demand), the accepted code of its
// contestants is compared problem by problem with the integrity domain's Dolos-based similarity
// (../integrity/similarity.ts, the platform's one implementation) and stored as a
// PlagiarismReport. A flag is a prompt for an instructor's review (integrity.review), not a
// verdict: nothing happens to anyone automatically.
import type { Db } from '@roguelearn/db';
import { forbidden, notFound } from '../../errors';
import type { SessionUser } from '../auth/service';
import { runIntegrity } from '../integrity/service';
import { publicUserSelect } from './shared';

export { codeSimilarity } from '../integrity/similarity';

/**
 * Compares every pair of contestants' latest accepted submissions per problem (and language)
 * and stores a PlagiarismReport with a PlagiarismPair for each pair at or above `threshold`.
 */
export async function checkContestIntegrity(db: Db, me: SessionUser, contestId: string, threshold = 0.8) {
  const { reportId } = await runIntegrity(db, me, { contestId, threshold });
  return integrityReport(db, me, contestId, reportId);
}

/** The latest (or given) integrity report of a contest, with who and which problem. */
export async function integrityReport(db: Db, me: SessionUser, contestId: string, reportId?: string) {
  const c = await db.contest.findUnique({ where: { id: contestId }, select: { createdById: true } });
  if (!c) throw notFound('Contest');
  if (me.role !== 'ADMIN' && !(me.role === 'INSTRUCTOR' && c.createdById === me.id)) {
    throw forbidden('Only the contest’s author or an administrator can do that');
  }
  const report = await db.plagiarismReport.findFirst({
    where: { contestId, ...(reportId ? { id: reportId } : {}) },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      threshold: true,
      status: true,
      createdAt: true,
      completedAt: true,
      contest: { select: { problems: { select: { problemId: true, label: true } } } },
      pairs: {
        orderBy: { similarity: 'desc' },
        select: {
          id: true,
          similarity: true,
          review: true,
          submissionA: { select: { id: true, language: true, problemId: true, user: { select: publicUserSelect } } },
          submissionB: { select: { id: true, language: true, user: { select: publicUserSelect } } },
        },
      },
    },
  });
  if (!report) return null;
  const { contest, ...rest } = report;
  return {
    ...rest,
    pairs: report.pairs.map(({ submissionA: { problemId, ...a }, ...p }) => ({
      ...p,
      submissionA: a,
      similarity: Math.round(p.similarity * 1000) / 1000,
      label: contest?.problems.find((cp) => cp.problemId === problemId)?.label ?? null,
    })),
  };
}
