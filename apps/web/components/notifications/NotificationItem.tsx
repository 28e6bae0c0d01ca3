import Link from 'next/link';
import { formatWhen } from '@/components/problems/labels';
import type { RouterOutputs } from '@/lib/types';
import styles from './notifications.module.css';

export type Notification = RouterOutputs['notification']['list']['items'][number];

/** One notification: its title links where it points, and following it marks it read. */
export function NotificationItem({
  n,
  onOpen,
  onMarkRead,
}: {
  n: Notification;
  onOpen: (n: Notification) => void;
  /** The inbox offers marking read without following the link. */
  onMarkRead?: (n: Notification) => void;
}) {
  const unread = !n.readAt;
  const title = n.link ? (
    <Link href={n.link} className={styles.title} onClick={() => onOpen(n)}>
      {n.title}
    </Link>
  ) : (
    <span className={styles.title}>{n.title}</span>
  );
  return (
    <li className={`${styles.item} ${unread ? styles.unread : ''}`}>
      {unread && <span className={styles.dot} aria-hidden="true" />}
      <div className={styles.text}>
        {title}
        {unread && <span className="visually-hidden"> (unread)</span>}
        {n.body && <span className={styles.body}>{n.body}</span>}
        <time className={styles.when} dateTime={n.createdAt.toISOString()}>
          {formatWhen(n.createdAt)}
        </time>
      </div>
      {unread && onMarkRead && (
        <button type="button" className={styles.linkButton} onClick={() => onMarkRead(n)}>
          Mark read<span className="visually-hidden">: {n.title}</span>
        </button>
      )}
    </li>
  );
}
