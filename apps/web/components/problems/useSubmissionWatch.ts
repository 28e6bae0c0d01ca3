'use client';

import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '@/lib/trpc';

export interface WatchTarget {
  id: string;
  /** Still being judged when we started watching: follow it live. */
  live: boolean;
}

/**
 * One submission, kept current: a live submission streams its progress over SSE
 * (`submission.onUpdate`) into the `submission.get` cache entry; a finished one is simply read.
 * Should the stream fail (a proxy that buffers SSE, say), it falls back to polling.
 */
export function useSubmissionWatch(target: WatchTarget | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = target?.id;
  const [polling, setPolling] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new submission starts with the stream
  useEffect(() => setPolling(false), [id]);

  const query = useQuery(
    trpc.submission.get.queryOptions(id ? { id } : skipToken, {
      enabled: !target?.live || polling,
      staleTime: Number.POSITIVE_INFINITY,
      refetchInterval: (q) => (polling && q.state.data?.status !== 'DONE' ? 1500 : false),
    }),
  );
  const done = query.data?.status === 'DONE';

  const subscription = useSubscription(
    trpc.submission.onUpdate.subscriptionOptions(id && target?.live && !done ? { id } : skipToken, {
      onData: (data) => queryClient.setQueryData(trpc.submission.get.queryKey({ id: data.id }), data),
    }),
  );
  const broken =
    subscription.status === 'error' || (subscription.status === 'connecting' && subscription.error != null);
  useEffect(() => {
    if (broken) setPolling(true);
  }, [broken]);

  return {
    data: query.data,
    error: query.error ?? (subscription.status === 'error' && !polling ? subscription.error : null),
  };
}
