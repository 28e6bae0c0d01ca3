import type { Metadata } from 'next';
import { QuestLog } from '@/components/learning/QuestLog';

export const metadata: Metadata = { title: 'Quest log' };

export default function Page() {
  return <QuestLog />;
}
