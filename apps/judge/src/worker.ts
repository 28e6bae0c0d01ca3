// A judge worker: `concurrency` slots, each claiming one job at a time. Wakes on NOTIFY, polls
// as a fallback (and to pick up jobs whose worker died), renews its lease while judging,
// retries failures with backoff, and gives up after maxAttempts with an internal-error verdict.
import type { Db } from '@roguelearn/db';
import { createNotifier, type Notifier } from '@roguelearn/db/notify';
import {
  type ClaimedJob,
  claimJob,
  completeJob,
  JOBS_CHANNEL,
  notifySubmission,
  releaseJob,
  renewLease,
} from '@roguelearn/db/queue';
import type { Logger } from '@roguelearn/service';
import { type JudgeDeps, type JudgeOutcome, judgeJob } from './judge';

export interface WorkerOptions extends JudgeDeps {
  databaseUrl: string;
  concurrency: number;
  leaseMs?: number;
  pollMs?: number;
  log: Logger;
  onJudged?: (outcome: JudgeOutcome, job: ClaimedJob) => void;
  onFailure?: (err: unknown, job: ClaimedJob) => void;
}

export interface Worker {
  /** In-flight jobs right now. */
  busy(): number;
  /** Stops claiming; waits up to `graceMs` for in-flight jobs, then aborts and releases them. */
  stop(graceMs?: number): Promise<void>;
}

const backoffMs = (attempt: number) => Math.min(30_000, 1000 * 2 ** (attempt - 1));

export async function markDead(db: Db, job: ClaimedJob, workerId: string, reason: string): Promise<boolean> {
  return completeJob(db, job.id, workerId, async (tx) => {
    await tx.judgeJob.update({ where: { id: job.id }, data: { status: 'DEAD', lastError: reason } });
    await tx.submission.update({
      where: { id: job.submissionId },
      data: {
        status: 'DONE',
        verdict: 'IE',
        judgedAt: new Date(),
        compileOutput: 'The judge could not finish this submission. It has been reported; please submit again later.',
      },
    });
    await notifySubmission(tx, job.submissionId);
  });
}

export function startWorker(opts: WorkerOptions): Worker {
  const leaseMs = opts.leaseMs ?? 30_000;
  const pollMs = opts.pollMs ?? 2000;
  const { db, log, workerId } = opts;
  let stopping = false;
  const inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const waiters = new Set<() => void>();
  const wakeAll = () => {
    for (const w of waiters) w();
    waiters.clear();
  };
  const notifier: Notifier = createNotifier(opts.databaseUrl, (err) => log.warn('listen connection error', { err }));
  const unsubscribe = notifier.subscribe(JOBS_CHANNEL, wakeAll);

  async function runOne(job: ClaimedJob): Promise<void> {
    const controller = new AbortController();
    const heartbeat = setInterval(async () => {
      try {
        if (!(await renewLease(db, job.id, workerId, leaseMs))) {
          log.warn('lost lease; abandoning job', { jobId: job.id });
          controller.abort();
        }
      } catch (err) {
        log.warn('lease renewal failed', { err, jobId: job.id });
      }
    }, leaseMs / 3);
    const done = (async () => {
      try {
        if (job.attempts > job.maxAttempts) {
          await markDead(db, job, workerId, `gave up after ${job.maxAttempts} attempts`);
          log.error('job dead-lettered', { jobId: job.id, submissionId: job.submissionId, attempts: job.attempts });
          return;
        }
        const outcome = await judgeJob(opts, job, controller.signal);
        log.info('judged', {
          submissionId: job.submissionId,
          verdict: outcome.verdict,
          ms: outcome.sandboxMs,
          status: outcome.status,
        });
        opts.onJudged?.(outcome, job);
      } catch (err) {
        opts.onFailure?.(err, job);
        if (stopping && controller.signal.aborted) {
          // Shutdown interrupted it: give it back untouched for another worker.
          await releaseJob(db, job.id, workerId, { refundAttempt: true }).catch(() => {});
          log.info('released job on shutdown', { jobId: job.id });
        } else if (job.attempts >= job.maxAttempts) {
          await markDead(db, job, workerId, String(err)).catch(() => {});
          log.error('job failed for the last time', { err, jobId: job.id });
        } else {
          const delayMs = backoffMs(job.attempts);
          await releaseJob(db, job.id, workerId, { error: String(err), delayMs }).catch(() => {});
          log.warn('job failed; will retry', { err, jobId: job.id, attempt: job.attempts, delayMs });
        }
      } finally {
        clearInterval(heartbeat);
      }
    })();
    inFlight.set(job.id, { controller, done });
    await done;
    inFlight.delete(job.id);
  }

  async function slot(index: number): Promise<void> {
    while (!stopping) {
      let job: ClaimedJob | null = null;
      try {
        job = await claimJob(db, workerId, leaseMs);
      } catch (err) {
        log.warn('claim failed', { err, slot: index });
      }
      if (job) {
        await runOne(job);
        continue;
      }
      await new Promise<void>((resolve) => {
        const waiter = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          resolve();
        }, pollMs);
        waiters.add(waiter);
      });
    }
  }

  const slots = Array.from({ length: opts.concurrency }, (_, i) => slot(i));

  return {
    busy: () => inFlight.size,
    async stop(graceMs = 20_000) {
      stopping = true;
      wakeAll();
      const all = Promise.all([...inFlight.values()].map((j) => j.done));
      const timedOut = await Promise.race([
        all.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), graceMs)),
      ]);
      if (timedOut) for (const j of inFlight.values()) j.controller.abort();
      await Promise.all(slots);
      unsubscribe();
      await notifier.close();
    },
  };
}
