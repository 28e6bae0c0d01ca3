import type { Metadata } from 'next';
import { InviteLanding } from '@/components/social/InviteLanding';

export const metadata: Metadata = { title: 'Invitation' };

export default async function Page({ params }: { params: Promise<{ code: string }> }) {
  return <InviteLanding code={(await params).code} />;
}
