// Helpers for tests and the benchmark: stock y-websocket clients in Node.
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MSG_SAVED, MSG_SYNC, SYNC_STEP1 } from './protocol';

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  closes: number[];
  /** With `acks`: document messages sent on the current socket, and how many the server saved. */
  sent: number;
  saved: number;
  onSaved?: (count: number) => void;
}

/**
 * A stock `WebsocketProvider`. BroadcastChannel is off: in one process it would carry edits
 * between clients of the same room without the server.
 */
export function connect(
  base: string,
  room: string,
  token: string,
  opts: { reconnect?: boolean; acks?: boolean } = {},
): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base, room, doc, {
    params: opts.acks ? { token, acks: '1' } : { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    shouldReconnect: opts.reconnect === false ? () => false : undefined,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  const client: Client = { doc, provider, text: doc.getText('code'), closes, sent: 0, saved: 0 };
  if (opts.acks) countAcks(client);
  return client;
}

/**
 * Counts what the saved message counts: the provider sends one update per local transaction while
 * connected, and one sync step 2 in reply to the server's step 1.
 */
function countAcks(client: Client) {
  const { provider, doc } = client;
  provider.on('status', ({ status }) => {
    if (status === 'connected') client.sent = client.saved = 0;
  });
  doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin !== provider && provider.wsconnected) client.sent++;
  });
  const sync = provider.messageHandlers[MSG_SYNC];
  provider.messageHandlers[MSG_SYNC] = (encoder, decoder, ...rest) => {
    if (decoding.peekVarUint(decoder) === SYNC_STEP1) client.sent++;
    sync(encoder, decoder, ...rest);
  };
  provider.messageHandlers[MSG_SAVED] = (_encoder, decoder) => {
    client.saved = decoding.readVarUint(decoder);
    client.onSaved?.(client.saved);
  };
}

export const synced = (p: WebsocketProvider) =>
  new Promise<void>((resolve) => {
    if (p.synced) return resolve();
    const on = (s: boolean) => {
      if (!s) return;
      p.off('sync', on);
      resolve();
    };
    p.on('sync', on);
  });

export async function until(cond: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A raw socket: the close code, and every message received before it. */
export function rawSocket(url: string) {
  const ws = new WebSocket(url);
  const messages: Buffer[] = [];
  ws.on('message', (m: Buffer) => messages.push(m));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, closed, opened };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
