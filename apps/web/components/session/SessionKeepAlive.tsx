'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSession } from '@/lib/session';
import { getSupabase, supabaseEnabled } from '@/lib/supabase';
import { useTRPC } from '@/lib/trpc';

const REFRESH_EVERY_MS = 10 * 60_000;

/**
 * Keeps an open tab signed in. Local sessions rotate their refresh cookie periodically, well
 * inside the access token's lifetime; Supabase refreshes its own tokens, and we only re-ask the
 * server who the user is when Supabase reports a change.
 */
export function SessionKeepAlive() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { status } = useSession();
  const { mutate: refresh } = useMutation(
    trpc.auth.refresh.mutationOptions({
      onError: () => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    }),
  );

  useEffect(() => {
    if (supabaseEnabled || status !== 'authenticated') return;
    const timer = setInterval(() => refresh(), REFRESH_EVERY_MS);
    return () => clearInterval(timer);
  }, [status, refresh]);

  useEffect(() => {
    if (!supabaseEnabled) return;
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    void getSupabase().then((supabase) => {
      if (cancelled) return;
      const { data } = supabase.auth.onAuthStateChange((event) => {
        if (event === 'SIGNED_IN' || event === 'SIGNED_OUT' || event === 'USER_UPDATED') {
          void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
        }
      });
      unsubscribe = () => data.subscription.unsubscribe();
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, [queryClient, trpc]);

  return null;
}
