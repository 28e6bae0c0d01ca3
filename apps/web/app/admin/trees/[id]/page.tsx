import type { Metadata } from 'next';
import { TreeEditorPage } from '@/components/learning/admin/TreeEditor';

export const metadata: Metadata = { title: 'Skill tree editor' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <TreeEditorPage treeId={(await params).id} />;
}
