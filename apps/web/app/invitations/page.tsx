import type { Metadata } from 'next';
import { InvitationsPage } from '@/components/social/InvitationsPage';

export const metadata: Metadata = { title: 'Invitations' };

export default function Page() {
  return <InvitationsPage />;
}
