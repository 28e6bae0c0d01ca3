'use client';

import type { AppRouter } from '@roguelearn/api';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { type ReactNode, useState } from 'react';
import superjson from 'superjson';
import { SessionKeepAlive } from '@/components/session/SessionKeepAlive';
import { ThemeSync } from '@/components/session/ThemeSync';
import { ToastProvider } from '@/components/ui/Toast';
import { supabaseAccessToken, supabaseEnabled } from '@/lib/supabase';
import { TRPCProvider } from '@/lib/trpc';

/** Retrying can't fix a request the server rejected on its merits (4xx); it may fix an outage. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const status =
    error instanceof TRPCClientError ? (error.data as { httpStatus?: number } | undefined)?.httpStatus : undefined;
  if (status && status < 500) return false;
  return failureCount < 2;
}

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry },
    },
  });
}

function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      // Subscriptions (live judge progress) stream over server-sent events; the rest is batched.
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: '/api/trpc',
          transformer: superjson,
          eventSourceOptions: { withCredentials: true },
          // EventSource cannot send headers: with Supabase, the route handler reads the token here.
          ...(supabaseEnabled && {
            async connectionParams() {
              const token = await supabaseAccessToken();
              return token ? { authorization: `Bearer ${token}` } : null;
            },
          }),
        }),
        false: httpBatchLink({
          url: '/api/trpc',
          transformer: superjson,
          // Local sessions live in HttpOnly cookies; Supabase sessions travel as a bearer token.
          fetch: (input, init) => fetch(input, { ...init, credentials: 'include' }),
          async headers() {
            const token = await supabaseAccessToken();
            return token ? { authorization: `Bearer ${token}` } : {};
          },
        }),
      }),
    ],
  });
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ToastProvider>
          <SessionKeepAlive />
          <ThemeSync />
          {children}
        </ToastProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
