'use client';

import type { SessionUser } from '@roguelearn/api';
import { EARLY_JOIN_MINUTES } from '@roguelearn/api/schemas';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { Call } from '@/components/collab/Call';
import { Chat } from '@/components/collab/Chat';
import collabStyles from '@/components/collab/collab.module.css';
import { PresenceList, usePresence } from '@/components/collab/Presence';
import { SaveStatus } from '@/components/collab/SaveStatus';
import { type Room, useRoom } from '@/components/collab/useRoom';
import { EditorPlaceholder } from '@/components/problems/CodeEditor';
import { RequireSession } from '@/components/session/RequireSession';
import { ConfirmButton } from '@/components/social/ConfirmButton';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Panel } from '@/components/ui/Panel';
import { PageLoading } from '@/components/ui/Spinner';
import { useToast } from '@/components/ui/Toast';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import { Agenda } from './Agenda';
import { formatDuration, formatSlot, type Meeting, phaseLabels, toLocalInput } from './format';
import { MeetingForm } from './MeetingForm';
import styles from './meetings.module.css';

const CollabEditor = dynamic(() => import('@/components/collab/CollabEditor'), {
  ssr: false,
  loading: () => <EditorPlaceholder />,
});

const statusLabels = {
  connecting: 'Connecting…',
  connected: 'Connected',
  disconnected: 'Reconnecting…',
  failed: 'Disconnected',
} as const;

/** Relay ping: the meeting's stored parts (agenda, attendance, details) changed; refetch them. */
const PING = 'meeting';

export function MeetingRoom({ partyId, meetingId }: { partyId: string; meetingId: string }) {
  return (
    <RequireSession>{(user) => <MeetingPage partyId={partyId} meetingId={meetingId} user={user} />}</RequireSession>
  );
}

function MeetingPage({ partyId, meetingId, user }: { partyId: string; meetingId: string; user: SessionUser }) {
  const trpc = useTRPC();
  const meeting = useQuery(trpc.meeting.get.queryOptions({ meetingId }, { retry: false, refetchInterval: 30_000 }));
  if (meeting.isPending) return <PageLoading label="Loading the meeting…" />;
  if (meeting.isError) {
    return (
      <Panel title="Meeting not found" icon="🗓" actions={<Link href={`/parties/${partyId}`}>Back to the party</Link>}>
        <p>{meeting.error.message}. It may belong to a party you are no longer in.</p>
      </Panel>
    );
  }
  return <MeetingWorkspace meeting={meeting.data} user={user} />;
}

