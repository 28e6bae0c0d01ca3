'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Markdown } from '@/components/problems/Markdown';
import { Alert } from '@/components/ui/Alert';
import { ButtonLink } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { PageLoading } from '@/components/ui/Spinner';
import { useSession } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { ContestItem } from './ContestList';
import styles from './contests.module.css';
import { formatDateRange, phaseLabels } from './labels';

/** The leaderboards page already ranks an event: link there rather than draw a second board. */
export const eventBoardHref = (slug: string) => `/leaderboards?scope=event&id=${encodeURIComponent(slug)}`;

/** A seasonal event: what it is, its window, its contests and the way to its leaderboard. */
export function EventPage({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const { isStaff } = useSession();
  const event = useQuery(trpc.contest.event.get.queryOptions({ slug }));
  if (event.isPending) return <PageLoading label="Loading the event…" />;
  if (event.isError) {
    return (
      <Alert title="We couldn't load this event">
        <p>{event.error.message}</p>
        <Link href="/contests">All contests</Link>
      </Alert>
    );
  }
  const e = event.data;
  return (
    <div className={styles.page}>
      <div className={styles.head}>
        <div>
          <p>
            <Link href="/contests">
              <span aria-hidden="true">←</span> All contests
            </Link>
          </p>
          <h1>{e.title}</h1>
          <p className={styles.row}>
            <span className={`${styles.pill} ${e.phase === 'running' ? styles.running : ''}`}>
              {phaseLabels[e.phase]}
            </span>
            <span className={styles.muted}>{formatDateRange(e.startsAt, e.endsAt)}</span>
          </p>
        </div>
        <div className={styles.row}>
          <ButtonLink href={eventBoardHref(e.slug)}>Event leaderboard</ButtonLink>
          {isStaff && (
            <ButtonLink href={`/admin/events/${e.slug}`} variant="secondary">
              Manage event
            </ButtonLink>
          )}
        </div>
      </div>
      {e.description && <Markdown>{e.description}</Markdown>}
      <Card title="Contests" id="event-contests">
        {e.contests.length === 0 ? (
          <p className={styles.muted}>No contests are part of this event yet.</p>
        ) : (
          <ul className={styles.list}>
            {e.contests.map((c) => (
              <ContestItem key={c.id} contest={c} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
