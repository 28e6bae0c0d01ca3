import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ProblemList, ProblemListFallback } from '@/components/problems/ProblemList';
import styles from './problems.module.css';

export const metadata: Metadata = {
  title: 'Problems',
  description: 'Programming problems judged in a sandbox, in six languages.',
};

export default function ProblemsPage() {
  return (
    <>
      <header className={styles.header}>
        <h1>Problems</h1>
        <p className={styles.intro}>
          Pick a challenge, write a solution in any of six languages and let the judge test it against hidden cases.
        </p>
      </header>
      {/* The filters live in the URL, which only the browser knows when the page is prerendered. */}
      <Suspense fallback={<ProblemListFallback />}>
        <ProblemList />
      </Suspense>
    </>
  );
}
