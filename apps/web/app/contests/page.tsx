import type { Metadata } from 'next';
import { ContestList } from '@/components/contests/ContestList';

export const metadata: Metadata = { title: 'Contests' };

export default function ContestsPage() {
  return <ContestList />;
}
