import type { Metadata } from 'next';
import { JoinClass } from '@/components/classes/JoinClass';

export const metadata: Metadata = { title: 'Join a class' };

export default async function Page({ params }: { params: Promise<{ code: string }> }) {
  return <JoinClass code={(await params).code} />;
}
