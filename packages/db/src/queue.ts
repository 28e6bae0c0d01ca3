// The judge's job queue lives in PostgreSQL: a submission and its job are written in one
// transaction, workers claim with FOR UPDATE SKIP LOCKED under a lease they renew, and a job
// whose worker died becomes claimable again when its lease expires. Completion is fenced by the
// lease owner, so a submission gets exactly one verdict however many workers touched it.
import type { Db } from './client';
import type { JudgeJob, Prisma, SubmissionKind } from './generated/prisma/client';

export const JOBS_CHANNEL = 'judge_jobs';
export const SUBMISSIONS_CHANNEL = 'submission_updates';

export interface NewSubmission {
  userId: string;
  problemId?: string | null;
  language: string;
  code: string;
  kind?: SubmissionKind;
  customInput?: string | null;
  cpuLimitMs?: number | null;
  memoryLimitKb?: number | null;
  expectedOutput?: string | null;
  apiLanguageId?: number | null;
  contestId?: string | null;
  battleId?: string | null;
  pairSessionId?: string | null;
  source?: string;
  /** Higher runs first: interactive runs jump ahead of bulk rejudges. */
  priority?: number;
}

/** Stores the submission as QUEUED with its job, atomically, and wakes a worker on commit. */
export async function enqueueSubmission(db: Db, input: NewSubmission) {
  const { priority = 0, ...data } = input;
  return db.$transaction(async (tx) => {
    const submission = await tx.submission.create({ data: { ...data, job: { create: { priority } } } });
    // NOTIFY inside the transaction is delivered only if it commits.
    await tx.$executeRaw`SELECT pg_notify(${JOBS_CHANNEL}, ${submission.id})`;
    return submission;
  });
}

export type ClaimedJob = Pick<JudgeJob, 'id' | 'submissionId' | 'attempts' | 'maxAttempts'>;

/**
 * Claims the next runnable job: pending and due, or running with an expired lease (its worker
 * died). Returns null when there is nothing to do.
 */
export async function claimJob(
  db: Db | Prisma.TransactionClient,
  workerId: string,
  leaseMs: number,
): Promise<ClaimedJob | null> {
  const rows = await db.$queryRaw<ClaimedJob[]>`
    UPDATE "JudgeJob" j
       SET status = 'RUNNING', "leaseOwner" = ${workerId},
           "leaseExpiresAt" = now() + ${leaseMs} * interval '1 millisecond',
           attempts = j.attempts + 1, "updatedAt" = now()
     WHERE j.id = (
       SELECT id FROM "JudgeJob"
        WHERE (status = 'PENDING' AND "availableAt" <= now())
           OR (status = 'RUNNING' AND "leaseExpiresAt" < now())
        ORDER BY priority DESC, "createdAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
    RETURNING j.id, j."submissionId", j.attempts, j."maxAttempts"`;
  return rows[0] ?? null;
}

/** Extends the lease; false means another worker took the job over (stop working on it). */
export async function renewLease(db: Db, jobId: string, workerId: string, leaseMs: number): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "JudgeJob" SET "leaseExpiresAt" = now() + ${leaseMs} * interval '1 millisecond', "updatedAt" = now()
     WHERE id = ${jobId}::uuid AND "leaseOwner" = ${workerId} AND status = 'RUNNING'`;
  return n === 1;
}

/**
 * Runs `write` (the verdict) and marks the job done in one transaction, only if this worker
 * still holds the lease. Returns false (and writes nothing) when it does not.
 */
export async function completeJob(
  db: Db,
  jobId: string,
  workerId: string,
  write: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      UPDATE "JudgeJob" SET status = 'DONE', "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = now()
       WHERE id = ${jobId}::uuid AND "leaseOwner" = ${workerId} AND status = 'RUNNING'`;
    if (n !== 1) return false;
    await write(tx);
    return true;
  });
}

/** Gives a job back: after a failure (retried later, with backoff) or on shutdown (right away). */
export async function releaseJob(
  db: Db,
  jobId: string,
  workerId: string,
  opts: { error?: string; delayMs?: number; refundAttempt?: boolean },
): Promise<void> {
  await db.$executeRaw`
    UPDATE "JudgeJob"
       SET status = 'PENDING', "leaseOwner" = NULL, "leaseExpiresAt" = NULL,
           "availableAt" = now() + ${opts.delayMs ?? 0} * interval '1 millisecond',
           "lastError" = COALESCE(${opts.error ?? null}, "lastError"),
           attempts = attempts - ${opts.refundAttempt ? 1 : 0}, "updatedAt" = now()
     WHERE id = ${jobId}::uuid AND "leaseOwner" = ${workerId}`;
}

export async function notifySubmission(db: Db | Prisma.TransactionClient, submissionId: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${SUBMISSIONS_CHANNEL}, ${submissionId})`;
}
