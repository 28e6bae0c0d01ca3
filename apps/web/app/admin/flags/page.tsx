import type { Metadata } from 'next';
import { FlagsAdmin } from '@/components/admin/FlagsAdmin';

export const metadata: Metadata = { title: 'Feature flags' };

export default function Page() {
  return <FlagsAdmin />;
}
