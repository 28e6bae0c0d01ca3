import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { HintsPanel } from '@/components/learning/HintsPanel';
import { EditorialPanel } from '@/components/problems/EditorialPanel';
import { ProblemStatement } from '@/components/problems/ProblemStatement';
import { ProblemWorkspace } from '@/components/problems/ProblemWorkspace';
import { serverCaller } from '@/lib/server/caller';
import 'katex/dist/katex.min.css';
import styles from './problem.module.css';

type Params = Promise<{ slug: string }>;

// Metadata and page both need the problem; cache() makes that one query per request.
const loadProblem = cache(async (slug: string) => {
  const caller = await serverCaller();
  try {
    return await caller.problem.bySlug({ slug });
  } catch (err) {
    // Drafts, missing and malformed slugs all look the same from outside.
    if (err instanceof TRPCError && (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST')) return null;
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const problem = await loadProblem(decodeURIComponent((await params).slug));
  return { title: problem ? problem.title : 'Problem not found' };
}

export default async function ProblemPage({ params }: { params: Params }) {
  const problem = await loadProblem(decodeURIComponent((await params).slug));
  if (!problem) notFound();
  const languages = await (await serverCaller()).submission.languages();
  const { id, slug, title, starterCode, samples, testCount } = problem;

  return (
    <div className={styles.layout}>
      <div className={styles.statementPane}>
        <ProblemStatement problem={problem} />
        <HintsPanel problemId={id} />
        <EditorialPanel problemId={id} />
      </div>
      <div className={styles.workspacePane}>
        <ProblemWorkspace problem={{ id, slug, title, starterCode, samples, testCount }} languages={languages} />
      </div>
    </div>
  );
}
