import type { Metadata } from 'next';
import { CharacterSheet } from '@/components/learning/CharacterSheet';

export const metadata: Metadata = { title: 'Character sheet' };

export default function Page() {
  return <CharacterSheet />;
}
