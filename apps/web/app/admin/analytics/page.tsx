import type { Metadata } from 'next';
import { AnalyticsPage } from '@/components/analytics/AnalyticsDashboard';

export const metadata: Metadata = { title: 'Class analytics' };

export default function Page() {
  return <AnalyticsPage />;
}
