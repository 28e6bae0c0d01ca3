import type { Metadata } from 'next';
import { PartiesPage } from '@/components/social/PartiesPage';

export const metadata: Metadata = { title: 'Parties' };

export default function Page() {
  return <PartiesPage />;
}
