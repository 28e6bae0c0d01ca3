import type { Metadata } from 'next';
import { GuildsPage } from '@/components/social/GuildsPage';

export const metadata: Metadata = { title: 'Guilds' };

export default function Page() {
  return <GuildsPage />;
}
