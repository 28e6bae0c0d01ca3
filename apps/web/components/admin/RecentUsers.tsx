'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Alert } from '@/components/ui/Alert';
import { Card } from '@/components/ui/Card';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import styles from './admin.module.css';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

export function RecentUsers() {
  const trpc = useTRPC();
  const users = useQuery(trpc.admin.recentUsers.queryOptions({ limit: 10 }));

  return (
    <Card title="Recent sign-ups" id="recent-users">
      {users.isPending ? (
        <PageLoading label="Loading recent sign-ups…" />
      ) : users.isError ? (
        <Alert>{users.error.message}</Alert>
      ) : users.data.length === 0 ? (
        <p className={styles.muted}>Nobody has signed up yet.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must be able to scroll the table sideways on small screens
        <section className={styles.tableWrap} aria-label="Recent sign-ups table" tabIndex={0}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    <Link href={`/u/${u.username}`}>{u.displayName}</Link>
                  </th>
                  <td>{u.email}</td>
                  <td>
                    <span className={styles.role}>{u.role.toLowerCase()}</span>
                  </td>
                  <td>{u.status.toLowerCase()}</td>
                  <td>{dateFormat.format(u.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Card>
  );
}
