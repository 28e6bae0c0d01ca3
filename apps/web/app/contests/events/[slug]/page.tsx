import type { Metadata } from 'next';
import { EventPage } from '@/components/contests/EventPage';

export const metadata: Metadata = { title: 'Event' };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  return <EventPage slug={decodeURIComponent((await params).slug)} />;
}
