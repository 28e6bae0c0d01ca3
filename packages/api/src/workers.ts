// The API's background work, one set per process that runs it: the pair-programming matcher,
// guild webhook delivery, settling duels and contests after verdicts (and contest ratings once a
// rated contest ends), and XP from verdicts.
// Each is safe to run on several replicas at once (row locks / SKIP LOCKED in the database).
import type { Db } from '@roguelearn/db';
import type { Notifier } from '@roguelearn/db/notify';
import type { Logger } from '@roguelearn/service';
import { startCompetitionWorker } from './routers/battle/judged';
import { startProgressionWorker } from './routers/learning/events';
import { startMatcher } from './routers/match/matcher';
import { startWebhookDispatcher } from './routers/notification/webhooks';

export function startBackgroundWorkers(opts: { db: Db; notifier: Notifier; log: Logger }): { stop(): Promise<void> } {
  const { db, notifier, log } = opts;
  const onError = (name: string) => (err: unknown) => log.error(`${name} failed`, { err });
  const workers = [
    startMatcher({ db, notifier, onError: onError('matcher') }),
    startWebhookDispatcher({ db, notifier, onError: onError('webhooks') }),
    startCompetitionWorker({ db, notifier, onError: onError('competition') }),
    startProgressionWorker({ db, notifier, onError: onError('progression') }),
  ];
  return {
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
