import type { Metadata } from 'next';
import { EventsAdmin } from '@/components/admin/EventsAdmin';

export const metadata: Metadata = { title: 'Seasonal events' };

export default function Page() {
  return <EventsAdmin />;
}
