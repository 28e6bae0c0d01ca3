'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { formatClock } from '@/components/duels/labels';
import { verdictLabels } from '@/components/problems/labels';
import { Markdown } from '@/components/problems/Markdown';
import { ProblemStatement } from '@/components/problems/ProblemStatement';
import { ProblemWorkspace } from '@/components/problems/ProblemWorkspace';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { PageLoading } from '@/components/ui/Spinner';
import { describeError } from '@/lib/forms';
import { useSession } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { useServerClock } from '@/lib/useServerClock';
import { ContestStaff } from './ContestStaff';
import styles from './contests.module.css';
import { LiveScoreboard } from './LiveScoreboard';
import { type ContestDetail, formatWhen, formatWindow, phaseLabels } from './labels';

/** A contest: overview and registration, problems with submit, my submissions, the live scoreboard. */
export function ContestPage({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const contest = useQuery(trpc.contest.get.queryOptions({ slug }));
  if (contest.isPending) return <PageLoading label="Loading the contest…" />;
  if (contest.isError) {
    return (
      <Alert title="We couldn't load this contest">
        <p>{contest.error.message}</p>
        <Link href="/contests">All contests</Link>
      </Alert>
    );
  }
  return <ContestView contest={contest.data} receivedAt={contest.dataUpdatedAt} />;
}

function ContestView({ contest: c, receivedAt }: { contest: ContestDetail; receivedAt: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const params = useSearchParams();
  const now = useServerClock(c.phase === 'ended' && !c.me?.virtual?.endsAt ? null : c.serverNow, receivedAt);
  const label = params.get('problem')?.toUpperCase() ?? null;
  const selected = c.problems.find((p) => p.label === label) ?? null;

  // The phase changes by the clock alone: reload the contest when the next boundary passes.
  const offset = c.serverNow.getTime() - receivedAt;
  const boundary = [c.startsAt, c.endsAt, c.me?.myEnd ?? null]
    .map((d) => d?.getTime() ?? 0)
    .find((t) => t > receivedAt + offset);
  useEffect(() => {
    if (!boundary) return;
    const wait = boundary - (Date.now() + offset) + 500;
    // setTimeout can't wait longer than about 24 days; nobody keeps the page open that long.
    if (wait > 2 ** 31 - 1) return;
    const timer = setTimeout(
      () => queryClient.invalidateQueries({ queryKey: trpc.contest.get.queryKey({ slug: c.slug }) }),
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [boundary, offset, c.slug, queryClient, trpc]);

  const clock =
    c.me?.mode === 'virtual' && c.me.myEnd
      ? { label: 'Your virtual contest ends in', at: c.me.myEnd.getTime() }
      : c.phase === 'upcoming'
        ? { label: 'Starts in', at: c.startsAt.getTime() }
        : c.phase === 'running'
          ? { label: 'Ends in', at: c.endsAt.getTime() }
          : null;

  return (
    <div className={styles.page}>
      <div className={styles.head}>
        <div>
          <p>
            <Link href="/contests">
              <span aria-hidden="true">←</span> All contests
            </Link>
          </p>
          <h1>{c.title}</h1>
          <p className={styles.row}>
            <span className={`${styles.pill} ${c.phase === 'running' ? styles.running : ''}`}>
              {phaseLabels[c.phase]}
            </span>
            <span className={styles.pill}>{c.scoring}</span>
            {c.rated && <span className={styles.pill}>Rated</span>}
            {c.guild && (
              <Link className={styles.pill} href={`/guilds/${c.guild.slug}`}>
                Guild: {c.guild.name}
              </Link>
            )}
            {c.class && <span className={styles.pill}>Class: {c.class.name}</span>}
            {c.event && (
              <Link className={styles.pill} href={`/contests/events/${c.event.slug}`}>
                Event: {c.event.title}
              </Link>
            )}
            {c.freezeMinutes > 0 && <span className={styles.pill}>Freezes {c.freezeMinutes} min before the end</span>}
            <span className={styles.muted}>
              {formatWindow(c.startsAt, c.endsAt)} · {c.participantCount} registered
            </span>
          </p>
        </div>
        {clock && (
          <p role="timer" aria-label={clock.label}>
            {clock.label} <strong>{formatClock(clock.at - now)}</strong>
          </p>
        )}
      </div>

      {c.description && <Markdown>{c.description}</Markdown>}
      <Participation contest={c} signedIn={!!user} />

      <div className={styles.split}>
        <Card title="Problems" id="contest-problems">
          {c.problems.length === 0 ? (
            <p className={styles.muted}>
              {c.phase === 'upcoming'
                ? `${c.problemCount} problems open at ${formatWhen(c.startsAt)}.`
                : 'Register to see the problems.'}
            </p>
          ) : (
            <ul className={styles.list}>
              {c.problems.map((p) => (
                <li key={p.label} className={styles.item}>
                  <Link
                    href={`/contests/${c.slug}?problem=${p.label}`}
                    aria-current={p.label === selected?.label ? 'page' : undefined}
                  >
                    {p.label}. {p.title}
                  </Link>
                  <span className={styles.muted}>{p.points} points</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Scoreboard" id="contest-scoreboard">
          <LiveScoreboard contestId={c.id} viewerId={user?.id ?? null} ended={c.phase === 'ended'} />
        </Card>
      </div>

      {selected && user && <ContestProblem contestId={c.id} label={selected.label} canSubmit={!!c.me?.canSubmit} />}
      {user && c.me && (c.me.registered || c.me.virtual) && <MySubmissions contestId={c.id} />}
      {c.canEdit && <ContestStaff contest={c} />}
    </div>
  );
}

function Participation({ contest: c, signedIn }: { contest: ContestDetail; signedIn: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const register = useMutation(trpc.contest.register.mutationOptions());
  const unregister = useMutation(trpc.contest.unregister.mutationOptions());
  const virtual = useMutation(trpc.contest.startVirtual.mutationOptions());
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: trpc.contest.get.queryKey({ slug: c.slug }) });
    } catch (err) {
      setError(describeError(err, []).message);
    }
  };
  const me = c.me;

  return (
    <div className={styles.row} aria-live="polite">
      {!signedIn ? (
        <Link href={`/sign-in?next=${encodeURIComponent(`/contests/${c.slug}`)}`}>Sign in to take part</Link>
      ) : me?.registered ? (
        <>
          <span>You are registered.</span>
          {c.phase === 'upcoming' && (
            <Button
              variant="secondary"
              pending={unregister.isPending}
              onClick={() => run(() => unregister.mutateAsync({ contestId: c.id }))}
            >
              Unregister
            </Button>
          )}
        </>
      ) : me?.canRegister ? (
        <Button pending={register.isPending} onClick={() => run(() => register.mutateAsync({ contestId: c.id }))}>
          Register
        </Button>
      ) : me?.virtual ? (
        <span>
          {me.mode === 'virtual' ? 'Your virtual participation is running.' : 'You did a virtual participation.'}
        </span>
      ) : me?.canStartVirtual ? (
        <Button
          pending={virtual.isPending}
          onClick={() =>
            window.confirm(
              'Start a virtual participation? Your own clock starts now and runs as long as the contest did.',
            ) && run(() => virtual.mutateAsync({ contestId: c.id }))
          }
        >
          Start a virtual participation
        </Button>
      ) : null}
      {c.canEdit && (
        <ButtonLink href={`/contests/${c.slug}/edit`} variant="secondary">
          Edit contest
        </ButtonLink>
      )}
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

function ContestProblem({ contestId, label, canSubmit }: { contestId: string; label: string; canSubmit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const problem = useQuery(trpc.contest.problem.queryOptions({ contestId, label }));
  const languages = useQuery(
    trpc.submission.languages.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const submit = useMutation(trpc.contest.submit.mutationOptions());

  if (problem.isPending || languages.isPending) return <PageLoading label="Loading the problem…" />;
  if (problem.isError || languages.isError) {
    return <Alert title="We couldn't load the problem">{(problem.error ?? languages.error)?.message}</Alert>;
  }
  const p = problem.data;
  return (
    <section className={styles.split} aria-label={`Problem ${label}`}>
      <ProblemStatement problem={{ ...p, title: `${p.label}. ${p.title}`, tags: [] }} embedded />
      {canSubmit ? (
        <ProblemWorkspace
          problem={{
            id: p.id,
            slug: p.slug,
            title: p.title,
            starterCode: p.starterCode,
            samples: p.samples,
            testCount: p.testCount,
          }}
          languages={languages.data}
          submitCode={async (input) => {
            const r = await submit.mutateAsync({ contestId, label, ...input });
            void queryClient.invalidateQueries({ queryKey: trpc.contest.mySubmissions.queryKey({ contestId }) });
            return r;
          }}
        />
      ) : (
        <p className={styles.muted}>Submissions are closed for you in this contest.</p>
      )}
    </section>
  );
}

function MySubmissions({ contestId }: { contestId: string }) {
  const trpc = useTRPC();
  const subs = useQuery(
    trpc.contest.mySubmissions.queryOptions(
      { contestId },
      // Follows verdicts while something is being judged.
      { refetchInterval: (q) => (q.state.data?.some((s) => s.status !== 'DONE') ? 2000 : false) },
    ),
  );
  return (
    <Card title="My submissions" id="my-contest-submissions">
      {subs.isPending ? (
        <p className={styles.muted}>Loading…</p>
      ) : subs.isError ? (
        <Alert>{subs.error.message}</Alert>
      ) : subs.data.length === 0 ? (
        <p className={styles.muted}>No submissions yet.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Problem</th>
                <th scope="col">Verdict</th>
                <th scope="col">Tests</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {subs.data.map((s) => (
                <tr key={s.id}>
                  <td>{formatWhen(s.createdAt)}</td>
                  <td>{s.label}</td>
                  <td>{s.status !== 'DONE' ? 'Judging…' : s.verdict ? verdictLabels[s.verdict] : '—'}</td>
                  <td>
                    {s.testsPassed}/{s.testsTotal}
                  </td>
                  <td>{s.score}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
