'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { useTRPC } from '@/lib/trpc';
import { StatusBadge } from './Badges';
import { formatDate, formatMemory, formatTime, formatWhen, type SubmissionSummary } from './labels';
import styles from './results.module.css';

const PAGE = 10;

/** The signed-in user's graded submissions for this problem, newest first. */
export function SubmissionHistory({
  problemId,
  languageNames,
  activeId,
  onSelect,
}: {
  problemId: string;
  languageNames: Record<string, string>;
  activeId: string | null;
  onSelect: (submission: SubmissionSummary) => void;
}) {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.submission.list.infiniteQueryOptions(
      { problemId, limit: PAGE },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        // Submissions still being judged (say, one left running while viewing another) catch up.
        refetchInterval: (q) =>
          q.state.data?.pages.some((p) => p.items.some((s) => s.status !== 'DONE')) ? 3000 : false,
      },
    ),
  );
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];

  // Relative times ("3 minutes ago") move on while the page stays open.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  // After "Load more", focus moves to the first newly shown submission.
  const focusFrom = useRef<number | null>(null);
  const listRef = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    if (focusFrom.current == null || history.isFetchingNextPage) return;
    const target = listRef.current?.querySelectorAll<HTMLButtonElement>('button')[focusFrom.current];
    focusFrom.current = null;
    target?.focus();
  });

  return (
    <section className={styles.history} aria-labelledby="history-title">
      <h2 id="history-title">Your submissions</h2>
      {history.isPending ? (
        <p className={styles.muted} role="status">
          Loading your submissions…
        </p>
      ) : history.isError ? (
        <Alert title="We couldn't load your submissions">
          <p>{history.error.message}</p>
          <Button variant="secondary" onClick={() => history.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        <p className={styles.muted}>No submissions yet. Submit a solution and it will show up here.</p>
      ) : (
        <>
          <div className={styles.tableScroll}>
            <table className={styles.historyTable}>
              <caption className="visually-hidden">Your submissions for this problem, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Language</th>
                  <th scope="col" className={styles.num}>
                    Time
                  </th>
                  <th scope="col" className={styles.num}>
                    Memory
                  </th>
                </tr>
              </thead>
              <tbody ref={listRef}>
                {items.map((s) => (
                  <tr key={s.id} className={s.id === activeId ? styles.activeRow : undefined}>
                    <th scope="row">
                      <button
                        type="button"
                        className={styles.linkButton}
                        onClick={() => onSelect(s)}
                        aria-current={s.id === activeId ? 'true' : undefined}
                        title={`${formatDate(s.createdAt)}: show the results`}
                      >
                        {formatWhen(s.createdAt, now)}
                        <span className="visually-hidden">: show the results</span>
                      </button>
                    </th>
                    <td>
                      <StatusBadge submission={s} />
                    </td>
                    <td>{languageNames[s.language] ?? s.language}</td>
                    <td className={styles.num}>{formatTime(s.timeMs)}</td>
                    <td className={styles.num}>{formatMemory(s.memoryKb)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {history.hasNextPage && (
            <Button
              variant="secondary"
              className={styles.loadMore}
              pending={history.isFetchingNextPage}
              pendingLabel="Loading…"
              onClick={() => {
                focusFrom.current = items.length;
                void history.fetchNextPage();
              }}
            >
              Load more
            </Button>
          )}
        </>
      )}
    </section>
  );
}
