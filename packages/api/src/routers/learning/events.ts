// The hook progression needs when a verdict lands, and a listener that runs it.
import type { Db } from '@roguelearn/db';
import type { Notifier } from '@roguelearn/db/notify';
import { SUBMISSIONS_CHANNEL } from '@roguelearn/db/queue';
import { applyEvent, type EventOutcome } from '../character/rules';
import { settleQuest } from './progress';

/**
 * Run after a submission's verdict is written (status DONE). Awards XP and achievements
 * (idempotently: calling it twice, or from two processes at once, awards once) and completes
 * SOLVE/BOSS steps of quests the student has started that this accepted solution satisfies.
 * Does nothing for a custom run, a submission still being judged, or a missing row.
 */
export async function applySubmissionProgress(db: Db, submissionId: string): Promise<EventOutcome> {
  const outcome = await applyEvent(db, { type: 'submission.judged', submissionId });
  const s = await db.submission.findUnique({
    where: { id: submissionId },
    select: { userId: true, problemId: true, kind: true, status: true, verdict: true },
  });
  if (s?.kind === 'SUBMIT' && s.status === 'DONE' && s.verdict === 'AC' && s.problemId) {
    const quests = await db.quest.findMany({
      where: {
        progress: { some: { userId: s.userId, status: 'IN_PROGRESS' } },
        steps: { some: { problemId: s.problemId, kind: { in: ['SOLVE', 'BOSS'] } } },
      },
      select: { id: true },
    });
    for (const q of quests) await settleQuest(db, s.userId, q.id);
  }
  return outcome;
}

export interface ProgressionWorker {
  stop(): Promise<void>;
}

/**
 * For a long-running process (the web server): applies progression as verdicts arrive on the
 * submissions channel. Any number of processes may run it; awards stay single. Whatever a missed
 * notification leaves behind is caught up when the student next opens their sheet or a tree.
 */
export function startProgressionWorker(opts: {
  db: Db;
  notifier: Notifier;
  onError?: (err: unknown) => void;
}): ProgressionWorker {
  const { db, notifier, onError = () => {} } = opts;
  let running = Promise.resolve();
  const unsubscribe = notifier.subscribe(SUBMISSIONS_CHANNEL, (id) => {
    running = running
      .then(async () => {
        const s = await db.submission.findUnique({ where: { id }, select: { status: true, kind: true } });
        if (s?.status === 'DONE' && s.kind === 'SUBMIT') await applySubmissionProgress(db, id);
      })
      .catch(onError);
  });
  return {
    async stop() {
      unsubscribe();
      await running;
    },
  };
}
