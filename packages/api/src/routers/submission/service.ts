// Submissions: validated and stored with their judge job in one transaction (nothing is lost if
// anything crashes afterwards), then judged by apps/judge. Reads check ownership; hidden tests'
// inputs and outputs never leave the server.
import type { Db, Prisma } from '@roguelearn/db';
import { enqueueSubmission } from '@roguelearn/db/queue';
import type { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import type { createSubmissionInput, listSubmissionsInput, runInput } from '../../schemas/submission';
import type { SessionUser } from '../auth/service';

/** Submissions plus runs a user may queue per minute: enough for anyone, not for a script. */
export const SUBMISSION_RATE = { perMinute: 12 };

const isStaff = (u: SessionUser) => u.role === 'INSTRUCTOR' || u.role === 'ADMIN';

async function checkRate(db: Db, userId: string) {
  const recent = await db.submission.count({ where: { userId, createdAt: { gte: new Date(Date.now() - 60_000) } } });
  if (recent >= SUBMISSION_RATE.perMinute) {
    throw new DomainError('TOO_MANY_REQUESTS', 'You are submitting too fast. Wait a minute and try again.');
  }
}

async function visibleProblem(db: Db, user: SessionUser, problemId: string) {
  const problem = await db.problem.findUnique({
    where: { id: problemId },
    select: { id: true, status: true, authorId: true },
  });
  if (!problem || (problem.status !== 'PUBLISHED' && !isStaff(user) && problem.authorId !== user.id))
    throw notFound('Problem');
  return problem;
}

/**
 * A submission or run made from a pair session: only an active participant may attach it, and a
 * problem, if named, must be the session's own (so the session's record shows only its work).
 */
async function checkPairSession(db: Db, user: SessionUser, sessionId: string, problemId: string | undefined) {
  const session = await db.pairSession.findUnique({
    where: { id: sessionId },
    select: { status: true, problemId: true, participants: { where: { userId: user.id }, select: { leftAt: true } } },
  });
  if (!session?.participants.length) throw notFound('Session');
  if (session.status !== 'ACTIVE' || session.participants[0].leftAt) {
    throw new DomainError('PRECONDITION_FAILED', 'This pair session has ended');
  }
  if (problemId && session.problemId !== problemId) {
    throw new DomainError('BAD_REQUEST', "That problem isn't this session's problem");
  }
}

export async function createSubmission(db: Db, user: SessionUser, input: z.infer<typeof createSubmissionInput>) {
  await visibleProblem(db, user, input.problemId);
  if (input.pairSessionId) await checkPairSession(db, user, input.pairSessionId, input.problemId);
  await checkRate(db, user.id);
  const s = await enqueueSubmission(db, {
    userId: user.id,
    problemId: input.problemId,
    language: input.language,
    code: input.code,
    pairSessionId: input.pairSessionId ?? null,
  });
  await db.analyticsEvent.create({
    data: {
      userId: user.id,
      type: 'submission.created',
      properties: { problemId: input.problemId, language: input.language },
    },
  });
  return { id: s.id };
}

export async function runCode(db: Db, user: SessionUser, input: z.infer<typeof runInput>) {
  if (input.problemId) await visibleProblem(db, user, input.problemId);
  if (input.pairSessionId) await checkPairSession(db, user, input.pairSessionId, input.problemId);
  await checkRate(db, user.id);
  // Interactive runs jump ahead of graded submissions: someone is waiting at the keyboard.
  const s = await enqueueSubmission(db, {
    userId: user.id,
    problemId: input.problemId ?? null,
    language: input.language,
    code: input.code,
    kind: 'RUN',
    customInput: input.input,
    pairSessionId: input.pairSessionId ?? null,
    priority: 10,
  });
  return { id: s.id };
}

const detailSelect = {
  id: true,
  userId: true,
  problemId: true,
  language: true,
  code: true,
  kind: true,
  status: true,
  verdict: true,
  score: true,
  testsPassed: true,
  testsTotal: true,
  timeMs: true,
  memoryKb: true,
  compileOutput: true,
  stdout: true,
  stderr: true,
  customInput: true,
  createdAt: true,
  judgedAt: true,
  problem: { select: { slug: true, title: true } },
  results: {
    orderBy: { ordinal: 'asc' },
    select: {
      ordinal: true,
      verdict: true,
      timeMs: true,
      memoryKb: true,
      exitCode: true,
      signal: true,
      stdout: true,
      stderr: true,
      testCase: { select: { isSample: true, input: true, expectedOutput: true } },
    },
  },
} satisfies Prisma.SubmissionSelect;

/**
 * One submission for its owner (or staff). Each test reports verdict, time and memory; sample
 * tests also carry input, expected and actual output, and the first failed sample is singled out
 * so the student sees a diff. Hidden tests carry nothing else.
 */
export async function getSubmission(db: Db, user: SessionUser, id: string) {
  const s = await db.submission.findUnique({ where: { id }, select: detailSelect });
  if (!s || (s.userId !== user.id && !isStaff(user))) throw notFound('Submission');
  const results = s.results.map((r) => {
    const sample = r.testCase?.isSample ?? false;
    return {
      ordinal: r.ordinal,
      verdict: r.verdict,
      timeMs: r.timeMs,
      memoryKb: r.memoryKb,
      exitCode: r.exitCode,
      signal: r.signal,
      sample,
      input: sample ? (r.testCase?.input ?? null) : null,
      expected: sample ? (r.testCase?.expectedOutput ?? null) : null,
      actual: sample ? r.stdout : null,
      stderr: sample ? r.stderr : null,
    };
  });
  const firstFailedSample = results.find((r) => r.sample && r.verdict !== 'AC' && r.verdict !== 'SKIPPED') ?? null;
  return { ...s, results, firstFailedSample };
}

export async function listSubmissions(db: Db, user: SessionUser, input: z.infer<typeof listSubmissionsInput>) {
  const rows = await db.submission.findMany({
    where: {
      userId: user.id,
      kind: 'SUBMIT',
      ...(input.problemId ? { problemId: input.problemId } : {}),
      ...(input.verdict ? { verdict: input.verdict } : {}),
      ...(input.language ? { language: input.language } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      language: true,
      status: true,
      verdict: true,
      score: true,
      testsPassed: true,
      testsTotal: true,
      timeMs: true,
      memoryKb: true,
      createdAt: true,
      problem: { select: { slug: true, title: true } },
    },
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1].id : null };
}
