import 'katex/dist/katex.min.css';
import type { Metadata } from 'next';
import { NewProblemPage } from '@/components/authoring/NewProblem';

export const metadata: Metadata = { title: 'New problem' };

export default function Page() {
  return <NewProblemPage />;
}
