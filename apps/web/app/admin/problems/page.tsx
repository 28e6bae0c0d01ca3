import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuthoringListPage } from '@/components/authoring/AuthoringList';
import { PageLoading } from '@/components/ui/Spinner';

export const metadata: Metadata = { title: 'Problem authoring' };

export default function Page() {
  // The filters live in the URL, which only the browser knows when the page is prerendered.
  return (
    <Suspense fallback={<PageLoading />}>
      <AuthoringListPage />
    </Suspense>
  );
}
