// Whether my edits are durable. The realtime server tells each connection that asked (`?acks=1`)
// how many of the document messages it sent on that socket have committed to the database
// (message 101, apps/realtime protocol.ts): its sync step 2 reply to the server's step 1, then one
// update per local change made while connected. Edits made offline travel in the next step 2
// reply, so they count as saved once that is acknowledged.
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

const MSG_SYNC = 0;
const SYNC_STEP1 = 0;
const MSG_SAVED = 101;

/** null until I change something. */
export type SaveState = 'saving' | 'saved' | null;

export interface Saves {
  get(): SaveState;
  subscribe(listener: () => void): () => void;
}

export function trackSaves(provider: WebsocketProvider, doc: Y.Doc): Saves {
  let sent = 0;
  let acked = 0;
  let state: SaveState = null;
  const listeners = new Set<() => void>();
  const set = (next: SaveState) => {
    if (next === state) return;
    state = next;
    for (const l of listeners) l();
  };

  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') sent = acked = 0;
  });
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider) return;
    if (provider.wsconnected) sent++;
    set('saving');
  });
  const sync = provider.messageHandlers[MSG_SYNC];
  provider.messageHandlers[MSG_SYNC] = (encoder, decoder, ...rest) => {
    if (decoding.peekVarUint(decoder) === SYNC_STEP1) sent++;
    sync(encoder, decoder, ...rest);
  };
  provider.messageHandlers[MSG_SAVED] = (_encoder, decoder) => {
    acked = decoding.readVarUint(decoder);
    if (acked >= sent && state === 'saving') set('saved');
  };

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
