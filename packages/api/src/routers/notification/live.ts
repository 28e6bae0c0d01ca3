// Shared plumbing for SSE subscriptions over the process's LISTEN connection: payloads arriving
// on a channel are queued, and the generator sleeps until one arrives, a timeout elapses (a
// periodic re-check in case a NOTIFY was missed while the connection was down) or the client
// goes away.
import type { Notifier } from '@roguelearn/db/notify';

export interface ChannelInbox<T> {
  /** Waits up to `timeoutMs` for at least one payload (returns at once if some are queued). */
  next(timeoutMs: number): Promise<T[]>;
  close(): void;
}

export function channelInbox<T>(
  notifier: Notifier,
  channel: string,
  /** Returns null for payloads this subscriber does not care about (another user's). */
  parse: (payload: string) => T | null,
  signal?: AbortSignal,
): ChannelInbox<T> {
  const queue: T[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = notifier.subscribe(channel, (payload) => {
    const value = parse(payload);
    if (value === null) return;
    queue.push(value);
    wake?.();
  });
  return {
    async next(timeoutMs) {
      if (!queue.length && !signal?.aborted) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            wake = null;
            resolve();
          };
          const timer = setTimeout(done, timeoutMs);
          wake = done;
          signal?.addEventListener('abort', done, { once: true });
        });
      }
      return queue.splice(0);
    },
    close: unsubscribe,
  };
}

/** Parses a JSON NOTIFY payload, ignoring anything malformed rather than killing the stream. */
export function parseJson(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return null;
  }
}
