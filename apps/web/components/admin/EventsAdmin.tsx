'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { EventForm } from '@/components/contests/EventForm';
import { eventBoardHref } from '@/components/contests/EventPage';
import { formatDateRange } from '@/components/contests/labels';
import { ConfirmButton } from '@/components/social/ConfirmButton';
import { Alert } from '@/components/ui/Alert';
import { ButtonLink } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import styles from './admin.module.css';
import own from './manage.module.css';
import { StaffGate } from './StaffGate';

type EventRow = RouterOutputs['contest']['event']['list'][number];

const groups = [
  { phase: 'running', title: 'Running', empty: 'No event is running.' },
  { phase: 'upcoming', title: 'Upcoming', empty: 'No event is scheduled.' },
  { phase: 'ended', title: 'Past', empty: 'No event has ended yet.' },
] as const;

/** Seasonal events by phase, and a form to start a new one. */
export function EventsAdmin() {
  return (
    <StaffGate>
      {() => (
        <div className={styles.page}>
          <header>
            <h1>Seasonal events</h1>
            <p className={styles.muted}>
              An event groups contests over a season; its leaderboard sums each contestant’s scores in its ended
              contests. Attach a contest from the contest’s form.
            </p>
          </header>
          <EventLists />
          <Card title="New event" id="new-event">
            <EventForm />
          </Card>
        </div>
      )}
    </StaffGate>
  );
}

function EventLists() {
  const trpc = useTRPC();
  const events = useQuery(trpc.contest.event.list.queryOptions());
  if (events.isPending) return <PageLoading label="Loading events…" />;
  if (events.isError) return <Alert title="We couldn't load events">{events.error.message}</Alert>;
  if (events.data.length === 0) {
    return (
      <Card title="Events" id="events">
        <p className={styles.muted}>No seasonal event yet. Create the first one below.</p>
      </Card>
    );
  }
  return (
    <>
      {groups.map((g) => {
        const rows = events.data.filter((e) => e.phase === g.phase);
        return (
          <Card key={g.phase} title={g.title} id={`events-${g.phase}`}>
            {rows.length === 0 ? <p className={styles.muted}>{g.empty}</p> : <EventTable rows={rows} />}
          </Card>
        );
      })}
    </>
  );
}

function EventTable({ rows }: { rows: EventRow[] }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Dates</th>
            <th scope="col">Contests</th>
            <th scope="col">
              <span className="visually-hidden">Links</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <th scope="row">
                <Link href={`/admin/events/${e.slug}`}>{e.title}</Link>
              </th>
              <td>{formatDateRange(e.startsAt, e.endsAt)}</td>
              <td>{e.contestCount}</td>
              <td className={own.actions}>
                <Link href={`/contests/events/${e.slug}`}>
                  Public page<span className="visually-hidden"> of {e.title}</span>
                </Link>
                <Link href={eventBoardHref(e.slug)}>
                  Leaderboard<span className="visually-hidden"> of {e.title}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One event: edit its fields, see and add its contests. */
export function EventEditor({ slug }: { slug: string }) {
  return <StaffGate>{() => <EventEditorBody slug={slug} />}</StaffGate>;
}

function EventEditorBody({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const event = useQuery(trpc.contest.event.get.queryOptions({ slug }));
  if (event.isPending) return <PageLoading label="Loading the event…" />;
  if (event.isError) {
    return (
      <Alert title="We couldn't load this event">
        <p>{event.error.message}</p>
        <Link href="/admin/events">All events</Link>
      </Alert>
    );
  }
  const e = event.data;
  return (
    <div className={styles.page}>
      <header>
        <p>
          <Link href="/admin/events">
            <span aria-hidden="true">←</span> All events
          </Link>
        </p>
        <h1>{e.title}</h1>
        <p className={own.actions}>
          <Link href={`/contests/events/${e.slug}`}>Public page</Link>
          <Link href={eventBoardHref(e.slug)}>Event leaderboard</Link>
        </p>
      </header>
      <Card
        title="Details"
        id="event-details"
        action={e.canEdit && <DeleteEvent eventId={e.id} title={e.title} contestCount={e.contests.length} />}
      >
        {e.canEdit ? (
          <EventForm key={e.id} event={e} />
        ) : (
          <p className={styles.muted}>Only the instructor who created this event or an administrator can change it.</p>
        )}
      </Card>
      <Card
        title="Contests"
        id="event-contests"
        action={
          <ButtonLink href={`/contests/new?event=${e.id}`} variant="secondary">
            New contest in this event
          </ButtonLink>
        }
      >
        {e.contests.length === 0 ? (
          <p className={styles.muted}>
            No contest is part of this event yet. Create one here, or pick this event in an existing contest’s form.
          </p>
        ) : (
          <ul className={own.plainList}>
            {e.contests.map((c) => (
              <li key={c.id}>
                <Link href={`/contests/${c.slug}`}>{c.title}</Link>{' '}
                <span className={styles.muted}>
                  ({c.phase}, {c.participantCount} registered)
                </span>{' '}
                <Link href={`/contests/${c.slug}/edit`}>
                  Edit<span className="visually-hidden"> {c.title}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function DeleteEvent({ eventId, title, contestCount }: { eventId: string; title: string; contestCount: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.contest.event.delete.mutationOptions());
  return (
    <ConfirmButton
      label="Delete event"
      title={`Delete “${title}”?`}
      confirmLabel="Delete event"
      onConfirm={async () => {
        await remove.mutateAsync({ eventId });
        await queryClient.invalidateQueries({ queryKey: trpc.contest.event.list.queryKey() });
        router.push('/admin/events');
      }}
    >
      <p>
        Its leaderboard goes with it.{' '}
        {contestCount > 0
          ? `Its ${contestCount === 1 ? 'contest stays' : `${contestCount} contests stay`}, no longer part of an event.`
          : 'It has no contests.'}
      </p>
    </ConfirmButton>
  );
}
