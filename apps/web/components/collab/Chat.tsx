'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { formatWhen } from '@/components/problems/labels';
import { Button } from '@/components/ui/Button';
import { describeError } from '@/lib/forms';
import { useTRPC } from '@/lib/trpc';
import styles from './collab.module.css';
import type { Room } from './useRoom';

/**
 * A room's stored chat (collab.chat, for `pair:` and `meeting:` rooms alike); a relay ping tells
 * the others to refetch, a slow poll covers misses.
 */
export function Chat({ roomName, room, canSend }: { roomName: string; room: Room | null; canSend: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listOptions = trpc.collab.chat.list.queryOptions({ room: roomName }, { refetchInterval: 20_000 });
  const messages = useQuery(listOptions);
  const [draft, setDraft] = useState('');
  const send = useMutation(
    trpc.collab.chat.send.mutationOptions({
      onSuccess: () => {
        setDraft('');
        room?.relay({ t: 'chat' });
        void queryClient.invalidateQueries({ queryKey: listOptions.queryKey });
      },
    }),
  );

  useEffect(
    () =>
      room?.onRelay((_from, p) => {
        if (p.t === 'chat') void queryClient.invalidateQueries({ queryKey: listOptions.queryKey });
      }),
    [room, queryClient, listOptions.queryKey],
  );

  // New messages scroll into view, unless the reader scrolled up to read older ones.
  const logRef = useRef<HTMLOListElement>(null);
  const count = messages.data?.length ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the number of messages changes
  useEffect(() => {
    const el = logRef.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [count]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.trim()) send.mutate({ room: roomName, body: draft });
  };

  return (
    <div className={styles.chat}>
      {messages.isPending ? (
        <p className={styles.muted}>Loading messages…</p>
      ) : messages.error ? (
        <p className={styles.error}>We couldn't load the chat.</p>
      ) : (
        <ol ref={logRef} className={styles.chatLog} aria-label="Chat messages" aria-live="polite">
          {messages.data.length === 0 && <li className={styles.muted}>No messages yet. Say hi!</li>}
          {messages.data.map((m) => (
            <li key={m.id}>
              <span className={styles.chatAuthor}>{m.user?.displayName ?? 'Someone'}</span>{' '}
              <span className={styles.muted}>{formatWhen(m.createdAt)}</span>
              <p className={styles.chatBody}>{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canSend && (
        <form onSubmit={onSubmit} className={styles.chatForm}>
          <label htmlFor="chat-input" className="visually-hidden">
            Message
          </label>
          <input
            id="chat-input"
            value={draft}
            maxLength={2000}
            autoComplete="off"
            placeholder="Write a message"
            onChange={(e) => setDraft(e.target.value)}
          />
          <Button type="submit" pending={send.isPending} disabled={!draft.trim()}>
            Send
          </Button>
        </form>
      )}
      {send.error && <p className={styles.error}>{describeError(send.error, []).message}</p>}
    </div>
  );
}
