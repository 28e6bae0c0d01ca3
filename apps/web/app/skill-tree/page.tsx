import type { Metadata } from 'next';
import { SkillTreeView } from '@/components/learning/SkillTreeView';

export const metadata: Metadata = { title: 'Skill tree' };

export default function Page() {
  return <SkillTreeView />;
}
