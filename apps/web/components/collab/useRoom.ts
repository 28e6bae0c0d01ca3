'use client';

// One collaborative room of apps/realtime: a Y.Doc synced through the stock y-websocket provider,
// its awareness (who is here, their cursor), and the server's relay channel (message type 100)
// for ephemeral traffic such as chat pings and call signalling, and whether my edits are saved
// (the server's acknowledgement, message 101, which we opt in to with `acks=1`).
import { useMutation } from '@tanstack/react-query';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { useEffect, useRef, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { useTRPC } from '@/lib/trpc';
import { colorFor } from './colors';
import { type Saves, trackSaves } from './saves';

const MSG_RELAY = 100;
/** The server's "invalid or missing room token" close code (apps/realtime protocol.ts). */
const CLOSE_UNAUTHORIZED = 4401;
const MAX_TOKEN_RETRIES = 3;

export type RelayPayload = { t: string; to?: string; [key: string]: unknown };
type RelayListener = (from: string, payload: RelayPayload) => void;

export type RoomStatus = 'connecting' | 'connected' | 'disconnected' | 'failed';

export interface Room {
  doc: Y.Doc;
  provider: WebsocketProvider;
  permission: 'read' | 'write';
  saves: Saves;
  /** Sends to everyone else in the room; false when not connected (the message is dropped). */
  relay(payload: RelayPayload): boolean;
  onRelay(listener: RelayListener): () => void;
}

export interface RoomState {
  room: Room | null;
  status: RoomStatus;
  synced: boolean;
  error: string | null;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

export function useRoom(roomName: string, me: { id: string; displayName: string }): RoomState {
  const trpc = useTRPC();
  const { mutateAsync: fetchToken } = useMutation(trpc.collab.roomToken.mutationOptions());
  const [state, setState] = useState<RoomState>({ room: null, status: 'connecting', synced: false, error: null });
  const fetchRef = useRef(fetchToken);
  fetchRef.current = fetchToken;

  useEffect(() => {
    let cancelled = false;
    let provider: WebsocketProvider | null = null;
    const doc = new Y.Doc();
    const listeners = new Set<RelayListener>();
    let tokenRetries = 0;

    (async () => {
      let first: Awaited<ReturnType<typeof fetchToken>>;
      try {
        first = await fetchRef.current({ room: roomName });
      } catch (err) {
        if (!cancelled) setState((s) => ({ ...s, status: 'failed', error: (err as Error).message }));
        return;
      }
      if (cancelled) return;
      const p = new WebsocketProvider(first.url, first.room, doc, { params: { token: first.token, acks: '1' } });
      provider = p;
      p.awareness.setLocalStateField('user', { id: me.id, name: me.displayName, ...colorFor(me.id) });
      p.messageHandlers[MSG_RELAY] = (_encoder, decoder) => {
        const from = decoding.readVarString(decoder);
        const bytes = decoding.readVarUint8Array(decoder);
        let payload: RelayPayload;
        try {
          payload = JSON.parse(textDecoder.decode(bytes));
        } catch {
          return;
        }
        if (payload.to && payload.to !== me.id) return;
        for (const l of listeners) l(from, payload);
      };
      const room: Room = {
        doc,
        provider: p,
        permission: first.permission,
        saves: trackSaves(p, doc),
        relay(payload) {
          const ws = p.ws;
          if (!ws || ws.readyState !== WebSocket.OPEN) return false;
          const e = encoding.createEncoder();
          encoding.writeVarUint(e, MSG_RELAY);
          encoding.writeVarUint8Array(e, textEncoder.encode(JSON.stringify(payload)));
          ws.send(encoding.toUint8Array(e));
          return true;
        },
        onRelay(l) {
          listeners.add(l);
          return () => listeners.delete(l);
        },
      };
      p.on('status', ({ status }: { status: 'connecting' | 'connected' | 'disconnected' }) => {
        if (status === 'connected') tokenRetries = 0;
        if (!cancelled) setState((s) => ({ ...s, status }));
      });
      p.on('sync', (synced: boolean) => {
        if (!cancelled && synced) setState((s) => ({ ...s, synced: true }));
      });
      // Tokens live five minutes: a reconnect after that is refused with 4401. The provider stops
      // on 44xx codes by itself; fetch a fresh token and connect again.
      p.on('connection-close', (event: CloseEvent | null) => {
        if (cancelled || event?.code !== CLOSE_UNAUTHORIZED) return;
        if (tokenRetries++ >= MAX_TOKEN_RETRIES) {
          setState((s) => ({ ...s, status: 'failed', error: 'The realtime server refused our room token.' }));
          return;
        }
        fetchRef
          .current({ room: roomName })
          .then((next) => {
            if (cancelled) return;
            p.params = { token: next.token, acks: '1' };
            p.connect();
          })
          .catch((err: Error) => setState((s) => ({ ...s, status: 'failed', error: err.message })));
      });
      setState({ room, status: 'connecting', synced: false, error: null });
    })();

    return () => {
      cancelled = true;
      listeners.clear();
      provider?.destroy();
      doc.destroy();
    };
  }, [roomName, me.id, me.displayName]);

  return state;
}
