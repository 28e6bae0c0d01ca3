import type { Metadata } from 'next';
import { PairSession } from '@/components/collab/PairSession';
import 'katex/dist/katex.min.css';

export const metadata: Metadata = { title: 'Pair session' };

export default async function Page({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <PairSession sessionId={sessionId} />;
}
