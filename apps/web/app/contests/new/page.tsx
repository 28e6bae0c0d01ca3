import type { Metadata } from 'next';
import { ContestEditor } from '@/components/contests/ContestEditor';

export const metadata: Metadata = { title: 'New contest' };

export default function NewContestPage() {
  return <ContestEditor />;
}
