'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '@/lib/trpc';
import type { AuthoredProblem } from './labels';

const POLL_MS = 1500;

/** Everything that reads a problem's authoring state, refreshed after any change to it. */
export function useRefreshProblem(problemId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.authoring.get.queryFilter({ problemId })),
        queryClient.invalidateQueries(trpc.authoring.verification.queryFilter({ problemId })),
        queryClient.invalidateQueries(trpc.authoring.list.pathFilter()),
      ]),
    [trpc, queryClient, problemId],
  );
}

/** The verification state, polled while the judge is still working on a run. */
export function useVerification(problem: AuthoredProblem) {
  const trpc = useTRPC();
  return useQuery(
    trpc.authoring.verification.queryOptions(
      { problemId: problem.id },
      {
        initialData: problem.verification,
        staleTime: 0,
        refetchInterval: (q) => (q.state.data?.solutions.some((s) => s.state === 'pending') ? POLL_MS : false),
      },
    ),
  );
}
