'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import type { Meeting } from './format';
import styles from './meetings.module.css';

/**
 * The meeting's agenda as a checklist every member keeps: tick, reorder, add, remove. Stored by
 * the API (so the party page shows it too); `onChanged` tells the others in the room to refetch.
 */
export function Agenda({
  meetingId,
  items,
  canEdit,
  onChanged,
}: {
  meetingId: string;
  items: Meeting['agenda'];
  canEdit: boolean;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const [draft, setDraft] = useState('');
  const key = trpc.meeting.get.queryKey({ meetingId });
  const apply = (agenda: Meeting['agenda']) => {
    queryClient.setQueryData(key, (m) => m && { ...m, agenda });
    onChanged();
  };
  // A refused change usually means the agenda moved on meanwhile: show the current one.
  const opts = { onSuccess: apply, onError: () => queryClient.invalidateQueries({ queryKey: key }) };
  const add = useMutation(
    trpc.meeting.agenda.add.mutationOptions({
      ...opts,
      onSuccess: (agenda) => {
        setDraft('');
        apply(agenda);
      },
    }),
  );
  // Ticking shows at once; the server's answer (or a refetch on failure) settles it. A refetch
  // already in flight (another member's change pings us) would land with the old state and untick
  // it, so it is cancelled first.
  const setDone = useMutation(
    trpc.meeting.agenda.setDone.mutationOptions({
      ...opts,
      onMutate: async ({ itemId, done }) => {
        await queryClient.cancelQueries({ queryKey: key });
        queryClient.setQueryData(
          key,
          (m) => m && { ...m, agenda: m.agenda.map((a) => (a.id === itemId ? { ...a, done } : a)) },
        );
      },
    }),
  );
  const reorder = useMutation(trpc.meeting.agenda.reorder.mutationOptions(opts));
  const remove = useMutation(trpc.meeting.agenda.remove.mutationOptions(opts));
  const failure = add.error ?? setDone.error ?? reorder.error ?? remove.error;
  const busy = setDone.isPending || reorder.isPending || remove.isPending;

  const move = (from: number, to: number) => {
    const order = items.map((i) => i.id);
    [order[from], order[to]] = [order[to], order[from]];
    reorder.mutate({ meetingId, itemIds: order });
  };

  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    if (draft.trim()) add.mutate({ meetingId, title: draft });
  };

  return (
    <div className={styles.agenda}>
      {items.length === 0 ? (
        <p className={styles.muted}>No agenda items{canEdit ? ' yet. Add the first one below.' : '.'}</p>
      ) : (
        <ol className={styles.agendaList} aria-label="Agenda">
          {items.map((item, i) => (
            <li key={item.id} className={styles.agendaItem}>
              <input
                type="checkbox"
                id={`${ids}-${item.id}`}
                checked={item.done}
                disabled={!canEdit || reorder.isPending || remove.isPending}
                onChange={(e) => setDone.mutate({ itemId: item.id, done: e.target.checked })}
              />
              <label htmlFor={`${ids}-${item.id}`} className={item.done ? styles.done : undefined}>
                {item.title}
              </label>
              {canEdit && (
                <span className={styles.itemActions}>
                  <Button
                    variant="secondary"
                    aria-label={`Move “${item.title}” up`}
                    disabled={i === 0 || busy}
                    onClick={() => move(i, i - 1)}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="secondary"
                    aria-label={`Move “${item.title}” down`}
                    disabled={i === items.length - 1 || busy}
                    onClick={() => move(i, i + 1)}
                  >
                    ↓
                  </Button>
                  <Button
                    variant="secondary"
                    aria-label={`Remove “${item.title}”`}
                    disabled={busy}
                    onClick={() => {
                      if (window.confirm(`Remove “${item.title}” from the agenda?`)) remove.mutate({ itemId: item.id });
                    }}
                  >
                    ✕
                  </Button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <form onSubmit={onAdd} className={styles.inlineForm}>
          <label htmlFor={`${ids}-new`} className="visually-hidden">
            New agenda item
          </label>
          <input
            id={`${ids}-new`}
            value={draft}
            maxLength={200}
            autoComplete="off"
            placeholder="Add an agenda item"
            onChange={(e) => setDraft(e.target.value)}
          />
          <Button type="submit" variant="secondary" pending={add.isPending} disabled={!draft.trim()}>
            Add
          </Button>
        </form>
      )}
      {failure && <Alert>{describeError(failure, []).message}</Alert>}
    </div>
  );
}
