'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { Fragment, useState } from 'react';
import { Markdown } from '@/components/problems/Markdown';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import { AiModeBadge } from './AiModeBadge';
import { type RunView, stepKindLabels } from './labels';
import styles from './learning.module.css';

const statusLabels: Record<RunView['status'], string> = {
  ACTIVE: 'In the dungeon',
  WON: 'Victory',
  LOST: 'Defeated',
  ABANDONED: 'Abandoned',
};

function HitPoints({ hp, max }: { hp: number; max: number }) {
  return (
    <div>
      <meter className={styles.hp} min={0} max={max} low={max * 0.3} value={hp} aria-label="Hit points" />
      <p className={styles.muted}>
        ♥ {hp}/{max} HP · each wrong answer costs hit points
      </p>
    </div>
  );
}

function Narration({ text }: { text: string }) {
  return <blockquote className={styles.narration}>{text}</blockquote>;
}

function Run({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const run = useQuery(trpc.learning.dungeon.get.queryOptions({ runId }));
  const [blocked, setBlocked] = useState<string | null>(null);
  const onUpdate = (data: RunView) => {
    queryClient.setQueryData(trpc.learning.dungeon.get.queryKey({ runId }), data);
    setBlocked(data.blocked);
    void queryClient.invalidateQueries({ queryKey: trpc.learning.quest.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.character.pathKey() });
  };
  const advance = useMutation(trpc.learning.dungeon.advance.mutationOptions({ onSuccess: onUpdate }));
  const abandon = useMutation(trpc.learning.dungeon.abandon.mutationOptions({ onSuccess: onUpdate }));

  if (run.isPending) return <PageLoading label="Lighting the torches…" />;
  if (run.isError) return <Alert title="We couldn't load this run">{run.error.message}</Alert>;
  const r = run.data;
  const active = r.status === 'ACTIVE';
  const last = r.encounters.length;
  return (
    <>
      <header>
        <p className={styles.muted}>
          <Link href={`/quests/${r.quest.id}`}>Back to the quest</Link>
        </p>
        <h1>{r.quest.title}</h1>
        <p className={styles.row}>
          <span className={styles.badge}>{statusLabels[r.status]}</span>
          <span>
            Encounter {Math.min(r.currentEncounter + 1, last)} of {last}
          </span>
          <AiModeBadge />
        </p>
      </header>
      <HitPoints hp={r.hitPoints} max={r.maxHitPoints} />
      <div aria-live="polite">{blocked && <Alert title="Not yet">{blocked}</Alert>}</div>
      <ol className={styles.list}>
        {r.encounters.map((e) => (
          <Fragment key={e.stepId}>
            {r.narration
              .filter((n) => n.encounter === e.index)
              .map((n) => (
                <li key={n.at}>
                  <Narration text={n.text} />
                </li>
              ))}
            <li className={styles.item} aria-current={e.status === 'current' ? 'step' : undefined}>
              <div className={styles.spread}>
                <h2 className={styles.itemTitle}>
                  <span className={styles.badge}>{e.boss ? 'Boss' : stepKindLabels[e.kind]}</span> {e.title}
                </h2>
                <span className={e.status === 'cleared' ? styles.completed : styles.muted}>
                  {e.status === 'cleared' ? '✓ Cleared' : e.status === 'current' ? 'Now' : 'Ahead'}
                </span>
              </div>
              {e.status === 'current' && (
                <>
                  {e.kind === 'READ' && e.content && <Markdown>{e.content}</Markdown>}
                  <div className={styles.row}>
                    {e.problem && (
                      <ButtonLink href={`/problems/${e.problem.slug}`} variant="secondary">
                        Fight: open “{e.problem.title}”
                      </ButtonLink>
                    )}
                    <Button
                      onClick={() => advance.mutate({ runId })}
                      pending={advance.isPending}
                      pendingLabel="Advancing…"
                    >
                      {e.kind === 'READ' ? 'Done reading: advance' : 'Strike: check and advance'}
                    </Button>
                  </div>
                </>
              )}
            </li>
          </Fragment>
        ))}
        {r.narration
          .filter((n) => n.encounter >= last)
          .map((n) => (
            <li key={n.at}>
              <Narration text={n.text} />
            </li>
          ))}
      </ol>
      {(advance.error ?? abandon.error) && <Alert>{(advance.error ?? abandon.error)?.message}</Alert>}
      {active && (
        <div>
          <Button
            variant="danger"
            pending={abandon.isPending}
            onClick={() => {
              if (window.confirm('Abandon this run? Cleared steps stay done, but the run ends here.')) {
                abandon.mutate({ runId });
              }
            }}
          >
            Abandon run
          </Button>
        </div>
      )}
    </>
  );
}

export function DungeonRun({ runId }: { runId: string }) {
  return (
    <div className={styles.page}>
      <RequireSession>{() => <Run runId={runId} />}</RequireSession>
    </div>
  );
}
