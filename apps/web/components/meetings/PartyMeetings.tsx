'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Spinner } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { useTRPC } from '@/lib/trpc';
import { formatSlot, type Meeting, meetingPath, phaseLabels } from './format';
import { MeetingForm } from './MeetingForm';
import styles from './meetings.module.css';

const PAGE_SIZE = 5;

/** The party page's meetings: a scheduling form, then upcoming and past meetings. */
export function PartyMeetings({ partyId }: { partyId: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [scheduling, setScheduling] = useState(false);
  const schedule = useMutation(trpc.meeting.schedule.mutationOptions());

  return (
    <>
      <Card
        title="Upcoming meetings"
        id="upcoming-meetings"
        action={
          !scheduling && (
            <Button variant="secondary" onClick={() => setScheduling(true)}>
              Schedule meeting
            </Button>
          )
        }
      >
        {scheduling && (
          <section className={styles.scheduleBox} aria-label="Schedule a meeting">
            <MeetingForm
              partyId={partyId}
              withAgenda
              submitLabel="Schedule"
              pending={schedule.isPending}
              onCancel={() => setScheduling(false)}
              onSubmit={(values, fail, reset) =>
                schedule.mutate(
                  { partyId, ...values },
                  {
                    onError: fail,
                    onSuccess: async () => {
                      reset();
                      setScheduling(false);
                      toast(`Scheduled “${values.title}”. The party has been notified.`);
                      await queryClient.invalidateQueries({ queryKey: trpc.meeting.list.queryKey() });
                    },
                  },
                )
              }
            />
          </section>
        )}
        <MeetingList partyId={partyId} when="upcoming" />
      </Card>
      <Card title="Past meetings" id="past-meetings">
        <MeetingList partyId={partyId} when="past" />
      </Card>
    </>
  );
}

function MeetingList({ partyId, when }: { partyId: string; when: 'upcoming' | 'past' }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(0);
  const list = useQuery(
    trpc.meeting.list.queryOptions(
      { partyId, when, page, limit: PAGE_SIZE },
      { placeholderData: keepPreviousData, refetchInterval: 60_000 },
    ),
  );
  const label = when === 'upcoming' ? 'Upcoming meetings' : 'Past meetings';

  if (list.isPending) {
    return (
      <p className={styles.muted} role="status">
        <Spinner /> Loading meetings…
      </p>
    );
  }
  if (list.isError) return <Alert>We couldn't load the meetings: {list.error.message}</Alert>;
  const { items, hasMore } = list.data;
  if (!items.length && page === 0) {
    return (
      <p className={styles.muted}>
        {when === 'upcoming'
          ? 'Nothing planned yet. Schedule a meeting to get the party together.'
          : 'No meetings yet.'}
      </p>
    );
  }
  return (
    <div className={styles.listWrap}>
      <ul className={styles.meetingList} aria-label={label}>
        {items.map((m) => (
          <MeetingRow key={m.id} partyId={partyId} meeting={m} />
        ))}
      </ul>
      {(page > 0 || hasMore) && (
        <nav className={styles.pager} aria-label={`${label} pages`}>
          <Button variant="secondary" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
            {when === 'upcoming' ? 'Sooner' : 'Newer'}
          </Button>
          <span className={styles.muted}>Page {page + 1}</span>
          <Button variant="secondary" disabled={!hasMore} onClick={() => setPage((p) => p + 1)}>
            {when === 'upcoming' ? 'Later' : 'Older'}
          </Button>
        </nav>
      )}
    </div>
  );
}

function MeetingRow({ partyId, meeting: m }: { partyId: string; meeting: Meeting }) {
  const done = m.agenda.filter((a) => a.done).length;
  return (
    <li className={styles.meetingRow}>
      <div className={styles.meetingMain}>
        <Link href={meetingPath(partyId, m.id)} className={styles.meetingTitle}>
          {m.title}
        </Link>
        {m.phase !== 'upcoming' && m.phase !== 'past' && (
          <span className={`${styles.badge} ${styles[m.phase]}`}>{phaseLabels[m.phase]}</span>
        )}
        <p className={styles.muted}>
          {formatSlot(m)}
          {m.createdBy && <> · organised by {m.createdBy.displayName}</>}
          {m.agenda.length > 0 &&
            (m.phase === 'past'
              ? ` · ${done}/${m.agenda.length} agenda items done`
              : ` · ${m.agenda.length} agenda items`)}
        </p>
        {m.phase === 'past' && (
          <p className={styles.small}>
            {m.attendance.length
              ? `Attended: ${m.attendance.map((a) => a.user.displayName).join(', ')}`
              : 'Nobody joined this meeting.'}
          </p>
        )}
      </div>
    </li>
  );
}
