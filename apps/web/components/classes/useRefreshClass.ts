'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';

export type ClassDetail = RouterOutputs['classes']['get'];

/** Every card on the class page reads the class or its roster: after a change both are refetched. */
export function useRefreshClass(classId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.classes.get.queryKey({ classId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.classes.roster.queryKey({ classId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.classes.mine.queryKey() }),
    ]);
}
