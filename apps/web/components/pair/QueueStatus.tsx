'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { difficultyLabels } from '@/components/problems/labels';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import { formatWait, type MatchStatus } from './labels';
import styles from './pair.module.css';

/** Where I am in line and how busy each difficulty is; shown while waiting. */
export function QueueStatus({ status }: { status: MatchStatus }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.match.cancel.mutationOptions({
      onSuccess: (s) => queryClient.setQueryData(trpc.match.status.queryKey(), s),
    }),
  );
  const request = status.request;
  return (
    <div className={styles.queue}>
      {request && (
        <div role="status" aria-live="polite" className={styles.waiting}>
          <p className={styles.bigLine}>
            Looking for a partner… you are <strong>#{request.position ?? '?'}</strong> in line for{' '}
            {difficultyLabels[request.difficulty]}.
          </p>
          <p className={styles.muted}>
            Estimated wait: {formatWait(status.estimatedWaitSec[request.difficulty]) ?? 'no recent matches to go by'}
            {request.topics.length > 0 && <> · Topics: {request.topics.join(', ')}</>}
          </p>
        </div>
      )}
      <dl className={styles.queueCounts} aria-label="People waiting per difficulty">
        {(['EASY', 'MEDIUM', 'HARD'] as const).map((d) => (
          <div key={d}>
            <dt>{difficultyLabels[d]}</dt>
            <dd>
              {status.queue[d]} waiting
              {formatWait(status.estimatedWaitSec[d]) && (
                <span className={styles.muted}> · {formatWait(status.estimatedWaitSec[d])}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {cancel.error && <Alert>{describeError(cancel.error, []).message}</Alert>}
      {request && (
        <Button variant="secondary" onClick={() => cancel.mutate()} pending={cancel.isPending}>
          Leave the queue
        </Button>
      )}
    </div>
  );
}
