import type { Metadata } from 'next';
import { EventEditor } from '@/components/admin/EventsAdmin';

export const metadata: Metadata = { title: 'Edit event' };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  return <EventEditor slug={decodeURIComponent((await params).slug)} />;
}
