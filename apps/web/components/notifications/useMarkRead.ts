'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import type { Notification } from './NotificationItem';

/** Marking read updates the badge at once (the server also tells other tabs). */
export function useMarkRead() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = ({ unread }: { unread: number }) => {
    queryClient.setQueryData(trpc.notification.unreadCount.queryKey(), unread);
    return queryClient.invalidateQueries(trpc.notification.list.pathFilter());
  };
  const one = useMutation(trpc.notification.markRead.mutationOptions({ onSuccess }));
  const all = useMutation(trpc.notification.markAllRead.mutationOptions({ onSuccess }));
  return {
    open: (n: Notification) => {
      if (!n.readAt) one.mutate({ ids: [n.id] });
    },
    markAll: all,
  };
}
