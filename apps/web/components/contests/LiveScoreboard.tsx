'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import Link from 'next/link';
import { Alert } from '@/components/ui/Alert';
import { useTRPC } from '@/lib/trpc';
import styles from './contests.module.css';
import type { Scoreboard } from './labels';

type Row = Scoreboard['rows'][number];
type Cell = Row['cells'][number];

const time = new Intl.DateTimeFormat('en', { timeStyle: 'short' });

/** The scoreboard, kept current over SSE: new verdicts show without a reload. */
export function LiveScoreboard({
  contestId,
  viewerId,
  ended,
}: {
  contestId: string;
  viewerId: string | null;
  ended: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { contestId, includeVirtual: ended };
  const board = useQuery(trpc.contest.scoreboard.queryOptions(input, { staleTime: Number.POSITIVE_INFINITY }));
  useSubscription(
    trpc.contest.onScoreboard.subscriptionOptions(input, {
      onData: (data) => queryClient.setQueryData(trpc.contest.scoreboard.queryKey(input), data),
    }),
  );

  if (board.isPending) return <p className={styles.muted}>Loading the scoreboard…</p>;
  if (board.isError) return <Alert title="We couldn't load the scoreboard">{board.error.message}</Alert>;
  const b = board.data;
  const icpc = b.scoring === 'ICPC';
  const solves = b.rows.reduce((n, r) => n + r.solved, 0);

  return (
    <div className={styles.page}>
      {(b.frozen || b.frozenForContestants) && (
        <p className={`${styles.pill} ${styles.frozen}`}>
          {b.frozen
            ? `Frozen since ${b.freezeStartsAt ? time.format(b.freezeStartsAt) : 'the freeze'}: later results of others show as pending`
            : 'Frozen for contestants (you see through it)'}
        </p>
      )}
      {b.virtualMinutes !== null && (
        <p className={styles.muted}>Virtual view: everyone as of minute {b.virtualMinutes} of their contest.</p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {b.rows.length} contestants, {solves} {solves === 1 ? 'problem' : 'problems'} solved in total.
      </p>
      {b.rows.length === 0 ? (
        <p className={styles.muted}>Nobody has registered yet.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} aria-label="Scoreboard">
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col" className={styles.name}>
                  Contestant
                </th>
                {icpc ? (
                  <>
                    <th scope="col">Solved</th>
                    <th scope="col">Penalty</th>
                  </>
                ) : (
                  <th scope="col">Score</th>
                )}
                {b.problems.map((p) => (
                  <th scope="col" key={p.label} title={`${p.solved} solved of ${p.attempted} who tried`}>
                    {p.label}
                    <span className={styles.cellSub}>{icpc ? `${p.solved}/${p.attempted}` : `${p.points} pts`}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r) => (
                <tr key={`${r.user.id}-${r.kind}`} className={r.user.id === viewerId ? styles.me : undefined}>
                  <td>{r.rank}</td>
                  <th scope="row">
                    <Link href={`/u/${r.user.username}`}>{r.user.displayName}</Link>
                    {r.kind === 'VIRTUAL' && <span className={styles.muted}> (virtual)</span>}
                  </th>
                  {icpc ? (
                    <>
                      <td>{r.solved}</td>
                      <td>{r.penalty}</td>
                    </>
                  ) : (
                    <td>{r.score}</td>
                  )}
                  {r.cells.map((c) => (
                    <ScoreCell key={c.label} cell={c} icpc={icpc} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ScoreCell({ cell: c, icpc }: { cell: Cell; icpc: boolean }) {
  const rejected = c.solved ? c.attempts - 1 : c.attempts;
  const cls = [
    c.solved ? styles.solved : c.pending ? styles.pending : c.attempts ? styles.failed : '',
    c.firstSolve ? styles.first : '',
  ].join(' ');
  if (!c.solved && !c.attempts && !c.pending) return <td aria-label={`${c.label}: not tried`} />;
  const pending = c.pending ? ` ${c.pending} pending` : '';
  if (!icpc) {
    return (
      <td className={cls} aria-label={`${c.label}: ${c.points} points${pending}`}>
        {c.points}
        {c.pending > 0 && <span className={styles.cellSub}>?{c.pending}</span>}
      </td>
    );
  }
  const label = c.solved
    ? `${c.label}: solved at minute ${c.minutes} after ${rejected} rejected${c.firstSolve ? ', first solve' : ''}`
    : `${c.label}: ${rejected} rejected${pending}`;
  return (
    <td className={cls} aria-label={label}>
      {c.solved ? `+${rejected || ''}` : rejected ? `−${rejected}` : ''}
      {c.pending > 0 && `?${c.pending}`}
      {c.solved && <span className={styles.cellSub}>{c.minutes}′</span>}
    </td>
  );
}
