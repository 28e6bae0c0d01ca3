import 'katex/dist/katex.min.css';
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ProblemEditorPage } from '@/components/authoring/ProblemEditor';
import { PageLoading } from '@/components/ui/Spinner';

export const metadata: Metadata = { title: 'Edit problem' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<PageLoading />}>
      <ProblemEditorPage problemId={id} />
    </Suspense>
  );
}
