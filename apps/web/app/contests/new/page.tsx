import type { Metadata } from 'next';
import { ContestEditor } from '@/components/contests/ContestEditor';

export const metadata: Metadata = { title: 'New contest' };

export default async function NewContestPage({ searchParams }: { searchParams: Promise<{ event?: string }> }) {
  const { event } = await searchParams;
  return <ContestEditor eventId={typeof event === 'string' ? event : undefined} />;
}
