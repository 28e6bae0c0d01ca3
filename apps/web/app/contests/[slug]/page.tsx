import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ContestPage } from '@/components/contests/ContestPage';
import { PageLoading } from '@/components/ui/Spinner';
import 'katex/dist/katex.min.css';

export const metadata: Metadata = { title: 'Contest' };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // The selected problem lives in the URL (useSearchParams): that needs a Suspense boundary.
  return (
    <Suspense fallback={<PageLoading label="Loading the contest…" />}>
      <ContestPage slug={decodeURIComponent(slug)} />
    </Suspense>
  );
}
