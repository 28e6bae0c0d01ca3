'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { formatDate } from '@/components/problems/labels';
import { RequireSession } from '@/components/session/RequireSession';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { PageLoading } from '@/components/ui/Spinner';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import styles from './collab.module.css';

const SPEEDS = [0.5, 1, 2, 4, 8];
/** Long pauses in the recording play back as at most this long (before the speed factor). */
const MAX_GAP_MS = 1500;

const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export function Replay({ sessionId }: { sessionId: string }) {
  return <RequireSession>{() => <ReplayPage sessionId={sessionId} />}</RequireSession>;
}

interface Frame {
  text: string;
  at: Date;
  author: string | null;
}

function ReplayPage({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const room = `pair:${sessionId}`;
  const client = useTRPCClient();
  // The whole log, page after page (the procedure pages with `afterSeq`).
  const log = useQuery({
    queryKey: [...trpc.collab.history.queryKey({ room }), 'all'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const pages = [await client.collab.history.query({ room, limit: 2000 })];
      while (pages[pages.length - 1].nextAfterSeq) {
        pages.push(
          await client.collab.history.query({
            room,
            limit: 2000,
            afterSeq: pages[pages.length - 1].nextAfterSeq ?? '',
          }),
        );
      }
      return pages;
    },
  });

  // Every state of the code, computed once: scrubbing backwards is then just an index.
  const frames = useMemo<Frame[]>(() => {
    if (!log.data) return [];
    const pages = log.data;
    const names = new Map(pages.flatMap((p) => p.authors).map((a) => [a.id, a.displayName]));
    const doc = new Y.Doc();
    const text = doc.getText('code');
    const first = pages[0];
    if (first?.base) Y.applyUpdate(doc, fromB64(first.base));
    const out: Frame[] = [
      { text: text.toString(), at: new Date(first?.updates[0]?.createdAt ?? Date.now()), author: null },
    ];
    for (const p of pages) {
      for (const u of p.updates) {
        Y.applyUpdate(doc, fromB64(u.update));
        const next = text.toString();
        out.push({ text: next, at: new Date(u.createdAt), author: u.userId ? (names.get(u.userId) ?? null) : null });
      }
    }
    doc.destroy();
    return out;
  }, [log.data]);

  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const last = frames.length - 1;

  useEffect(() => {
    if (!playing) return;
    if (index >= last) {
      setPlaying(false);
      return;
    }
    const gap = frames[index + 1].at.getTime() - frames[index].at.getTime();
    const id = setTimeout(
      () => setIndex((i) => Math.min(i + 1, last)),
      Math.min(Math.max(gap, 30), MAX_GAP_MS) / speed,
    );
    return () => clearTimeout(id);
  }, [playing, index, last, frames, speed]);

  if (log.isPending) return <PageLoading label="Loading the recording…" />;
  if (log.error) {
    return (
      <Alert title="We couldn't load this replay">
        <p>{log.error.message}</p>
        <Link href="/pair">Back to pair programming</Link>
      </Alert>
    );
  }
  const frame = frames[Math.min(index, last)];
  return (
    <div className={styles.replay}>
      <header className={styles.sessionHead}>
        <h1 className={styles.sessionTitle}>Session replay</h1>
        <nav className={styles.sessionLinks} aria-label="Session">
          <Link href={`/pair/${sessionId}`}>Back to the session</Link>
        </nav>
      </header>
      {last < 1 ? (
        <p className={styles.muted}>Nothing was written in this session yet.</p>
      ) : (
        <>
          <div className={styles.replayControls}>
            <Button
              onClick={() => {
                if (index >= last) setIndex(0);
                setPlaying((p) => !p);
              }}
            >
              {playing ? 'Pause' : index >= last ? 'Replay' : 'Play'}
            </Button>
            <label htmlFor="replay-speed">Speed</label>
            <select id="replay-speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
            <label htmlFor="replay-timeline" className="visually-hidden">
              Timeline
            </label>
            <input
              id="replay-timeline"
              className={styles.timeline}
              type="range"
              min={0}
              max={last}
              value={index}
              aria-valuetext={`Edit ${index} of ${last}, ${formatDate(frame.at)}`}
              onChange={(e) => {
                setPlaying(false);
                setIndex(Number(e.target.value));
              }}
            />
          </div>
          <p className={styles.muted} data-testid="replay-position">
            Edit {index} of {last} · {formatDate(frame.at)}
            {frame.author && <> · {frame.author}</>}
          </p>
          <figure className={styles.replayFigure}>
            <figcaption className="visually-hidden">The code at this point</figcaption>
            <pre className={styles.replayCode}>{frame.text || ' '}</pre>
          </figure>
        </>
      )}
    </div>
  );
}
