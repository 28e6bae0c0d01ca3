'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import { useDismiss } from '@/lib/useDismiss';
import { NotificationItem } from './NotificationItem';
import styles from './notifications.module.css';
import { useLiveInbox } from './useLiveInbox';
import { useMarkRead } from './useMarkRead';

const RECENT = 5;

export function NotificationBell() {
  const trpc = useTRPC();
  const pathname = usePathname();
  const { unread, latest } = useLiveInbox();
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const panelId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const recent = useQuery(trpc.notification.list.queryOptions({ limit: RECENT, unreadFirst: true }, { enabled: open }));
  const mark = useMarkRead();

  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on navigation by design
  useEffect(() => setOpen(false), [pathname]);

  useDismiss(open, closeMenu, wrapRef, buttonRef);

  return (
    <div ref={wrapRef} className={styles.bellWrap}>
      <button
        ref={buttonRef}
        type="button"
        className={styles.bell}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        onClick={() => setOpen((v) => !v)}
      >
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span className={styles.count} aria-hidden="true" data-testid="unread-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {/* Announces arrivals without moving focus; the toast shows them visually. */}
      <p className="visually-hidden" aria-live="polite">
        {latest ? `New notification: ${latest}` : ''}
      </p>
      {open && (
        <section id={panelId} className={styles.dropdown} aria-label="Recent notifications">
          <div className={styles.dropdownHead}>
            <h2>Notifications</h2>
            {unread > 0 && (
              <button type="button" className={styles.linkButton} onClick={() => mark.markAll.mutate()}>
                Mark all read
              </button>
            )}
          </div>
          {recent.isPending ? (
            <p className={styles.muted} role="status">
              Loading…
            </p>
          ) : recent.isError ? (
            <p className={styles.muted}>Notifications are unavailable right now.</p>
          ) : recent.data.items.length === 0 ? (
            <p className={styles.muted}>Nothing yet.</p>
          ) : (
            <ul className={styles.list}>
              {recent.data.items.map((n) => (
                <NotificationItem key={n.id} n={n} onOpen={mark.open} />
              ))}
            </ul>
          )}
          <Link href="/notifications">See all notifications</Link>
        </section>
      )}
    </div>
  );
}
