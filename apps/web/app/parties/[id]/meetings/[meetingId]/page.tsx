import type { Metadata } from 'next';
import { MeetingRoom } from '@/components/meetings/MeetingRoom';

export const metadata: Metadata = { title: 'Party meeting' };

export default async function Page({ params }: { params: Promise<{ id: string; meetingId: string }> }) {
  const { id, meetingId } = await params;
  return <MeetingRoom partyId={id} meetingId={meetingId} />;
}
