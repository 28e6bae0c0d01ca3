import type { Metadata } from 'next';
import { FriendsPage } from '@/components/social/FriendsPage';

export const metadata: Metadata = { title: 'Friends' };

export default function Page() {
  return <FriendsPage />;
}
