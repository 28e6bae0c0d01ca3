'use client';

import type { SessionUser } from '@roguelearn/api';
import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { EditorPlaceholder } from '@/components/problems/CodeEditor';
import type { ProblemDetail } from '@/components/problems/labels';
import { ProblemStatement } from '@/components/problems/ProblemStatement';
import { fallbackStarter } from '@/components/problems/storage';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button, ButtonLink } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { PageLoading } from '@/components/ui/Spinner';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import type { RouterOutputs } from '@/lib/types';
import { Call } from './Call';
import { Chat } from './Chat';
import styles from './collab.module.css';
import { colorAt } from './colors';
import { PresenceList, usePresence } from './Presence';
import { SaveStatus } from './SaveStatus';
import { type JudgeHandle, SessionJudge } from './SessionJudge';
import { Snapshots } from './Snapshots';
import { type Room, useRoom } from './useRoom';

const CollabEditor = dynamic(() => import('./CollabEditor'), { ssr: false, loading: () => <EditorPlaceholder /> });

export function PairSession({ sessionId }: { sessionId: string }) {
  return <RequireSession>{(user) => <SessionPage sessionId={sessionId} user={user} />}</RequireSession>;
}

const statusLabels = {
  connecting: 'Connecting…',
  connected: 'Connected',
  disconnected: 'Reconnecting…',
  failed: 'Disconnected',
} as const;

function SessionPage({ sessionId, user }: { sessionId: string; user: SessionUser }) {
  const trpc = useTRPC();
  const session = useQuery(trpc.match.pairSessions.get.queryOptions({ id: sessionId }, { retry: false }));
  const slug = session.data?.problem?.slug;
  const problem = useQuery(trpc.problem.bySlug.queryOptions(slug ? { slug } : skipToken));
  const me = useMemo(() => ({ id: user.id, displayName: user.displayName }), [user.id, user.displayName]);
  const { room, status, synced, error } = useRoom(`pair:${sessionId}`, me);

  if (session.isPending) return <PageLoading label="Loading the session…" />;
  if (session.error) {
    return (
      <Alert title="We couldn't open this session">
        <p>{session.error.message}</p>
        <Link href="/pair">Back to pair programming</Link>
      </Alert>
    );
  }
  const s = session.data;
  return (
    <div className={styles.sessionLayout}>
      <div className={styles.statementPane}>
        {problem.data ? (
          <ProblemStatement problem={problem.data} />
        ) : s.problem ? (
          <p className={styles.muted}>Loading the problem…</p>
        ) : (
          <p>No problem was picked for this session; practise freely.</p>
        )}
      </div>
      <div className={styles.workPane}>
        <header className={styles.sessionHead}>
          <h1 className={styles.sessionTitle}>Pair session{s.problem ? `: ${s.problem.title}` : ''}</h1>
          <p className={styles.connection} role="status">
            <span className={`${styles.dot} ${styles[status]}`} aria-hidden="true" /> {statusLabels[status]}
            {room?.permission === 'read' && ' · read-only'}
          </p>
          <nav className={styles.sessionLinks} aria-label="Session">
            <Link href={`/pair/${sessionId}/replay`}>Replay</Link>
            <Link href="/pair">All sessions</Link>
          </nav>
        </header>
        {error && <Alert title="The shared editor is unavailable">{error}</Alert>}
        {room && synced ? (
          <Workspace
            room={room}
            session={s}
            problem={problem.data ?? null}
            user={user}
            participant={s.participants.some((p) => p.user.id === user.id)}
          />
        ) : (
          !error && <EditorPlaceholder />
        )}
      </div>
    </div>
  );
}

type SessionData = RouterOutputs['match']['pairSessions']['get'];

