import type { Metadata } from 'next';
import { DungeonRun } from '@/components/learning/DungeonRun';

export const metadata: Metadata = { title: 'Dungeon' };

export default async function Page({ params }: { params: Promise<{ runId: string }> }) {
  return <DungeonRun runId={(await params).runId} />;
}
