'use client';

import type { SessionUser } from '@roguelearn/api';
import { hashKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from './trpc';

export type SessionStatus = 'loading' | 'authenticated' | 'anonymous' | 'error';

export function useSession() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  const user = me.data ?? null;
  const status: SessionStatus = me.isPending ? 'loading' : me.isError ? 'error' : user ? 'authenticated' : 'anonymous';
  return {
    user,
    status,
    isStaff: user?.role === 'INSTRUCTOR' || user?.role === 'ADMIN',
    retry: me.refetch,
  };
}

/**
 * After signing in as someone new, nothing cached for the previous visitor may leak into the
 * new session: drop every query but the session itself, which becomes `user`.
 */
export function useStartSession() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (user: SessionUser | null) => {
    const meKey = trpc.auth.me.queryKey();
    const meHash = hashKey(meKey);
    queryClient.removeQueries({ predicate: (q) => q.queryHash !== meHash });
    if (user) queryClient.setQueryData(meKey, user);
    else void queryClient.invalidateQueries({ queryKey: meKey });
  };
}
