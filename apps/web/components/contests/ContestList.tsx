'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Alert } from '@/components/ui/Alert';
import { ButtonLink } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useSession } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import styles from './contests.module.css';
import { type ContestListItem, formatDateRange, formatWindow, phaseLabels } from './labels';

const sections = [
  { when: 'running', title: 'Running now', empty: 'No contest is running right now.' },
  { when: 'upcoming', title: 'Upcoming', empty: 'Nothing scheduled yet.' },
  { when: 'past', title: 'Past', empty: 'No past contests.' },
] as const;

/** Contests by phase; instructors also get the way to create one. */
export function ContestList() {
  const { isStaff } = useSession();
  return (
    <div className={styles.page}>
      <div className={styles.head}>
        <h1>Contests</h1>
        {isStaff && <ButtonLink href="/contests/new">New contest</ButtonLink>}
      </div>
      {sections.map((s) => (
        <ContestSection key={s.when} {...s} />
      ))}
      <EventSection />
    </div>
  );
}

/** Seasonal events that haven't ended, each with its own page and leaderboard. */
function EventSection() {
  const trpc = useTRPC();
  const events = useQuery(trpc.contest.event.list.queryOptions());
  const current = (events.data ?? []).filter((e) => e.phase !== 'ended');
  if (!events.isSuccess || current.length === 0) return null;
  return (
    <Card title="Seasonal events" id="contests-events">
      <ul className={styles.list}>
        {current.map((e) => (
          <li key={e.id} className={styles.item}>
            <Link href={`/contests/events/${e.slug}`}>{e.title}</Link>
            <span className={styles.muted}>
              {phaseLabels[e.phase]} · {formatDateRange(e.startsAt, e.endsAt)} · {e.contestCount}{' '}
              {e.contestCount === 1 ? 'contest' : 'contests'}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ContestSection({
  when,
  title,
  empty,
}: {
  when: 'running' | 'upcoming' | 'past';
  title: string;
  empty: string;
}) {
  const trpc = useTRPC();
  const list = useQuery(trpc.contest.list.queryOptions({ when, page: 1, pageSize: 20 }));
  return (
    <Card title={title} id={`contests-${when}`}>
      {list.isPending ? (
        <p className={styles.muted}>Loading…</p>
      ) : list.isError ? (
        <Alert title="We couldn't load contests">{list.error.message}</Alert>
      ) : list.data.items.length === 0 ? (
        <p className={styles.muted}>{empty}</p>
      ) : (
        <ul className={styles.list}>
          {list.data.items.map((c) => (
            <ContestItem key={c.id} contest={c} />
          ))}
        </ul>
      )}
    </Card>
  );
}

export function ContestItem({ contest: c }: { contest: ContestListItem }) {
  return (
    <li className={styles.item}>
      <Link href={`/contests/${c.slug}`}>{c.title}</Link>
      <span className={styles.row}>
        <span className={`${styles.pill} ${c.phase === 'running' ? styles.running : ''}`}>{phaseLabels[c.phase]}</span>
        <span className={styles.pill}>{c.scoring}</span>
        {c.rated && <span className={styles.pill}>Rated</span>}
        {c.registered && <span className={styles.pill}>Registered</span>}
      </span>
      <span className={styles.muted}>
        {formatWindow(c.startsAt, c.endsAt)} · {c.problemCount} {c.problemCount === 1 ? 'problem' : 'problems'} ·{' '}
        {c.participantCount} registered
        {c.event && (
          <>
            {' · '}
            <Link href={`/contests/events/${c.event.slug}`}>{c.event.title}</Link>
          </>
        )}
      </span>
    </li>
  );
}
