import type { Metadata } from 'next';
import { ClassPage } from '@/components/classes/ClassPage';

export const metadata: Metadata = { title: 'Class' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <ClassPage classId={(await params).id} />;
}
