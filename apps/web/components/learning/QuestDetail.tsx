'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Markdown } from '@/components/problems/Markdown';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import { type QuestStepView, type QuestView, questStateLabels, stepKindLabels } from './labels';
import styles from './learning.module.css';

function StepItem({
  step,
  questStarted,
  onCompleted,
}: {
  step: QuestStepView;
  questStarted: boolean;
  onCompleted: (title: string) => void;
}) {
  const trpc = useTRPC();
  const [reason, setReason] = useState<string | null>(null);
  const complete = useMutation(
    trpc.learning.quest.completeStep.mutationOptions({
      onSuccess: () => {
        setReason(null);
        onCompleted(step.title);
      },
      onError: (err) => setReason(err.message),
    }),
  );
  const isProblem = (step.kind === 'SOLVE' || step.kind === 'BOSS') && step.problem;
  const shownReason = reason ?? (step.kind === 'READ' || step.completed ? null : step.blockedBy);
  return (
    <li className={styles.item} data-completed={step.completed}>
      <div className={styles.spread}>
        <h3>
          <span className={styles.badge}>{stepKindLabels[step.kind]}</span> {step.title}
        </h3>
        <span className={step.completed ? styles.completed : styles.muted}>{step.completed ? '✓ Done' : 'To do'}</span>
      </div>
      {step.kind === 'READ' && step.content && <Markdown>{step.content}</Markdown>}
      {shownReason && <p className={styles.muted}>{shownReason}</p>}
      {!step.completed && questStarted && (
        <div className={styles.row}>
          {step.kind === 'READ' ? (
            <Button
              onClick={() => complete.mutate({ stepId: step.id })}
              pending={complete.isPending}
              pendingLabel="Saving…"
              disabled={!step.canComplete}
            >
              Mark as read
            </Button>
          ) : isProblem ? (
            <>
              <ButtonLink href={`/problems/${step.problem?.slug}`} variant="secondary">
                Open “{step.problem?.title}”
              </ButtonLink>
              <Button
                variant="secondary"
                onClick={() => complete.mutate({ stepId: step.id })}
                pending={complete.isPending}
                pendingLabel="Checking…"
              >
                Check progress
              </Button>
            </>
          ) : (
            <Button
              variant="secondary"
              onClick={() => complete.mutate({ stepId: step.id })}
              pending={complete.isPending}
            >
              Check progress
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function DungeonEntry({ quest }: { quest: QuestView }) {
  const trpc = useTRPC();
  const router = useRouter();
  const enter = useMutation(
    trpc.learning.dungeon.start.mutationOptions({ onSuccess: (run) => router.push(`/dungeon/${run.id}`) }),
  );
  if (quest.activeRun) {
    return <ButtonLink href={`/dungeon/${quest.activeRun.id}`}>Return to the dungeon</ButtonLink>;
  }
  return (
    <>
      <Button onClick={() => enter.mutate({ questId: quest.id })} pending={enter.isPending} pendingLabel="Entering…">
        Enter the dungeon
      </Button>
      {enter.error && <Alert>{enter.error.message}</Alert>}
    </>
  );
}

function Quest({ questId }: { questId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const quest = useQuery(trpc.learning.quest.get.queryOptions({ questId }));
  const [announcement, setAnnouncement] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.learning.pathKey() });
  const start = useMutation(trpc.learning.quest.start.mutationOptions({ onSuccess: () => refresh() }));

  if (quest.isPending) return <PageLoading label="Loading the quest…" />;
  if (quest.isError) return <Alert title="We couldn't load this quest">{quest.error.message}</Alert>;
  const q = quest.data;
  const started = q.state !== 'available' && q.state !== 'locked';
  return (
    <>
      <header>
        <p className={styles.muted}>
          <Link href="/skill-tree">{q.tree.title}</Link>
          {q.node ? ` › ${q.node.title}` : ''}
        </p>
        <h1>{q.title}</h1>
        <p className={styles.row}>
          <span className={`${styles.badge} ${styles[q.state]}`}>{questStateLabels[q.state]}</span>
          <span className={styles.badge}>{q.kind === 'DUNGEON' ? 'Dungeon' : 'Quest'}</span>
          <span className={styles.badge}>{q.xpReward} XP</span>
          <span>
            {q.stepsDone}/{q.stepsTotal} steps done
          </span>
        </p>
        {q.description && <p>{q.description}</p>}
      </header>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <div className={styles.row}>
        {q.state === 'available' && (
          <Button onClick={() => start.mutate({ questId })} pending={start.isPending} pendingLabel="Starting…">
            Start quest
          </Button>
        )}
        {q.kind === 'DUNGEON' && q.state !== 'locked' && <DungeonEntry quest={q} />}
      </div>
      {start.error && <Alert>{start.error.message}</Alert>}
      {q.state === 'locked' && q.steps[0]?.blockedBy && <Alert title="Locked">{q.steps[0].blockedBy}</Alert>}
      <section aria-labelledby="steps-title" className={styles.page}>
        <h2 id="steps-title">Steps</h2>
        <ol className={styles.list}>
          {q.steps.map((s) => (
            <StepItem
              key={s.id}
              step={s}
              questStarted={started}
              onCompleted={(title) => {
                setAnnouncement(`Step “${title}” completed.`);
                void refresh();
                void queryClient.invalidateQueries({ queryKey: trpc.character.pathKey() });
              }}
            />
          ))}
        </ol>
      </section>
    </>
  );
}

export function QuestDetail({ questId }: { questId: string }) {
  return (
    <div className={styles.page}>
      <RequireSession>{() => <Quest questId={questId} />}</RequireSession>
    </div>
  );
}
