'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ProblemStatement } from '@/components/problems/ProblemStatement';
import { ProblemWorkspace } from '@/components/problems/ProblemWorkspace';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { PageLoading } from '@/components/ui/Spinner';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import { useServerClock } from '@/lib/useServerClock';
import styles from './duels.module.css';
import { type DuelView, formatClock, formatDelta } from './labels';
import { PlayerCard } from './PlayerCard';

/** How long an opponent shows as "typing…" after their last keystroke signal. */
const TYPING_SHOWN_MS = 5000;
/** The server is told we're typing at most this often. */
const TYPING_EVERY_MS = 3000;

export function DuelRoom({ battleId }: { battleId: string }) {
  return <RequireSession>{(user) => <Room battleId={battleId} userId={user.id} />}</RequireSession>;
}

function Room({ battleId, userId }: { battleId: string; userId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const duelQuery = useQuery(trpc.battle.duel.get.queryOptions({ battleId }, { staleTime: Number.POSITIVE_INFINITY }));
  const [typingUntil, setTypingUntil] = useState<Record<string, number>>({});

  // The stream is the source of truth while the page is open (and the player's presence).
  useSubscription(
    trpc.battle.duel.onUpdate.subscriptionOptions(
      { battleId },
      {
        onData: (event) => {
          if (event.type === 'state') {
            queryClient.setQueryData(trpc.battle.duel.get.queryKey({ battleId }), event.duel);
          } else {
            setTypingUntil((t) => ({ ...t, [event.userId]: Date.now() + TYPING_SHOWN_MS }));
          }
        },
      },
    ),
  );

  if (duelQuery.isPending) return <PageLoading label="Loading the duel…" />;
  if (duelQuery.isError) {
    return (
      <Alert title="We couldn't load this duel">
        <p>{duelQuery.error.message}</p>
        <Link href="/duels">Back to duels</Link>
      </Alert>
    );
  }
  return (
    <DuelScreen duel={duelQuery.data} receivedAt={duelQuery.dataUpdatedAt} userId={userId} typingUntil={typingUntil} />
  );
}

function DuelScreen({
  duel,
  receivedAt,
  userId,
  typingUntil,
}: {
  duel: DuelView;
  receivedAt: number;
  userId: string;
  typingUntil: Record<string, number>;
}) {
  const now = useServerClock(duel.status === 'ACTIVE' || duel.status === 'PENDING' ? duel.serverNow : null, receivedAt);
  const me = duel.players.find((p) => p.user.id === userId);
  const opponent = duel.players.find((p) => p.user.id !== userId);
  const localNow = Date.now();

  const starting = duel.status === 'ACTIVE' && duel.startedAt && now < duel.startedAt.getTime();
  const running = duel.status === 'ACTIVE' && !starting;

  const announcement = useAnnouncement(duel, userId);

  return (
    <div className={styles.layout} data-problem-slug={duel.problem?.slug}>
      <div className={styles.bar}>
        <div>
          <h1>Duel{opponent ? ` vs ${opponent.user.displayName}` : ''}</h1>
          <p className={styles.muted}>
            {duel.ranked ? 'Ranked' : 'Friendly'} · {Math.round(duel.durationSec / 60)} minutes · first accepted
            solution wins · <Link href="/duels">All duels</Link>
          </p>
        </div>
        {duel.status === 'ACTIVE' && (
          <p className={styles.clock} role="timer" aria-label={starting ? 'Starts in' : 'Time left'}>
            {starting && duel.startedAt
              ? `Starts in ${formatClock(duel.startedAt.getTime() - now)}`
              : duel.endsAt
                ? formatClock(duel.endsAt.getTime() - now)
                : null}
          </p>
        )}
      </div>

      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>

      {duel.status === 'FINISHED' && me && <DuelResult duel={duel} meId={me.user.id} />}
      {duel.status === 'CANCELLED' && (
        <Alert title="This duel was cancelled">
          <p>It was declined, withdrawn, or nobody answered in time.</p>
          <ButtonLink href="/duels" variant="secondary">
            Back to duels
          </ButtonLink>
        </Alert>
      )}
      {duel.status === 'PENDING' && me && <PendingDuel duel={duel} meAccepted={me.accepted} />}

      <div className={styles.players}>
        {duel.players.map((p) => (
          <PlayerCard
            key={p.user.id}
            player={p}
            isMe={p.user.id === userId}
            typing={(typingUntil[p.user.id] ?? 0) > localNow}
          />
        ))}
      </div>

      {running && me && !me.solved && !me.forfeited && <ForfeitButton battleId={duel.id} />}
      {starting && <p aria-live="polite">Get ready: the problem appears when the countdown ends.</p>}
      {duel.problem && (
        <DuelProblem battleId={duel.id} slug={duel.problem.slug} canSubmit={running && !!me && !me.forfeited} />
      )}
      {!duel.problem && duel.status === 'FINISHED' && <p className={styles.muted}>No problem was revealed.</p>}
      {duel.status === 'ACTIVE' && !duel.problem && !starting && <p className={styles.muted}>Loading the problem…</p>}
    </div>
  );
}

/** Says out loud what changed: the opponent's verdicts, and the end. */
function useAnnouncement(duel: DuelView, userId: string) {
  const opponent = duel.players.find((p) => p.user.id !== userId);
  const last = opponent?.last;
  if (duel.status === 'FINISHED') {
    return duel.winnerId === null ? 'The duel ended in a draw.' : duel.winnerId === userId ? 'You won!' : 'You lost.';
  }
  if (opponent && last?.status === 'DONE') {
    return `${opponent.user.displayName}: ${last.testsPassed} of ${last.testsTotal} tests passed.`;
  }
  return '';
}

function PendingDuel({ duel, meAccepted }: { duel: DuelView; meAccepted: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const accept = useMutation(trpc.battle.duel.accept.mutationOptions());
  const decline = useMutation(trpc.battle.duel.decline.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.battle.duel.get.queryKey({ battleId: duel.id }) });

  const onAccept = async () => {
    setError(null);
    try {
      await accept.mutateAsync({ battleId: duel.id });
      await refresh();
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };
  const onDecline = async () => {
    if (!window.confirm(meAccepted ? 'Withdraw your challenge?' : 'Decline this challenge?')) return;
    setError(null);
    try {
      await decline.mutateAsync({ battleId: duel.id });
      router.push('/duels');
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };

  return (
    <section className={styles.result} aria-labelledby="pending-title">
      <h2 id="pending-title">{meAccepted ? 'Waiting for your opponent to accept…' : 'You have been challenged'}</h2>
      {error && <Alert>{error}</Alert>}
      <div className={styles.row}>
        {!meAccepted && (
          <Button onClick={onAccept} pending={accept.isPending} pendingLabel="Accepting…">
            Accept
          </Button>
        )}
        <Button variant="secondary" onClick={onDecline} pending={decline.isPending}>
          {meAccepted ? 'Withdraw' : 'Decline'}
        </Button>
      </div>
    </section>
  );
}

function ForfeitButton({ battleId }: { battleId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const forfeit = useMutation(trpc.battle.duel.forfeit.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const onForfeit = async () => {
    if (!window.confirm('Forfeit this duel? Your opponent wins, and a ranked duel counts as a loss.')) return;
    setError(null);
    try {
      await forfeit.mutateAsync({ battleId });
      await queryClient.invalidateQueries({ queryKey: trpc.battle.duel.get.queryKey({ battleId }) });
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };
  return (
    <div className={styles.row}>
      <Button variant="danger" onClick={onForfeit} pending={forfeit.isPending}>
        Forfeit
      </Button>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

function DuelResult({ duel, meId }: { duel: DuelView; meId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const heading = useRef<HTMLHeadingElement>(null);
  const rematch = useMutation(trpc.battle.duel.rematch.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const me = duel.players.find((p) => p.user.id === meId);
  const title = duel.winnerId === null ? 'Draw' : duel.winnerId === meId ? 'You won!' : 'You lost';
  const how =
    duel.result === 'FORFEIT'
      ? 'by forfeit'
      : duel.result === 'DRAW'
        ? 'nobody solved it in time'
        : 'first accepted solution';
  const delta = me?.ratingBefore != null && me.ratingAfter != null ? me.ratingAfter - me.ratingBefore : null;

  // The result replaces the editor as the thing to read: move focus there once.
  useEffect(() => heading.current?.focus(), []);

  const onRematch = async () => {
    setError(null);
    try {
      const { battleId } = await rematch.mutateAsync({ battleId: duel.id });
      router.push(`/duels/${battleId}`);
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };

  return (
    <section className={styles.result} aria-labelledby="duel-result">
      <h2 id="duel-result" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p>{how}</p>
      {duel.ranked && me && delta !== null && (
        <p data-testid="rating-change">
          Rating {me.ratingBefore} → {me.ratingAfter} ({formatDelta(delta)})
        </p>
      )}
      {error && <Alert>{error}</Alert>}
      <div className={styles.row}>
        <Button onClick={onRematch} pending={rematch.isPending} pendingLabel="Asking…">
          Rematch
        </Button>
        <ButtonLink href="/duels" variant="secondary">
          Back to duels
        </ButtonLink>
      </div>
    </section>
  );
}

/** The statement and the editor; Submit goes to the duel, and typing is signalled to the opponent. */
function DuelProblem({ battleId, slug, canSubmit }: { battleId: string; slug: string; canSubmit: boolean }) {
  const trpc = useTRPC();
  const problem = useQuery(trpc.problem.bySlug.queryOptions({ slug }, { staleTime: Number.POSITIVE_INFINITY }));
  const languages = useQuery(
    trpc.submission.languages.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const submit = useMutation(trpc.battle.duel.submit.mutationOptions());
  const typing = useMutation(trpc.battle.duel.typing.mutationOptions());
  const lastTyping = useRef(0);

  const onCodeChange = () => {
    if (!canSubmit || Date.now() - lastTyping.current < TYPING_EVERY_MS) return;
    lastTyping.current = Date.now();
    typing.mutate({ battleId });
  };

  if (problem.isPending || languages.isPending) return <PageLoading label="Loading the problem…" />;
  if (problem.isError || languages.isError) {
    return <Alert title="We couldn't load the problem">{(problem.error ?? languages.error)?.message}</Alert>;
  }
  const { id, title, starterCode, samples, testCount } = problem.data;
  return (
    <div className={styles.split}>
      <ProblemStatement problem={problem.data} embedded />
      {canSubmit ? (
        <ProblemWorkspace
          problem={{ id, slug, title, starterCode, samples, testCount }}
          languages={languages.data}
          submitCode={(input) => submit.mutateAsync({ battleId, ...input })}
          onCodeChange={onCodeChange}
        />
      ) : (
        <p className={styles.muted}>Submissions are closed for this duel.</p>
      )}
    </div>
  );
}
