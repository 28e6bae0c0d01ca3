import type { Metadata } from 'next';
import { ClassesPage } from '@/components/classes/ClassesPage';

export const metadata: Metadata = { title: 'Classes' };

export default function Page() {
  return <ClassesPage />;
}
