import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Leaderboards } from '@/components/leaderboards/Leaderboards';
import { PageLoading } from '@/components/ui/Spinner';

export const metadata: Metadata = { title: 'Leaderboards' };

export default function LeaderboardsPage() {
  // The board lives in the URL (scope, metric, page): useSearchParams needs a Suspense boundary.
  return (
    <Suspense fallback={<PageLoading label="Loading…" />}>
      <Leaderboards />
    </Suspense>
  );
}
