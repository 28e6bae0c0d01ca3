'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/**
 * Social actions ripple across lists (a friend request touches pending, friends and blocked; an
 * invitation touches parties and the inbox), so after each one every social query refetches.
 */
export function useRefreshSocial() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.social.pathFilter()),
      queryClient.invalidateQueries(trpc.notification.pathFilter()),
    ]);
}
