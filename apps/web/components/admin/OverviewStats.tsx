'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert } from '@/components/ui/Alert';
import { Card } from '@/components/ui/Card';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import styles from './admin.module.css';

export function OverviewStats() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.admin.overview.queryOptions());

  return (
    <Card title="Overview" id="overview">
      {overview.isPending ? (
        <PageLoading label="Counting the realm…" />
      ) : overview.isError ? (
        <Alert>{overview.error.message}</Alert>
      ) : (
        <dl className={styles.stats}>
          {[
            { label: 'Students', value: overview.data.students },
            { label: 'Instructors & admins', value: overview.data.instructors },
            { label: 'Published problems', value: overview.data.problems },
            { label: 'Submissions this week', value: overview.data.submissionsWeek },
            { label: 'Judge jobs waiting', value: overview.data.pendingJobs },
          ].map((s) => (
            <div key={s.label} className={styles.stat}>
              <dt>{s.label}</dt>
              <dd>{s.value.toLocaleString('en')}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}
