'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import { NotificationItem } from './NotificationItem';
import styles from './notifications.module.css';
import { useMarkRead } from './useMarkRead';

const PAGE = 20;

function Inbox() {
  const trpc = useTRPC();
  const mark = useMarkRead();
  const pages = useInfiniteQuery(
    trpc.notification.list.infiniteQueryOptions(
      { limit: PAGE, unreadFirst: true },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  if (pages.isPending) return <PageLoading label="Loading notifications…" />;
  if (pages.isError) return <Alert title="We couldn't load your notifications">{pages.error.message}</Alert>;
  const items = pages.data.pages.flatMap((p) => p.items);
  const anyUnread = items.some((n) => !n.readAt);

  return (
    <div className={styles.page}>
      <div className={styles.pageHead}>
        <h1>Notifications</h1>
        {anyUnread && (
          <Button variant="secondary" pending={mark.markAll.isPending} onClick={() => mark.markAll.mutate()}>
            Mark all read
          </Button>
        )}
      </div>
      {items.length === 0 ? (
        <p className={styles.muted}>No notifications yet. Friend requests, invitations and matches show up here.</p>
      ) : (
        <ul className={styles.list} aria-label="Notifications">
          {items.map((n) => (
            <NotificationItem key={n.id} n={n} onOpen={mark.open} onMarkRead={mark.open} />
          ))}
        </ul>
      )}
      {pages.hasNextPage && (
        <div>
          <Button variant="secondary" pending={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
            Load older
          </Button>
        </div>
      )}
    </div>
  );
}

export function NotificationInbox() {
  return <RequireSession>{() => <Inbox />}</RequireSession>;
}
