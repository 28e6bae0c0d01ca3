'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DifficultyBadge } from '@/components/problems/Badges';
import { formatWhen } from '@/components/problems/labels';
import { Button } from '@/components/ui/Button';
import { useTRPC } from '@/lib/trpc';
import { matchStatusLabels } from './labels';
import styles from './pair.module.css';

export function MatchHistory() {
  const trpc = useTRPC();
  const q = useInfiniteQuery(
    trpc.match.history.infiniteQueryOptions({ limit: 10 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  if (q.isPending) return <p className={styles.muted}>Loading…</p>;
  if (q.error) return <p className={styles.error}>We couldn't load your matches.</p>;
  const items = q.data.pages.flatMap((p) => p.items);
  if (!items.length) return <p className={styles.muted}>No matches yet.</p>;
  return (
    <>
      <ul className={styles.list}>
        {items.map((m) => (
          <li key={m.id} className={styles.row}>
            <span>
              {m.difficulty && <DifficultyBadge difficulty={m.difficulty} />} with{' '}
              <strong>{m.partner?.displayName ?? 'someone'}</strong>
              {m.problem && <> on {m.problem.title}</>}
            </span>
            <span className={styles.muted}>
              {matchStatusLabels[m.status]} · {formatWhen(m.createdAt)}
              {m.session && (
                <>
                  {' · '}
                  <Link href={`/pair/${m.session.id}`}>session</Link>
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
      {q.hasNextPage && (
        <Button variant="secondary" onClick={() => q.fetchNextPage()} pending={q.isFetchingNextPage}>
          Show more
        </Button>
      )}
    </>
  );
}
