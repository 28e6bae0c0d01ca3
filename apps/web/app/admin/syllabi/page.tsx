import type { Metadata } from 'next';
import { SyllabusAdmin } from '@/components/learning/admin/SyllabusAdmin';

export const metadata: Metadata = { title: 'Syllabi' };

export default function Page() {
  return <SyllabusAdmin />;
}