function MeetingWorkspace({ meeting: m, user }: { meeting: Meeting; user: SessionUser }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const toast = useToast();
  const me = useMemo(() => ({ id: user.id, displayName: user.displayName }), [user.id, user.displayName]);
  const roomName = `meeting:${m.id}`;
  const { room, status, synced, error } = useRoom(roomName, me);
  const open = m.phase === 'upcoming' || m.phase === 'live';
  const canWrite = open && room?.permission === 'write';
  const partyPath = m.party ? `/parties/${m.party.id}` : '/parties';
  const [editing, setEditing] = useState(false);

  const key = useMemo(() => trpc.meeting.get.queryKey({ meetingId: m.id }), [trpc, m.id]);
  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: key }), [queryClient, key]);
  const announce = useCallback(() => {
    room?.relay({ t: PING });
    void refresh();
  }, [room, refresh]);
  useEffect(
    () =>
      room?.onRelay((_from, p) => {
        if (p.t === PING) void refresh();
      }),
    [room, refresh],
  );

  // Being connected to the room around the meeting's time is attending: recorded on every
  // (re)connect, so a rejoin counts. Opening the room days ahead to prepare is not.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const attending = open && now >= m.scheduledAt.getTime() - EARLY_JOIN_MINUTES * 60_000;
  const { mutate: join } = useMutation(trpc.meeting.join.mutationOptions({ onSuccess: announce }));
  useEffect(() => {
    if (attending && status === 'connected') join({ meetingId: m.id });
  }, [attending, status, join, m.id]);
  // Leaving the page marks the departure; a plain client call, since the page is going away.
  useEffect(() => {
    if (!attending) return;
    return () => {
      void client.meeting.leave.mutate({ meetingId: m.id }).catch(() => {});
    };
  }, [attending, client, m.id]);

  const update = useMutation(
    trpc.meeting.update.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(key, next);
        setEditing(false);
        announce();
        toast('Meeting updated');
      },
    }),
  );
  const cancel = useMutation(trpc.meeting.cancel.mutationOptions({ onSuccess: announce }));

  const names = Object.fromEntries(m.attendance.map((a) => [a.user.id, a.user.displayName]));

  return (
    <div className={styles.room}>
      <header className={styles.roomHead}>
        <div>
          <p className={styles.small}>
            <Link href="/parties">Parties</Link> / <Link href={partyPath}>{m.party?.name ?? 'Party'}</Link> /
          </p>
          <h1>{m.title}</h1>
          <p className={styles.muted}>
            {formatSlot(m)} ({formatDuration(m.durationMinutes)}){' '}
            <span className={`${styles.badge} ${styles[m.phase]}`}>{phaseLabels[m.phase]}</span>
            {m.createdBy && <> · organised by {m.createdBy.displayName}</>}
          </p>
          {m.description && <p>{m.description}</p>}
          <p className={collabStyles.connection} role="status">
            <span className={`${collabStyles.dot} ${collabStyles[status]}`} aria-hidden="true" /> {statusLabels[status]}
            {room && !canWrite && ' · read-only'}
          </p>
        </div>
        {m.canManage && open && !editing && (
          <div className={styles.actions}>
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <ConfirmButton
              label="Cancel meeting"
              title={`Cancel “${m.title}”?`}
              confirmLabel="Yes, cancel it"
              onConfirm={() => cancel.mutateAsync({ meetingId: m.id })}
            >
              <p>Everyone in the party is told. The notes stay readable, but nobody can meet here any more.</p>
            </ConfirmButton>
          </div>
        )}
      </header>

      {editing && (
        <Card title="Edit meeting" id="edit-meeting">
          <MeetingForm
            partyId={m.party?.id ?? ''}
            initial={m}
            withAgenda={false}
            submitLabel="Save changes"
            pending={update.isPending}
            onCancel={() => setEditing(false)}
            onSubmit={({ title, scheduledAt, durationMinutes }, fail) => {
              // The input keeps minutes only: an untouched start of a running meeting isn't a move.
              const moved = toLocalInput(scheduledAt) !== toLocalInput(m.scheduledAt);
              update.mutate(
                { meetingId: m.id, title, durationMinutes, ...(moved ? { scheduledAt } : {}) },
                { onError: fail },
              );
            }}
          />
        </Card>
      )}
      {m.phase === 'cancelled' && <Alert title="This meeting was cancelled">Its notes and chat stay readable.</Alert>}
      {m.phase === 'past' && (
        <Alert tone="success" title="This meeting is over">
          The notes and the agenda are kept as they were; they are read-only now.
        </Alert>
      )}
      {error && <Alert title="The meeting room is unavailable">{error}</Alert>}

      <div className={styles.roomGrid}>
        <div className={styles.roomMain}>
          <Card title="Agenda" id="agenda">
            <Agenda meetingId={m.id} items={m.agenda} canEdit={open} onChanged={announce} />
          </Card>
          <Card title="Notes" id="notes">
            {room && synced ? <Notes room={room} readOnly={!canWrite} /> : !error && <EditorPlaceholder />}
          </Card>
        </div>
        <div className={styles.roomSide}>
          <Card title="Here now" id="presence">
            {room ? <Present room={room} meId={user.id} /> : <p className={styles.muted}>Connecting…</p>}
          </Card>
          <Card title="Attendance" id="attendance">
            <Attendance meeting={m} />
          </Card>
          {room && open && canWrite && (
            <Card title="Call" id="call">
              <Call room={room} meId={user.id} names={names} waitingFor="others" />
            </Card>
          )}
          <Card title="Chat" id="chat">
            <Chat roomName={roomName} room={room} canSend={open} />
          </Card>
        </div>
      </div>
    </div>
  );
}

function Present({ room, meId }: { room: Room; meId: string }) {
  const users = usePresence(room.provider.awareness);
  return <PresenceList users={users} meId={meId} label="People in this meeting" />;
}

function Notes({ room, readOnly }: { room: Room; readOnly: boolean }) {
  const ytext = useMemo(() => room.doc.getText('notes'), [room]);
  const undoManager = useMemo(() => new Y.UndoManager(ytext), [ytext]);
  useEffect(() => () => undoManager.destroy(), [undoManager]);
  const ids = { label: useId(), hint: useId() };
  return (
    <div className={styles.notes}>
      <p id={ids.hint} className={styles.muted}>
        {readOnly
          ? 'The notes as they were left.'
          : 'Everyone here writes the same notes, live. Esc then Tab leaves the editor.'}
      </p>
      <span id={ids.label} className="visually-hidden">
        Meeting notes
      </span>
      <CollabEditor
        ytext={ytext}
        awareness={room.provider.awareness}
        undoManager={undoManager}
        mode="text"
        readOnly={readOnly}
        fontSize={15}
        labelledBy={ids.label}
        describedBy={ids.hint}
        lineWrapping
      />
      {!readOnly && <SaveStatus saves={room.saves} />}
    </div>
  );
}

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

function Attendance({ meeting: m }: { meeting: Meeting }) {
  if (!m.attendance.length) {
    return (
      <p className={styles.muted}>
        {m.phase === 'past' || m.phase === 'cancelled'
          ? 'Nobody joined this meeting.'
          : `Nobody has joined yet. Attendance is taken from ${EARLY_JOIN_MINUTES} minutes before the start.`}
      </p>
    );
  }
  return (
    <ul className={styles.attendance} aria-label="Attendance">
      {m.attendance.map((a) => (
        <li key={a.user.id}>
          <span className={styles.attendee}>{a.user.displayName}</span>{' '}
          <span className={styles.muted}>
            joined {clock.format(a.joinedAt)}
            {a.leftAt && `, left ${clock.format(a.leftAt)}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
