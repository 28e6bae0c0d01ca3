'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import styles from '@/components/learning/learning.module.css';
import { Alert } from '@/components/ui/Alert';
import { useSession } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { Markdown } from './Markdown';

function Editorial({ problemId }: { problemId: string }) {
  const trpc = useTRPC();
  // Asked for each time the panel opens, so a solve a minute ago unlocks it without a reload.
  const editorial = useQuery(trpc.problem.editorial.queryOptions({ problemId }, { staleTime: 0 }));
  if (editorial.isPending) return <p className={styles.muted}>Loading the editorial…</p>;
  if (editorial.isError) return <Alert>{editorial.error.message}</Alert>;
  const e = editorial.data;
  if (e.state === 'none')
    return <p className={styles.muted}>The author hasn’t written an editorial for this problem.</p>;
  if (e.state === 'locked') {
    return (
      <p className={styles.muted}>Solve the problem first: the editorial opens after your first accepted submission.</p>
    );
  }
  return <Markdown>{e.content}</Markdown>;
}

/** The author's explanation of a solution, folded away and only fetched when opened. */
export function EditorialPanel({ problemId }: { problemId: string }) {
  const { status } = useSession();
  const [open, setOpen] = useState(false);
  if (status !== 'authenticated') return null;
  return (
    <details className={`${styles.panel} ${styles.hints}`} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <strong>Editorial</strong>
      </summary>
      {open && <Editorial problemId={problemId} />}
    </details>
  );
}
