'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from '@/lib/trpc';

/**
 * My matchmaking status, kept current by `match.onStatus` (SSE) writing into the `match.status`
 * cache entry; if the stream breaks, the query polls instead so the page never goes stale.
 */
export function useMatchStatus() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const subscription = useSubscription(
    trpc.match.onStatus.subscriptionOptions(undefined, {
      onData: (data) => queryClient.setQueryData(trpc.match.status.queryKey(), data),
    }),
  );
  const broken = subscription.status === 'error';
  return useQuery(trpc.match.status.queryOptions(undefined, { refetchInterval: broken ? 3000 : false }));
}
