// The publish gate: every reference solution must be accepted by the judge on the problem's
// current tests before the problem goes public.
//
// "Current" is a content fingerprint of everything that decides a verdict: each test's input
// and expected output in judging order, the checker (kind, tolerance, custom source) and the
// limits. `verify` queues one judge submission per reference solution (source "reference") and
// records, in the audit log entry it writes ("problem.verify"), the fingerprint and which
// submission judges which solution's code. A solution is verified when the newest such run for
// its exact code and the current fingerprint was accepted. Editing a test, the checker, the
// limits or the solution's code changes a fingerprint, so the old run no longer counts; undoing
// the edit makes it count again. No schema change is needed, nothing depends on clocks, and edits
// made outside the dashboard (imports, scripts) are caught too. ReferenceSolution.verifiedAt is
// kept in step as a cached summary (the judging time of the run that verified it, or null).
import crypto from 'node:crypto';
import type { Db, Prisma, Verdict } from '@roguelearn/db';
import { enqueueSubmission } from '@roguelearn/db/queue';
import { DomainError } from '../../errors';
import { recordAudit } from '../admin/audit';
import type { SessionUser } from '../auth/service';
import { loadProblemForEdit } from './access';

export const VERIFY_ACTION = 'problem.verify';
export const REFERENCE_SOURCE = 'reference';

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

interface VerifyRun {
  solutionId: string;
  language: string;
  codeHash: string;
  submissionId: string;
}
interface VerifyRecord {
  fingerprint: string;
  runs: VerifyRun[];
}

/** The judging fingerprint of a problem (see the header). Test texts are hashed in the database. */
export async function judgingFingerprint(db: Db, problemId: string): Promise<{ fingerprint: string; tests: number }> {
  const [p, [agg]] = await Promise.all([
    db.problem.findUniqueOrThrow({
      where: { id: problemId },
      select: { checker: true, checkerTolerance: true, customChecker: true, timeLimitMs: true, memoryLimitKb: true },
    }),
    db.$queryRaw<{ tests: string; n: number }[]>`
      SELECT md5(coalesce(string_agg(md5(input) || ':' || md5("expectedOutput"), ',' ORDER BY ordinal), '')) AS tests,
             count(*)::int AS n
        FROM "TestCase" WHERE "problemId" = ${problemId}::uuid`,
  ]);
  return {
    fingerprint: sha(JSON.stringify({ ...p, tests: agg.tests, n: agg.n })),
    tests: agg.n,
  };
}

export type SolutionState = 'passed' | 'failed' | 'pending' | 'outdated' | 'unverified';

export interface SolutionVerification {
  solutionId: string;
  language: string;
  state: SolutionState;
  verdict: Verdict | null;
  testsPassed: number | null;
  testsTotal: number | null;
  submissionId: string | null;
  judgedAt: Date | null;
}

export interface VerificationStatus {
  fingerprint: string;
  tests: number;
  /** True when the problem may be published. */
  ready: boolean;
  /** Why not, one sentence each, naming the solutions. */
  blockers: string[];
  solutions: SolutionVerification[];
}

const verdictNames: Record<string, string> = {
  WA: 'wrong answer',
  TLE: 'time limit exceeded',
  MLE: 'memory limit exceeded',
  RE: 'runtime error',
  CE: 'compilation error',
  OLE: 'output limit exceeded',
  IE: 'internal error',
  SKIPPED: 'skipped',
};

function blockerFor(s: SolutionVerification): string | null {
  switch (s.state) {
    case 'passed':
      return null;
    case 'pending':
      return `${s.language}: still being judged`;
    case 'failed':
      return `${s.language}: ${verdictNames[s.verdict ?? ''] ?? s.verdict} (${s.testsPassed}/${s.testsTotal} tests passed)`;
    case 'outdated':
      return `${s.language}: the tests, checker, limits or code changed since it was verified; verify again`;
    default:
      return `${s.language}: not verified yet`;
  }
}

