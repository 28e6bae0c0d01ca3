import type { Metadata } from 'next';
import { ContestEditor } from '@/components/contests/ContestEditor';

export const metadata: Metadata = { title: 'Edit contest' };

export default async function EditContestPage({ params }: { params: Promise<{ slug: string }> }) {
  return <ContestEditor slug={decodeURIComponent((await params).slug)} />;
}
