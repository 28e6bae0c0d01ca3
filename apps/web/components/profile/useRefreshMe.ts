'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** After a settings change, the cached user (and the session, which carries the display name) are stale. */
export function useRefreshMe() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.user.me.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    ]);
}
