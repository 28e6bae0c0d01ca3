import type { Metadata } from 'next';
import { PartyDetail } from '@/components/social/PartyDetail';

export const metadata: Metadata = { title: 'Party' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <PartyDetail partyId={(await params).id} />;
}
