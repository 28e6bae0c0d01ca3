import Link from 'next/link';
import { Card } from '@/components/ui/Card';
import type { Friend } from '@/lib/types';
import styles from './dashboard.module.css';

export function FriendsList({ friends, failed }: { friends: Friend[] | undefined; failed: boolean }) {
  return (
    <Card title="Friends" id="friends">
      {failed ? (
        <p className={styles.muted}>Your friends list is unavailable right now.</p>
      ) : !friends ? (
        <p className={styles.muted} role="status">
          Loading friends…
        </p>
      ) : friends.length === 0 ? (
        <div className={styles.empty}>
          <p>No party members yet.</p>
          <p className={styles.muted}>Duel someone, join a guild or pair up on a problem to find fellow adventurers.</p>
        </div>
      ) : (
        <ul className={styles.friends}>
          {friends.map(({ user }) => (
            <li key={user.id}>
              <Link href={`/u/${user.username}`} className={styles.friend}>
                <span className={styles.avatar} aria-hidden="true">
                  {user.displayName.slice(0, 1).toUpperCase()}
                </span>
                <span className={styles.friendName}>
                  {user.displayName}
                  <span className={styles.muted}>@{user.username}</span>
                </span>
                <span className={styles.friendLevel}>Lv {user.character?.level ?? 1}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
