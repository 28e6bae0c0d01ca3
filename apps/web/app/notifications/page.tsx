import type { Metadata } from 'next';
import { NotificationInbox } from '@/components/notifications/NotificationInbox';

export const metadata: Metadata = { title: 'Notifications' };

export default function Page() {
  return <NotificationInbox />;
}
