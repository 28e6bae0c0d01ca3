import type { Metadata } from 'next';
import { QuestDetail } from '@/components/learning/QuestDetail';

export const metadata: Metadata = { title: 'Quest' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <QuestDetail questId={(await params).id} />;
}
