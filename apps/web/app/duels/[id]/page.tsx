import type { Metadata } from 'next';
import { DuelRoom } from '@/components/duels/DuelRoom';
import 'katex/dist/katex.min.css';

export const metadata: Metadata = { title: 'Duel' };

export default async function DuelPage({ params }: { params: Promise<{ id: string }> }) {
  return <DuelRoom battleId={(await params).id} />;
}
