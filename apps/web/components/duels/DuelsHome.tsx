'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './duels.module.css';
import { type DuelListItem, formatDelta, outcomeLabels } from './labels';

/** The duels hub: challenge someone, join the rated queue, answer challenges, past duels. */
export function DuelsHome() {
  return <RequireSession>{() => <DuelsHub />}</RequireSession>;
}

function DuelsHub() {
  const mine = useMyDuels();
  return (
    <div className={styles.page}>
      <h1>Duels</h1>
      <p className={styles.muted}>
        Race another player to the first accepted solution. Ranked duels change your rating.
      </p>
      <div className={styles.grid}>
        <ChallengeForm />
        <QueueCard queue={mine.queue} />
      </div>
      <OpenDuels open={mine.open} />
      <RecentDuels />
    </div>
  );
}

function ChallengeForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [username, setUsername] = useState('');
  const [ranked, setRanked] = useState(true);
  const [minutes, setMinutes] = useState(30);
  const [error, setError] = useState<string | null>(null);
  const challenge = useMutation(trpc.battle.duel.challenge.mutationOptions());

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { battleId } = await challenge.mutateAsync({ username, ranked, minutes });
      router.push(`/duels/${battleId}`);
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };

  return (
    <Card title="Challenge a player" id="challenge">
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        <label htmlFor="duel-username">Username</label>
        <input
          id="duel-username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="off"
          required
          maxLength={24}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'duel-challenge-error' : undefined}
        />
        <div className={styles.row}>
          <label htmlFor="duel-minutes">Length</label>
          <select id="duel-minutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {[10, 15, 30, 45, 60].map((m) => (
              <option key={m} value={m}>
                {m} minutes
              </option>
            ))}
          </select>
          <label>
            <input type="checkbox" checked={ranked} onChange={(e) => setRanked(e.target.checked)} /> Ranked
          </label>
        </div>
        {error && (
          <div id="duel-challenge-error">
            <Alert>{error}</Alert>
          </div>
        )}
        <div>
          <Button type="submit" pending={challenge.isPending} pendingLabel="Challenging…" disabled={!username.trim()}>
            Challenge
          </Button>
        </div>
      </form>
    </Card>
  );
}

function useMyDuels() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const initial = useQuery(trpc.battle.duel.list.queryOptions({ status: 'open', limit: 20 }));
  const queue = useQuery(trpc.battle.duel.queueStatus.queryOptions());
  // The live stream keeps both caches current: incoming challenges and "match found" appear at once.
  useSubscription(
    trpc.battle.duel.onMine.subscriptionOptions(undefined, {
      onData: (data) => {
        queryClient.setQueryData(trpc.battle.duel.list.queryKey({ status: 'open', limit: 20 }), {
          items: data.duels,
          nextCursor: null,
        });
        queryClient.setQueryData(trpc.battle.duel.queueStatus.queryKey(), data.queue);
      },
    }),
  );
  return { open: initial, queue };
}

type MyDuels = ReturnType<typeof useMyDuels>;

function QueueCard({ queue }: { queue: MyDuels['queue'] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const join = useMutation(trpc.battle.duel.queue.mutationOptions());
  const leave = useMutation(trpc.battle.duel.decline.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const status = queue.data;
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: trpc.battle.duel.queueStatus.queryKey() });
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };

  return (
    <Card title="Rated queue" id="queue">
      <div aria-live="polite" className={styles.form}>
        {!status ? (
          <p className={styles.muted}>Loading…</p>
        ) : status.status === 'WAITING' ? (
          <>
            <p>Looking for an opponent near your rating…</p>
            <div>
              <Button
                variant="secondary"
                pending={leave.isPending}
                onClick={() => status.battleId && run(() => leave.mutateAsync({ battleId: status.battleId }))}
              >
                Leave the queue
              </Button>
            </div>
          </>
        ) : status.status === 'MATCHED' && status.battleId ? (
          <>
            <p>You are in a duel.</p>
            <div>
              <ButtonLink href={`/duels/${status.battleId}`}>Go to your duel</ButtonLink>
            </div>
          </>
        ) : (
          <>
            <p className={styles.muted}>Get paired with a player of similar duel rating for a 30-minute ranked duel.</p>
            <div>
              <Button
                pending={join.isPending}
                pendingLabel="Joining…"
                onClick={() => run(() => join.mutateAsync({ minutes: 30 }))}
              >
                Join the queue
              </Button>
            </div>
          </>
        )}
        {error && <Alert>{error}</Alert>}
      </div>
    </Card>
  );
}

