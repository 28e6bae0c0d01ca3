'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Spinner } from '@/components/ui/Spinner';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import styles from './contests.module.css';
import { type ContestDetail, formatWhen } from './labels';

type FinalizeResult = RouterOutputs['contest']['finalize'];

/** The author's (and administrators') tools on a contest page: ratings and fair play. */
export function ContestStaff({ contest }: { contest: ContestDetail }) {
  return (
    <div className={styles.split}>
      <FinalizeRatings contest={contest} />
      <FairPlay contestId={contest.id} />
    </div>
  );
}

function FinalizeRatings({ contest: c }: { contest: ContestDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const finalize = useMutation(trpc.contest.finalize.mutationOptions());
  const [result, setResult] = useState<FinalizeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();

  const run = async () => {
    setError(null);
    try {
      setResult(await finalize.mutateAsync({ contestId: c.id }));
      await queryClient.invalidateQueries({ queryKey: trpc.contest.pathKey() });
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };

  const reason = !c.rated
    ? 'This contest is unrated: finalizing stores the final ranks and changes no rating.'
    : c.ratingsAppliedAt
      ? `Ratings were finalized on ${formatWhen(c.ratingsAppliedAt)}.`
      : c.phase !== 'ended'
        ? `Ratings can be finalized once the contest ends (${formatWhen(c.endsAt)}).`
        : 'The platform finalizes ratings a few moments after the last verdict; you can do it now.';

  return (
    <Card title="Ratings" id="contest-ratings">
      <p id={reasonId} className={styles.muted} aria-live="polite">
        {reason}
      </p>
      {c.ratingsAppliedAt ? (
        <p>
          <span className={`${styles.pill} ${styles.running}`}>Ratings finalized</span>
        </p>
      ) : (
        <div>
          <Button
            onClick={run}
            pending={finalize.isPending}
            pendingLabel="Finalizing…"
            disabled={c.phase !== 'ended'}
            aria-describedby={reasonId}
          >
            {c.rated ? 'Finalize ratings' : 'Finalize standings'}
          </Button>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      {result && <FinalizeSummary result={result} rated={c.rated} />}
    </Card>
  );
}

function FinalizeSummary({ result, rated }: { result: FinalizeResult; rated: boolean }) {
  return (
    <div role="status">
      <p>
        {!rated
          ? 'Final ranks stored.'
          : result.ratingsApplied
            ? `Ratings applied to ${result.changes.length} contestants.`
            : 'Final ranks stored; ratings had already been applied.'}
        {result.flaggedPairs !== null &&
          ` The fair-play check flagged ${result.flaggedPairs} ${result.flaggedPairs === 1 ? 'pair' : 'pairs'}.`}
      </p>
      {result.changes.length > 0 && (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Rating changes</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col" className={styles.name}>
                  Contestant
                </th>
                <th scope="col">Rating</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {result.changes.map((ch) => (
                <tr key={ch.user.id}>
                  <td>{ch.rank ?? '—'}</td>
                  <th scope="row">
                    <Link href={`/u/${ch.user.username}`}>{ch.user.displayName}</Link>
                  </th>
                  <td>
                    {ch.before} → {ch.after}
                  </td>
                  <td>{ch.delta > 0 ? `+${ch.delta}` : ch.delta}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

const reviewLabels = { PENDING: 'Not reviewed', CLEARED: 'Cleared', CONFIRMED: 'Confirmed' } as const;

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Runs the near-identical-code check and lists the flagged pairs, most similar first. */
function FairPlay({ contestId }: { contestId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const report = useQuery(trpc.contest.integrityReport.queryOptions({ contestId }));
  const check = useMutation(trpc.contest.integrityCheck.mutationOptions());
  // Kept as typed and checked on run: clamping each keystroke would turn "9" into 30 before "90".
  const [threshold, setThreshold] = useState('80');
  const [error, setError] = useState<string | null>(null);
  const thresholdId = useId();

  const run = async () => {
    setError(null);
    const percentValue = Number(threshold);
    if (!Number.isFinite(percentValue) || percentValue < 30 || percentValue > 100) {
      setError('Pick a similarity between 30 and 100%.');
      return;
    }
    try {
      const fresh = await check.mutateAsync({ contestId, threshold: percentValue / 100 });
      queryClient.setQueryData(trpc.contest.integrityReport.queryKey({ contestId }), fresh);
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };

  const r = report.data;
  return (
    <Card title="Fair play" id="contest-fair-play">
      <p className={styles.muted}>
        Compares contestants’ accepted code problem by problem. A flag is a prompt to look closer, not a verdict.
      </p>
      <div className={styles.row}>
        <div className={styles.field}>
          <label htmlFor={thresholdId}>Flag pairs at least this similar (%)</label>
          <input
            id={thresholdId}
            type="number"
            min={30}
            max={100}
            value={threshold}
            onChange={(e) => setThreshold(e.target.value)}
          />
        </div>
        <Button variant="secondary" onClick={run} pending={check.isPending} pendingLabel="Checking…">
          Run the check
        </Button>
      </div>
      {error && <Alert>{error}</Alert>}
      {report.isPending ? (
        <p className={styles.muted}>
          <Spinner /> Loading the latest report…
        </p>
      ) : report.isError ? (
        <Alert>{report.error.message}</Alert>
      ) : !r ? (
        <p className={styles.muted}>No check has run yet. It runs when the contest is finalized, or now.</p>
      ) : (
        <div aria-live="polite">
          <p className={styles.muted}>
            Checked {formatWhen(r.createdAt)} at {percent(r.threshold)} similarity
            {r.status === 'FAILED' ? ' — the check failed, run it again.' : '.'}
          </p>
          {r.pairs.length === 0 ? (
            <p>No pairs flagged.</p>
          ) : (
            <div className={styles.tableWrap}>
              <table className={styles.table}>
                <caption className="visually-hidden">Flagged pairs</caption>
                <thead>
                  <tr>
                    <th scope="col">Problem</th>
                    <th scope="col" className={styles.name}>
                      Contestants
                    </th>
                    <th scope="col">Language</th>
                    <th scope="col">Similarity</th>
                    <th scope="col">Review</th>
                  </tr>
                </thead>
                <tbody>
                  {r.pairs.map((p) => (
                    <tr key={p.id}>
                      <td>{p.label ?? '—'}</td>
                      <th scope="row">
                        <Link href={`/u/${p.submissionA.user.username}`}>{p.submissionA.user.displayName}</Link>
                        {' & '}
                        <Link href={`/u/${p.submissionB.user.username}`}>{p.submissionB.user.displayName}</Link>
                      </th>
                      <td>{p.submissionA.language}</td>
                      <td>{percent(p.similarity)}</td>
                      <td>{reviewLabels[p.review]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
