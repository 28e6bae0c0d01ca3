'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import styles from './learning.module.css';
import { NodePanel } from './NodePanel';
import { SkillTreeGraph } from './SkillTreeGraph';
import { StateLegend } from './StateLegend';

function TreeDetail({ treeId }: { treeId: string }) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.learning.tree.get.queryOptions({ treeId }));
  const [selected, setSelected] = useState<string | null>(null);
  if (tree.isPending) return <PageLoading label="Loading the tree…" />;
  if (tree.isError) return <Alert title="We couldn't load this tree">{tree.error.message}</Alert>;
  const node = tree.data.nodes.find((n) => n.key === selected);
  return (
    <>
      <div className={styles.spread}>
        <p className={styles.muted}>
          {tree.data.summary.mastered} of {tree.data.summary.total} skills mastered · {tree.data.summary.inProgress} in
          progress. Select a skill to see its quests.
        </p>
        <StateLegend />
      </div>
      <div className={styles.treeLayout}>
        <SkillTreeGraph tree={tree.data} selectedKey={selected} onSelect={setSelected} />
        {node ? (
          <NodePanel node={node} />
        ) : (
          <aside className={styles.panel}>
            <p className={styles.muted}>Pick a skill in the tree (Tab, then arrow keys and Enter) to see its quests.</p>
          </aside>
        )}
      </div>
    </>
  );
}

function SkillTrees() {
  const trpc = useTRPC();
  const trees = useQuery(trpc.learning.tree.list.queryOptions({}));
  const [chosen, setChosen] = useState<string | null>(null);
  if (trees.isPending) return <PageLoading label="Loading your skill trees…" />;
  if (trees.isError) return <Alert title="We couldn't load your skill trees">{trees.error.message}</Alert>;
  const published = trees.data.filter((t) => t.status === 'PUBLISHED');
  if (!published.length) {
    return (
      <p className={styles.muted}>
        None of your classes has a published skill tree yet. <Link href="/problems">Practise problems</Link> meanwhile.
      </p>
    );
  }
  const current = published.find((t) => t.id === chosen) ?? published[0];
  return (
    <>
      {published.length > 1 && (
        <fieldset className={styles.tabs}>
          <legend className="visually-hidden">Skill trees</legend>
          {published.map((t) => (
            <Button
              key={t.id}
              variant={t.id === current.id ? 'primary' : 'secondary'}
              aria-pressed={t.id === current.id}
              onClick={() => setChosen(t.id)}
            >
              {t.class ? `${t.class.code}: ` : ''}
              {t.title}
            </Button>
          ))}
        </fieldset>
      )}
      <h2>
        {current.title}
        {current.class && <span className={styles.muted}> · {current.class.name}</span>}
      </h2>
      <TreeDetail key={current.id} treeId={current.id} />
    </>
  );
}

export function SkillTreeView() {
  return (
    <div className={styles.page}>
      <header>
        <h1>Skill tree</h1>
        <p className={styles.muted}>
          Master skills by finishing their quests; each mastered skill unlocks the ones after it.{' '}
          <Link href="/quests">Quest log</Link> · <Link href="/character">Character sheet</Link>
        </p>
      </header>
      <RequireSession>{() => <SkillTrees />}</RequireSession>
    </div>
  );
}
