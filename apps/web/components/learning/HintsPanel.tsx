'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Markdown } from '@/components/problems/Markdown';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useSession } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { AiModeBadge } from './AiModeBadge';
import styles from './learning.module.css';

function Hints({ problemId }: { problemId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hints = useQuery(trpc.ai.hints.queryOptions({ problemId }));
  const [announcement, setAnnouncement] = useState('');
  const unlock = useMutation(
    trpc.ai.hint.mutationOptions({
      onSuccess: (hint) => {
        setAnnouncement(`${hint.label} hint unlocked${hint.charged ? ` for ${hint.charged} XP` : ''}.`);
        void queryClient.invalidateQueries({ queryKey: trpc.ai.hints.queryKey({ problemId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.character.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.user.me.queryKey() });
      },
    }),
  );
  if (hints.isPending) return <p className={styles.muted}>Loading hints…</p>;
  if (hints.isError) return <Alert>{hints.error.message}</Alert>;
  return (
    <>
      <p className={styles.row}>
        <AiModeBadge mode={hints.data.mode} />
        <span className={styles.muted}>Each tier costs XP the first time you open it.</span>
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {unlock.error && <Alert>{unlock.error.message}</Alert>}
      <ol className={styles.list}>
        {hints.data.tiers.map((t) => (
          <li key={t.tier} className={styles.item}>
            <div className={styles.spread}>
              <h3>
                Tier {t.tier}: {t.label}
              </h3>
              {!t.unlocked && <span className={styles.badge}>{t.xpCost} XP</span>}
            </div>
            {t.unlocked ? (
              <Markdown>{t.content ?? ''}</Markdown>
            ) : (
              <Button
                variant="secondary"
                disabled={!t.canUnlock}
                pending={unlock.isPending && unlock.variables?.tier === t.tier}
                pendingLabel="Unlocking…"
                onClick={() => {
                  if (window.confirm(`Unlock the ${t.label.toLowerCase()} hint for ${t.xpCost} XP?`)) {
                    unlock.mutate({ problemId, tier: t.tier });
                  }
                }}
              >
                {t.canUnlock ? `Unlock for ${t.xpCost} XP` : 'Unlock the previous tier first'}
              </Button>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Tiered hints (nudge → approach → pseudo-code) for signed-in solvers, folded away until asked for. */
export function HintsPanel({ problemId }: { problemId: string }) {
  const { status } = useSession();
  if (status !== 'authenticated') return null;
  return (
    <details className={`${styles.panel} ${styles.hints}`}>
      <summary>
        <strong>Hints</strong>
      </summary>
      <Hints problemId={problemId} />
    </details>
  );
}
