import type { Metadata } from 'next';
import { GuildDetail } from '@/components/social/GuildDetail';

export const metadata: Metadata = { title: 'Guild' };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  return <GuildDetail slug={decodeURIComponent((await params).slug)} />;
}
