import type { Metadata } from 'next';
import { DuelsHome } from '@/components/duels/DuelsHome';

export const metadata: Metadata = { title: 'Duels' };

export default function DuelsPage() {
  return <DuelsHome />;
}
