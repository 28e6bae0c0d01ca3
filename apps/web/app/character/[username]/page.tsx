import type { Metadata } from 'next';
import { CharacterSheet } from '@/components/learning/CharacterSheet';

type Params = Promise<{ username: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `@${decodeURIComponent((await params).username)} · Character sheet` };
}

export default async function Page({ params }: { params: Params }) {
  return <CharacterSheet username={decodeURIComponent((await params).username)} />;
}
