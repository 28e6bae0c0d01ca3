'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { diffLines } from '@/components/problems/LineDiff';
import { formatWhen } from '@/components/problems/labels';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './collab.module.css';

/** The Y.Text's current content, re-read on every change. */
function useText(ytext: import('yjs').Text) {
  const [text, setText] = useState(() => ytext.toString());
  useEffect(() => {
    const read = () => setText(ytext.toString());
    read();
    ytext.observe(read);
    return () => ytext.unobserve(read);
  }, [ytext]);
  return text;
}

/**
 * Named versions of the shared code: save, list, diff against now, restore. A restore replaces the
 * text in one Yjs transaction tracked by my UndoManager, so it reaches everyone live and Undo (or
 * Ctrl+Z in the editor) takes it back.
 */
export function Snapshots({
  room,
  ytext,
  undoManager,
  canWrite,
}: {
  room: string;
  ytext: import('yjs').Text;
  undoManager: import('yjs').UndoManager;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listOptions = trpc.collab.versions.list.queryOptions({ room });
  const versions = useQuery(listOptions);
  const [name, setName] = useState('');
  const [comparing, setComparing] = useState<string | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const current = useText(ytext);
  const save = useMutation(
    trpc.collab.versions.save.mutationOptions({
      onSuccess: () => {
        setName('');
        void queryClient.invalidateQueries({ queryKey: listOptions.queryKey });
      },
    }),
  );
  const compared = useQuery(
    trpc.collab.versions.get.queryOptions({ room, id: comparing ?? '' }, { enabled: !!comparing }),
  );
  const restore = useMutation(
    trpc.collab.versions.restore.mutationOptions({
      onSuccess: (v) => {
        const doc = ytext.doc;
        if (!doc) return;
        undoManager.stopCapturing();
        doc.transact(() => {
          ytext.delete(0, ytext.length);
          ytext.insert(0, v.text);
        }, undoManager);
        undoManager.stopCapturing();
        setRestored(v.name);
      },
    }),
  );

  const onSave = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) save.mutate({ room, name, field: 'code' });
  };

  const onRestore = (id: string, versionName: string) => {
    if (!window.confirm(`Replace the shared code with “${versionName}”? Everyone sees it; you can undo it.`)) return;
    restore.mutate({ room, id });
  };

  const error = save.error ?? restore.error;
  return (
    <div className={styles.snapshots}>
      {canWrite && (
        <form onSubmit={onSave} className={styles.inlineForm}>
          <label htmlFor="version-name" className="visually-hidden">
            Version name
          </label>
          <input
            id="version-name"
            value={name}
            maxLength={100}
            placeholder="Name this version"
            onChange={(e) => setName(e.target.value)}
          />
          <Button type="submit" variant="secondary" pending={save.isPending} disabled={!name.trim()}>
            Save version
          </Button>
        </form>
      )}
      {error && <Alert>{describeError(error, []).message}</Alert>}
      {restored && (
        <div role="status" className={styles.inlineForm}>
          <span>Restored “{restored}”.</span>
          <Button
            variant="secondary"
            onClick={() => {
              undoManager.undo();
              setRestored(null);
            }}
          >
            Undo restore
          </Button>
        </div>
      )}
      {versions.isPending ? (
        <p className={styles.muted}>Loading versions…</p>
      ) : versions.error ? (
        <p className={styles.error}>We couldn't load the versions.</p>
      ) : versions.data.length === 0 ? (
        <p className={styles.muted}>No saved versions yet.</p>
      ) : (
        <ul className={styles.versionList}>
          {versions.data.map((v) => (
            <li key={v.id}>
              <span>
                <strong>{v.name}</strong>{' '}
                <span className={styles.muted}>
                  {v.createdBy?.displayName ?? 'someone'} · {formatWhen(v.createdAt)} · {v.length} chars
                </span>
              </span>
              <span className={styles.versionActions}>
                <Button
                  variant="secondary"
                  aria-pressed={comparing === v.id}
                  onClick={() => setComparing(comparing === v.id ? null : v.id)}
                >
                  Diff
                </Button>
                {canWrite && (
                  <Button variant="secondary" onClick={() => onRestore(v.id, v.name)} pending={restore.isPending}>
                    Restore
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {comparing && compared.data && <VersionDiff saved={compared.data.text} current={current} />}
    </div>
  );
}

function VersionDiff({ saved, current }: { saved: string; current: string }) {
  const { rows, firstDifference } = diffLines(saved, current);
  if (!firstDifference) return <p className={styles.muted}>The current code is the same as this version.</p>;
  return (
    <table className={styles.diffTable}>
      <caption className="visually-hidden">Saved version against the current code, line by line</caption>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Saved</th>
          <th scope="col">Now</th>
        </tr>
      </thead>
      <tbody>
        {rows
          .filter((r) => r.differs)
          .slice(0, 200)
          .map((r) => (
            <tr key={r.line}>
              <td>{r.line}</td>
              <td className={styles.removed}>{r.expected ?? ''}</td>
              <td className={styles.added}>{r.actual ?? ''}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
