'use client';

import { useQueries, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import styles from './learning.module.css';

type QuestRow = RouterOutputs['learning']['quest']['list'][number];

const sections = [
  { state: 'in_progress', title: 'In progress', empty: 'Nothing under way. Start a quest from the skill tree.' },
  { state: 'available', title: 'Available', empty: 'No quests are open to you right now.' },
  { state: 'completed', title: 'Completed', empty: 'No finished quests yet.' },
] as const;

function QuestCard({ quest }: { quest: QuestRow }) {
  const fraction = quest.stepsTotal ? quest.stepsDone / quest.stepsTotal : 0;
  return (
    <li className={styles.item}>
      <h3>
        <Link href={`/quests/${quest.id}`}>{quest.title}</Link>
      </h3>
      <p className={styles.muted}>
        {quest.kind === 'DUNGEON' ? 'Dungeon' : 'Quest'} · {quest.tree.title}
        {quest.node ? ` · ${quest.node.title}` : ''} · {quest.xpReward} XP
      </p>
      <div
        className={styles.progress}
        role="progressbar"
        aria-label={`${quest.title} progress`}
        aria-valuemin={0}
        aria-valuemax={quest.stepsTotal}
        aria-valuenow={quest.stepsDone}
        aria-valuetext={`${quest.stepsDone} of ${quest.stepsTotal} steps`}
      >
        <div className={styles.progressFill} style={{ inlineSize: `${Math.round(fraction * 100)}%` }} />
      </div>
    </li>
  );
}

function Log() {
  const trpc = useTRPC();
  const started = useQuery(trpc.learning.quest.list.queryOptions({}));
  const trees = useQuery(trpc.learning.tree.list.queryOptions({}));
  const published = (trees.data ?? []).filter((t) => t.status === 'PUBLISHED');
  // Available quests live in the trees; the unscoped list only holds what the student started.
  const perTree = useQueries({
    queries: published.map((t) => trpc.learning.quest.list.queryOptions({ treeId: t.id })),
  });
  if (started.isPending || trees.isPending || perTree.some((q) => q.isPending)) {
    return <PageLoading label="Loading your quests…" />;
  }
  const failed = started.error ?? trees.error ?? perTree.find((q) => q.error)?.error;
  if (failed) return <Alert title="We couldn't load your quests">{failed.message}</Alert>;
  const all = new Map<string, QuestRow>();
  for (const q of [...(started.data ?? []), ...perTree.flatMap((r) => r.data ?? [])]) all.set(q.id, q);
  const quests = [...all.values()];
  return (
    <div className={styles.grid}>
      {sections.map((s) => {
        const rows = quests.filter((q) => q.state === s.state);
        return (
          <section key={s.state} aria-labelledby={`log-${s.state}`} className={styles.panel}>
            <h2 id={`log-${s.state}`}>
              {s.title} <span className={styles.muted}>({rows.length})</span>
            </h2>
            {rows.length === 0 ? (
              <p className={styles.muted}>{s.empty}</p>
            ) : (
              <ul className={styles.list}>
                {rows.map((q) => (
                  <QuestCard key={q.id} quest={q} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

export function QuestLog() {
  return (
    <div className={styles.page}>
      <header>
        <h1>Quest log</h1>
        <p className={styles.muted}>
          Your quests across every skill tree. <Link href="/skill-tree">Back to the skill tree</Link>
        </p>
      </header>
      <RequireSession>{() => <Log />}</RequireSession>
    </div>
  );
}
