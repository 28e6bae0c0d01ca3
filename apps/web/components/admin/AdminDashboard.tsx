'use client';

import { RequireSession } from '@/components/session/RequireSession';
import styles from './admin.module.css';
import { NoAccess } from './NoAccess';
import { OverviewStats } from './OverviewStats';
import { RecentUsers } from './RecentUsers';

/**
 * The server refuses these procedures to students anyway; this gate decides what to render and
 * keeps students from even asking.
 */
export function AdminDashboard() {
  return (
    <RequireSession>
      {(user) =>
        user.role === 'STUDENT' ? (
          <NoAccess />
        ) : (
          <div className={styles.page}>
            <header>
              <h1>Instructor dashboard</h1>
              <p className={styles.muted}>The state of the realm at a glance.</p>
            </header>
            <OverviewStats />
            {user.role === 'ADMIN' && <RecentUsers />}
          </div>
        )
      }
    </RequireSession>
  );
}