function Workspace({
  room,
  session,
  problem,
  user,
  participant,
}: {
  room: Room;
  session: SessionData;
  problem: ProblemDetail | null;
  user: SessionUser;
  participant: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const languages = useQuery(trpc.submission.languages.queryOptions());
  const ytext = useMemo(() => room.doc.getText('code'), [room]);
  const meta = useMemo(() => room.doc.getMap<string>('meta'), [room]);
  const undoManager = useMemo(() => new Y.UndoManager(ytext), [ytext]);
  useEffect(() => () => undoManager.destroy(), [undoManager]);
  const canWrite = room.permission === 'write' && session.status === 'ACTIVE';
  const users = usePresence(room.provider.awareness);
  // Partners get distinct colours by their place in the session; watchers keep their hashed one.
  const myIndex = session.participants.findIndex((p) => p.user.id === user.id);
  useEffect(() => {
    if (myIndex < 0) return;
    room.provider.awareness.setLocalStateField('user', { id: user.id, name: user.displayName, ...colorAt(myIndex) });
  }, [room, myIndex, user.id, user.displayName]);
  const ids = { label: useId(), hint: useId() };

  const [language, setLanguage] = useState(() => meta.get('language') ?? session.language);
  useEffect(() => {
    const read = () => setLanguage(meta.get('language') ?? session.language);
    read();
    meta.observe(read);
    return () => meta.unobserve(read);
  }, [meta, session.language]);

  const starterFor = (lang: string) =>
    problem?.starterCode.find((s) => s.language === lang)?.code ?? fallbackStarter[lang] ?? '';

  // One participant (the smallest id, so both agree without talking) seeds the empty document
  // with the starter code, once: two seeding at once would duplicate it.
  const seeder = [...session.participants.map((p) => p.user.id)].sort()[0];
  // biome-ignore lint/correctness/useExhaustiveDependencies: seeds once, when the problem is known
  useEffect(() => {
    if (!canWrite || seeder !== user.id || meta.get('seeded') || ytext.length > 0) return;
    if (session.problem && !problem) return;
    room.doc.transact(() => {
      meta.set('seeded', '1');
      ytext.insert(0, starterFor(language));
    });
  }, [canWrite, seeder, user.id, problem]);

  const chooseLanguage = (next: string) => {
    if (next === language) return;
    const replace =
      ytext.toString().trim() === '' ||
      ytext.toString() === starterFor(language) ||
      window.confirm('Also replace the code with the starter code for the new language? (Cancel keeps the code.)');
    room.doc.transact(() => {
      meta.set('language', next);
      if (replace) {
        ytext.delete(0, ytext.length);
        ytext.insert(0, starterFor(next));
      }
    });
  };

  const leave = useMutation(trpc.match.pairSessions.leave.mutationOptions({ onSuccess: () => router.push('/pair') }));
  const onLeave = () => {
    if (window.confirm('Leave this pair session? You will not be able to edit it again.'))
      leave.mutate({ id: session.id });
  };

  const judge = useRef<JudgeHandle | null>(null);
  const languageInfo = languages.data?.find((l) => l.id === language);
  const mode = languageInfo?.editor ?? 'python';
  const names = Object.fromEntries(session.participants.map((p) => [p.user.id, p.user.displayName]));

  return (
    <div className={styles.workspace}>
      <div className={styles.editorBar}>
        <h2 id={ids.label} className={styles.editorTitle}>
          Shared code
        </h2>
        <span className={styles.languagePicker}>
          <label htmlFor="session-language">Language</label>
          <select
            id="session-language"
            value={language}
            disabled={!canWrite}
            onChange={(e) => chooseLanguage(e.target.value)}
          >
            {(languages.data ?? [{ id: language, name: language }]).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </span>
      </div>
      <PresenceList users={users} meId={user.id} />
      <p id={ids.hint} className={styles.muted}>
        {canWrite
          ? 'Everyone here edits the same code. Tab indents; Esc then Tab leaves the editor. Ctrl+Enter runs.'
          : 'You are watching: the editor is read-only.'}
      </p>
      <CollabEditor
        ytext={ytext}
        awareness={room.provider.awareness}
        undoManager={undoManager}
        mode={mode}
        readOnly={!canWrite}
        fontSize={14}
        labelledBy={ids.label}
        describedBy={ids.hint}
        onRun={() => judge.current?.run()}
        onSubmit={() => judge.current?.submit()}
      />
      {canWrite && <SaveStatus saves={room.saves} />}
      {canWrite && languageInfo && (
        <SessionJudge
          sessionId={session.id}
          problem={problem ? { id: problem.id, testCount: problem.testCount } : null}
          language={languageInfo.id}
          getCode={() => ytext.toString()}
          handle={judge}
          initialInput={problem?.samples[0]?.input ?? ''}
        />
      )}
      <div className={styles.panels}>
        {participant && canWrite && (
          <Card title="Call" id="call">
            <Call room={room} meId={user.id} names={names} />
          </Card>
        )}
        {participant && (
          <Card title="Chat" id="chat">
            <Chat roomName={`pair:${session.id}`} room={room} canSend={canWrite} />
          </Card>
        )}
        <Card title="Versions" id="versions">
          <Snapshots room={`pair:${session.id}`} ytext={ytext} undoManager={undoManager} canWrite={canWrite} />
        </Card>
      </div>
      {participant && session.status === 'ACTIVE' && (
        <div className={styles.leaveRow}>
          {leave.error && <Alert>{describeError(leave.error, []).message}</Alert>}
          <Button variant="danger" onClick={onLeave} pending={leave.isPending}>
            Leave session
          </Button>
        </div>
      )}
      {session.status !== 'ACTIVE' && (
        <p className={styles.muted}>
          This session has ended. <ButtonLink href={`/pair/${session.id}/replay`}>Watch the replay</ButtonLink>
        </p>
      )}
    </div>
  );
}