/** Where each reference solution stands against the current tests. Also syncs `verifiedAt`. */
export async function verificationStatus(db: Db, problemId: string): Promise<VerificationStatus> {
  const [{ fingerprint, tests }, solutions, entries] = await Promise.all([
    judgingFingerprint(db, problemId),
    db.referenceSolution.findMany({
      where: { problemId },
      orderBy: { language: 'asc' },
      select: { id: true, language: true, code: true, verifiedAt: true },
    }),
    db.auditLog.findMany({
      where: { action: VERIFY_ACTION, targetType: 'problem', targetId: problemId },
      orderBy: { id: 'desc' },
      take: 100,
      select: { data: true },
    }),
  ]);
  const records = entries.map((e) => e.data as unknown as VerifyRecord).filter((r) => Array.isArray(r?.runs));
  const matched = new Map<string, VerifyRun>();
  const everRun = new Set<string>();
  for (const s of solutions) {
    const codeHash = sha(s.code);
    for (const r of records) {
      const run = r.runs.find((x) => x.language === s.language);
      if (run) everRun.add(s.id);
      if (run && r.fingerprint === fingerprint && run.codeHash === codeHash) {
        matched.set(s.id, run);
        break;
      }
    }
  }
  const submissions = await db.submission.findMany({
    where: { id: { in: [...matched.values()].map((r) => r.submissionId) } },
    select: { id: true, status: true, verdict: true, testsPassed: true, testsTotal: true, judgedAt: true },
  });
  const out: SolutionVerification[] = solutions.map((s) => {
    const run = matched.get(s.id);
    const sub = run && submissions.find((x) => x.id === run.submissionId);
    const base = { solutionId: s.id, language: s.language };
    if (!sub) {
      return {
        ...base,
        state: everRun.has(s.id) ? 'outdated' : 'unverified',
        verdict: null,
        testsPassed: null,
        testsTotal: null,
        submissionId: null,
        judgedAt: null,
      };
    }
    const state: SolutionState = sub.status !== 'DONE' ? 'pending' : sub.verdict === 'AC' ? 'passed' : 'failed';
    return {
      ...base,
      state,
      verdict: sub.verdict,
      testsPassed: sub.status === 'DONE' ? sub.testsPassed : null,
      testsTotal: sub.status === 'DONE' ? sub.testsTotal : null,
      submissionId: sub.id,
      judgedAt: sub.judgedAt,
    };
  });
  // Keep the cached column honest.
  for (const s of solutions) {
    const v = out.find((o) => o.solutionId === s.id);
    const verifiedAt = v?.state === 'passed' ? (v.judgedAt ?? new Date()) : null;
    if ((s.verifiedAt?.getTime() ?? null) !== (verifiedAt?.getTime() ?? null)) {
      await db.referenceSolution.update({ where: { id: s.id }, data: { verifiedAt } });
    }
  }
  const blockers: string[] = [];
  if (tests === 0) blockers.push('Add at least one test');
  if (solutions.length === 0) blockers.push('Add at least one reference solution');
  for (const s of out) {
    const b = blockerFor(s);
    if (b) blockers.push(b);
  }
  return { fingerprint, tests, ready: blockers.length === 0, blockers, solutions: out };
}

/** Queues one judge run per reference solution against the current tests. */
export async function verifyProblem(db: Db, me: SessionUser, problemId: string, ip?: string) {
  await loadProblemForEdit(db, me, problemId);
  const [{ fingerprint, tests }, solutions] = await Promise.all([
    judgingFingerprint(db, problemId),
    db.referenceSolution.findMany({
      where: { problemId },
      orderBy: { language: 'asc' },
      select: { id: true, language: true, code: true },
    }),
  ]);
  if (tests === 0) throw new DomainError('PRECONDITION_FAILED', 'Add at least one test before verifying');
  if (solutions.length === 0) throw new DomainError('PRECONDITION_FAILED', 'Add a reference solution before verifying');
  const runs: VerifyRun[] = [];
  for (const s of solutions) {
    const sub = await enqueueSubmission(db, {
      userId: me.id,
      problemId,
      language: s.language,
      code: s.code,
      kind: 'SUBMIT',
      source: REFERENCE_SOURCE,
      priority: 1,
    });
    runs.push({ solutionId: s.id, language: s.language, codeHash: sha(s.code), submissionId: sub.id });
  }
  await recordAudit(db, me, {
    action: VERIFY_ACTION,
    targetType: 'problem',
    targetId: problemId,
    data: { fingerprint, runs } satisfies VerifyRecord as unknown as Prisma.InputJsonValue,
    ip,
  });
  return verificationStatus(db, problemId);
}

/** Publishes the problem if every reference solution passes the current tests. */
export async function publishProblem(db: Db, me: SessionUser, problemId: string, ip?: string) {
  const p = await loadProblemForEdit(db, me, problemId);
  const status = await verificationStatus(db, problemId);
  if (!status.ready) {
    throw new DomainError('PRECONDITION_FAILED', `Can’t publish “${p.title}” yet: ${status.blockers.join('; ')}.`);
  }
  if (p.status !== 'PUBLISHED') {
    await db.problem.update({
      where: { id: problemId },
      data: { status: 'PUBLISHED', publishedAt: new Date() },
    });
    await recordAudit(db, me, {
      action: 'problem.published',
      targetType: 'problem',
      targetId: problemId,
      data: { from: p.status, fingerprint: status.fingerprint },
      ip,
    });
    await db.analyticsEvent.create({ data: { userId: me.id, type: 'problem.published', properties: { problemId } } });
  }
  return { id: problemId, status: 'PUBLISHED' as const, verification: status };
}
