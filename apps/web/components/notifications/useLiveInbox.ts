'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { useToast } from '@/components/ui/Toast';
import { useTRPC } from '@/lib/trpc';

/**
 * Keeps the unread count live over SSE and, when something new arrives, refetches whatever it
 * may have changed (inbox, invitations, friends, parties, meetings), so open pages update without reload.
 * Also keeps the user's presence fresh for friends. Mount only for a signed-in user.
 */
export function useLiveInbox() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [latest, setLatest] = useState<string | null>(null);
  const countKey = trpc.notification.unreadCount.queryKey();
  const count = useQuery(trpc.notification.unreadCount.queryOptions(undefined, { staleTime: 60_000 }));

  useSubscription(
    trpc.notification.onNew.subscriptionOptions(undefined, {
      onData: (event) => {
        queryClient.setQueryData(countKey, event.unreadCount);
        void queryClient.invalidateQueries(trpc.notification.list.pathFilter());
        if (event.kind !== 'new') return;
        void queryClient.invalidateQueries(trpc.social.pathFilter());
        void queryClient.invalidateQueries(trpc.meeting.pathFilter());
        setLatest(event.notification.title);
        if (event.push) toast(event.notification.title, 'info');
      },
    }),
  );

  return { unread: count.data ?? 0, latest };
}
