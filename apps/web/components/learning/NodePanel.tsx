'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { useTRPC } from '@/lib/trpc';
import { nodeStateLabels, questStateLabels, type TreeNodeView } from './labels';
import styles from './learning.module.css';

/** The selected skill: what it covers, what unlocks it, and its quests with a way in. */
export function NodePanel({ node }: { node: TreeNodeView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const heading = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<string | null>(null);
  const start = useMutation(
    trpc.learning.quest.start.mutationOptions({
      onSuccess: (quest) => {
        void queryClient.invalidateQueries({ queryKey: trpc.learning.pathKey() });
        router.push(`/quests/${quest.id}`);
      },
      onError: (err) => setError(err.message),
    }),
  );

  // Selecting a node moves focus here so keyboard and screen-reader users land on its details.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the node changes.
  useEffect(() => {
    heading.current?.focus();
    setError(null);
  }, [node.key]);

  return (
    <aside className={styles.panel} aria-labelledby="node-title">
      <h2 id="node-title" ref={heading} tabIndex={-1}>
        {node.title}
      </h2>
      <p className={styles[node.state]}>
        <strong>{nodeStateLabels[node.state]}</strong> · {node.stepsDone}/{node.stepsTotal} steps · {node.points} skill
        points
      </p>
      {node.description && <p>{node.description}</p>}
      {node.tags.length > 0 && (
        <p className={styles.row}>
          {node.tags.map((t) => (
            <span key={t} className={styles.badge}>
              {t}
            </span>
          ))}
        </p>
      )}
      {node.state === 'locked' && node.missing.length > 0 && (
        <p className={styles.muted}>Master {node.missing.map((m) => `“${m}”`).join(' and ')} to unlock this skill.</p>
      )}
      {error && <Alert>{error}</Alert>}
      <h3>Quests</h3>
      {node.quests.length === 0 ? (
        <p className={styles.muted}>No quests on this skill yet.</p>
      ) : (
        <ul className={styles.list}>
          {node.quests.map((q) => (
            <li key={q.id} className={styles.item}>
              <h4>{q.title}</h4>
              <p className={styles.muted}>
                {q.kind === 'DUNGEON' ? 'Dungeon' : 'Quest'} · {questStateLabels[q.state]} · {q.stepsDone}/
                {q.stepsTotal} steps · {q.xpReward} XP
              </p>
              {q.state === 'locked' ? null : q.state === 'available' ? (
                <Button
                  onClick={() => start.mutate({ questId: q.id })}
                  pending={start.isPending && start.variables?.questId === q.id}
                  pendingLabel="Starting…"
                  aria-label={`Start ${q.title}`}
                >
                  Start
                </Button>
              ) : (
                <ButtonLink href={`/quests/${q.id}`} variant="secondary" aria-label={`Continue ${q.title}`}>
                  {q.state === 'completed' ? 'Review' : 'Continue'}
                </ButtonLink>
              )}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
