import { createLogger, listen } from '@roguelearn/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE, createRealtimeServer } from './server';
import { signRoomToken } from './token';

const secret = new TextEncoder().encode('realtime-test-secret-0123456789abcdef');
const rt = createRealtimeServer({ secret, log: createLogger('realtime-test', {}, () => {}) });
let base: string;
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  const port = await listen(rt.server, 0, '127.0.0.1');
  base = `ws://127.0.0.1:${port}`;
});
afterAll(async () => {
  for (const p of providers) p.destroy();
  await rt.close();
});

function connect(room: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base, room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: true,
  });
  provider.shouldConnect = true;
  providers.push(provider);
  return { doc, provider };
}

const synced = (p: WebsocketProvider) =>
  new Promise<void>((resolve) => (p.synced ? resolve() : p.once('sync', (s: boolean) => s && resolve())));

async function until(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('realtime server', () => {
  it('lets two stock y-websocket clients converge after concurrent edits', async () => {
    const room = 'pair-session-1';
    const a = connect(room, await signRoomToken(secret, { room, userId: 'u1', name: 'Ada', permission: 'write' }));
    const b = connect(room, await signRoomToken(secret, { room, userId: 'u2', name: 'Alan', permission: 'write' }));
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.doc.getText('code').insert(0, 'print("hello")\n');
    b.doc.getText('code').insert(0, '# pair session\n');
    await until(
      () => a.doc.getText('code').toString() === b.doc.getText('code').toString() && a.doc.getText('code').length > 20,
    );
    expect(a.doc.getText('code').toString()).toContain('print("hello")');
    expect(b.doc.getText('code').toString()).toContain('# pair session');
  });

  it('refuses forged, expired and other-room tokens before any sync', async () => {
    const room = 'pair-session-2';
    const forged = await signRoomToken(new TextEncoder().encode('not-the-server-secret-xxxxxxxxxxxx'), {
      room,
      userId: 'u1',
      name: 'Mallory',
      permission: 'write',
    });
    const expired = await signRoomToken(secret, { room, userId: 'u1', name: 'Ada', permission: 'write' }, -5);
    const otherRoom = await signRoomToken(secret, {
      room: 'elsewhere',
      userId: 'u1',
      name: 'Ada',
      permission: 'write',
    });
    for (const token of [forged, expired, otherRoom, '']) {
      const ws = new WebSocket(`${base}/${room}?token=${token}`);
      const messages: unknown[] = [];
      ws.on('message', (m) => messages.push(m));
      const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
      expect(code).toBe(CLOSE.unauthorized);
      expect(messages).toHaveLength(0);
    }
  });

  it('serves /health', async () => {
    const res = await fetch(`${base.replace('ws', 'http')}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});
