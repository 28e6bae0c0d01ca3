import type { Metadata } from 'next';
import { Replay } from '@/components/collab/Replay';

export const metadata: Metadata = { title: 'Session replay' };

export default async function Page({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <Replay sessionId={sessionId} />;
}
