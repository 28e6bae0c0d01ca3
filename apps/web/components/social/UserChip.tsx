import Link from 'next/link';
import type { ReactNode } from 'react';
import styles from './social.module.css';

/** Avatar initial, display name linking to the public profile, and a line of detail. */
export function UserChip({
  user,
  online,
  detail,
}: {
  user: { username: string; displayName: string };
  online?: boolean;
  detail?: ReactNode;
}) {
  return (
    <span className={styles.who}>
      <span className={`${styles.avatar} ${online ? styles.online : ''}`} aria-hidden="true">
        {user.displayName.slice(0, 1).toUpperCase()}
      </span>
      <span>
        <Link href={`/u/${user.username}`} className={styles.name}>
          {user.displayName}
        </Link>
        <span className={styles.small}>
          @{user.username}
          {detail && <> · {detail}</>}
        </span>
      </span>
    </span>
  );
}
