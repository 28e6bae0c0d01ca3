import type { Metadata } from 'next';
import { Matchmaking } from '@/components/pair/Matchmaking';

export const metadata: Metadata = { title: 'Pair programming' };

export default function Page() {
  return <Matchmaking />;
}
