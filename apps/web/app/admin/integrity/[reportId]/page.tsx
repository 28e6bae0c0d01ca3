import type { Metadata } from 'next';
import { ReportPage } from '@/components/integrity/ReportPage';

export const metadata: Metadata = { title: 'Integrity report' };

export default async function Page({ params }: { params: Promise<{ reportId: string }> }) {
  return <ReportPage reportId={(await params).reportId} />;
}
