import type { Metadata } from 'next';
import { ComingSoon } from '@/components/ComingSoon';
import { featureAt } from '@/lib/features';

const feature = featureAt('/skill-tree');

export const metadata: Metadata = { title: feature.label };

export default function Page() {
  return <ComingSoon feature={feature} />;
}