function OpenDuels({ open }: { open: MyDuels['open'] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const accept = useMutation(trpc.battle.duel.accept.mutationOptions());
  const decline = useMutation(trpc.battle.duel.decline.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const duels = (open.data?.items ?? []).filter((d) => d.kind === 'duel');

  const onAccept = async (d: DuelListItem) => {
    setError(null);
    try {
      await accept.mutateAsync({ battleId: d.id });
      router.push(`/duels/${d.id}`);
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };
  const onDecline = async (d: DuelListItem) => {
    const verb = d.incoming ? 'Decline' : 'Withdraw';
    if (!window.confirm(`${verb} the duel with ${d.opponent?.displayName ?? 'this player'}?`)) return;
    setError(null);
    try {
      await decline.mutateAsync({ battleId: d.id });
      await queryClient.invalidateQueries({ queryKey: trpc.battle.duel.list.pathKey() });
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };

  return (
    <Card title="Challenges and running duels" id="open-duels">
      {error && <Alert>{error}</Alert>}
      <div aria-live="polite">
        {open.isPending ? (
          <p className={styles.muted}>Loading…</p>
        ) : open.isError ? (
          <Alert title="We couldn't load your duels">{open.error.message}</Alert>
        ) : duels.length === 0 ? (
          <p className={styles.muted}>No open challenges. Challenge someone above!</p>
        ) : (
          <ul className={styles.list}>
            {duels.map((d) => {
              const who = d.opponent ? `${d.opponent.displayName} (@${d.opponent.username})` : 'someone';
              return (
                <li key={d.id} className={styles.item}>
                  <span>
                    {d.status === 'ACTIVE'
                      ? `Dueling ${who}`
                      : d.incoming
                        ? `${who} challenged you`
                        : `Waiting for ${who} to accept`}
                    <span className={styles.muted}>
                      {' '}
                      · {d.ranked ? 'ranked' : 'friendly'}, {Math.round(d.durationSec / 60)} min
                    </span>
                  </span>
                  <span className={styles.row}>
                    {d.status === 'ACTIVE' ? (
                      <ButtonLink href={`/duels/${d.id}`}>Open duel</ButtonLink>
                    ) : d.incoming ? (
                      <>
                        <Button
                          onClick={() => onAccept(d)}
                          pending={accept.isPending && accept.variables?.battleId === d.id}
                        >
                          Accept
                        </Button>
                        <Button variant="secondary" onClick={() => onDecline(d)}>
                          Decline
                        </Button>
                      </>
                    ) : (
                      <>
                        <ButtonLink href={`/duels/${d.id}`} variant="secondary">
                          View
                        </ButtonLink>
                        <Button variant="secondary" onClick={() => onDecline(d)}>
                          Withdraw
                        </Button>
                      </>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </Card>
  );
}

function RecentDuels() {
  const trpc = useTRPC();
  const recent = useQuery(trpc.battle.duel.list.queryOptions({ status: 'finished', limit: 10 }));
  return (
    <Card title="Recent duels" id="recent-duels">
      {recent.isPending ? (
        <p className={styles.muted}>Loading…</p>
      ) : recent.isError ? (
        <Alert title="We couldn't load your duels">{recent.error.message}</Alert>
      ) : recent.data.items.length === 0 ? (
        <p className={styles.muted}>No finished duels yet.</p>
      ) : (
        <ul className={styles.list}>
          {recent.data.items.map((d) => (
            <li key={d.id} className={styles.item}>
              <Link href={`/duels/${d.id}`}>vs {d.opponent?.displayName ?? 'unknown'}</Link>
              <span>
                {d.outcome && (
                  <span className={d.outcome === 'WON' ? styles.won : d.outcome === 'LOST' ? styles.lost : styles.draw}>
                    {outcomeLabels[d.outcome]}
                  </span>
                )}
                {d.result === 'FORFEIT' && <span className={styles.muted}> (forfeit)</span>}
                {d.ratingDelta !== null && <span> · {formatDelta(d.ratingDelta)}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
