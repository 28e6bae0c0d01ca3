// The judge's hook into competitions, and the housekeeping loop.
//
// `onSubmissionJudged` must run after a duel or contest submission reaches DONE. It is idempotent
// and safe to run concurrently (any number of times, from any process), so it can be called by
// the judge right after it commits a verdict, by a listener on the submissions channel, or both.
import type { Db } from '@roguelearn/db';
import type { Notifier } from '@roguelearn/db/notify';
import { SUBMISSIONS_CHANNEL } from '@roguelearn/db/queue';
import { finalizeEndedContests, refreshContestant } from './contest';
import { settleDuel, sweepDuels } from './duel';

export async function onSubmissionJudged(db: Db, submissionId: string, now = new Date()) {
  const s = await db.submission.findUnique({
    where: { id: submissionId },
    select: { id: true, userId: true, status: true, kind: true, battleId: true, contestId: true },
  });
  if (s?.status !== 'DONE' || s.kind !== 'SUBMIT') return { kind: 'ignored' as const };
  if (s.battleId) return { kind: 'duel' as const, ...(await settleDuel(db, s.battleId, now)) };
  if (s.contestId) return { kind: 'contest' as const, ...(await refreshContestant(db, s.contestId, s.userId)) };
  return { kind: 'ignored' as const };
}

export interface CompetitionWorker {
  stop(): Promise<void>;
}

/**
 * For a long-running process (the web server, or the judge): settles duels and refreshes contest
 * standings as verdicts arrive on the submissions channel, and every `sweepMs` sweeps duels
 * (timeouts, forfeits, queue pairing, expired challenges) and finalizes the ratings of ended
 * rated contests. Several processes may run it at once.
 */
export function startCompetitionWorker(opts: {
  db: Db;
  notifier?: Notifier;
  sweepMs?: number;
  onError?: (err: unknown) => void;
}): CompetitionWorker {
  const { db, notifier, sweepMs = 5000, onError = () => {} } = opts;
  let running = Promise.resolve();
  const serial = (fn: () => Promise<unknown>) => {
    running = running.then(fn).then(
      () => {},
      (err) => onError(err),
    );
    return running;
  };
  const unsubscribe = notifier?.subscribe(SUBMISSIONS_CHANNEL, (id) => {
    void serial(async () => {
      // Cheap filter first: most submissions are practice.
      const s = await db.submission.findUnique({
        where: { id },
        select: { status: true, battleId: true, contestId: true },
      });
      if (s?.status === 'DONE' && (s.battleId || s.contestId)) await onSubmissionJudged(db, id);
    });
  });
  const timer = setInterval(() => {
    void serial(() => sweepDuels(db));
    void serial(() => finalizeEndedContests(db));
  }, sweepMs);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      unsubscribe?.();
      await running;
    },
  };
}
