import type { Metadata } from 'next';
import { PairPage } from '@/components/integrity/PairPage';

export const metadata: Metadata = { title: 'Compare a flagged pair' };

export default async function Page({ params }: { params: Promise<{ reportId: string; pairId: string }> }) {
  const { reportId, pairId } = await params;
  return <PairPage reportId={reportId} pairId={pairId} />;
}
