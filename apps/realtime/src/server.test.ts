// The realtime server in-process against a real PostgreSQL, with stock y-websocket clients.

import { createPgPool, type PgPool } from '@roguelearn/db/pg';
import { type RoomPermission, signRoomToken } from '@roguelearn/db/room-token';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { createLogger, listen } from '@roguelearn/service';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPgPersistence, type Persistence } from './persistence';
import { MSG_AUTH, MSG_RELAY, MSG_SAVED } from './protocol';
import { CLOSE, createRealtimeServer, type RealtimeServer } from './server';
import { type Client, connect, rawSocket, synced, until } from './testing';

const secret = new TextEncoder().encode('realtime-test-secret-0123456789abcdef');
const quiet = createLogger('realtime-test', {}, () => {});
let t: TestDatabase;
let pool: PgPool;
let rt: RealtimeServer;
let base: string;
const servers: RealtimeServer[] = [];
const clients: Client[] = [];
const users: Record<string, string> = {};

async function start(
  limits: Parameters<typeof createRealtimeServer>[0]['limits'] = {},
  persistence: Persistence = createPgPersistence(pool),
) {
  const s = createRealtimeServer({ secret, log: quiet, persistence, limits });
  servers.push(s);
  const port = await listen(s.server, 0, '127.0.0.1');
  return { s, base: `ws://127.0.0.1:${port}` };
}

beforeAll(async () => {
  t = await createTestDatabase();
  pool = createPgPool(t.url);
  for (const name of ['ada', 'alan', 'grace']) {
    const u = await t.db.user.create({ data: { email: `${name}@x.io`, username: name, displayName: name } });
    users[name] = u.id;
  }
  ({ s: rt, base } = await start());
});
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  for (const s of servers) await s.close();
  await pool.end();
  await t.drop();
});

const token = (room: string, user: string, permission: RoomPermission = 'write') =>
  signRoomToken(secret, { room, userId: users[user] ?? user, name: user, permission });

async function join(room: string, user: string, permission: RoomPermission = 'write', at = base, acks = false) {
  const c = connect(at, room, await token(room, user, permission), { acks });
  clients.push(c);
  await synced(c.provider);
  return c;
}

/** Until the server has acknowledged every document message `c` sent: all of it is committed. */
const saved = (c: Client) => until(() => c.saved === c.sent, 5000, 'the saved acknowledgement');

/** What PostgreSQL holds for a room: the snapshot plus the updates after it. */
async function stored(room: string) {
  const d = await t.db.collabDocument.findUniqueOrThrow({ where: { room } });
  const updates = await t.db.collabUpdate.findMany({
    where: { documentId: d.id, seq: { gt: d.snapshotSeq } },
    orderBy: { seq: 'asc' },
  });
  const doc = new Y.Doc();
  if (d.snapshot) Y.applyUpdate(doc, d.snapshot);
  for (const u of updates) Y.applyUpdate(doc, u.update);
  return { row: d, updates, text: doc.getText('code').toString() };
}

describe('realtime server', () => {
  it('lets two stock y-websocket clients converge after concurrent edits, and stores the result', async () => {
    const room = 'pair:00000000-0000-4000-8000-000000000001';
    const a = await join(room, 'ada', 'write', base, true);
    const b = await join(room, 'alan', 'write', base, true);
    for (let i = 0; i < 50; i++) {
      a.text.insert(a.text.length, `a${i} `);
      b.text.insert(0, `b${i} `);
    }
    await until(
      () => a.text.toString() === b.text.toString() && a.text.length === 2 * 50 * 4 - 20,
      5000,
      'convergence',
    );
    // Each side has everything, and each has been told its own edits are saved.
    await Promise.all([saved(a), saved(b)]);
    const s = await stored(room);
    expect(s.text).toBe(a.text.toString());
    expect(s.row.kind).toBe('PAIR_SESSION');
    expect(new Set(s.updates.map((u) => u.userId))).toEqual(new Set([users.ada, users.alan]));
  });

  it('keeps the edits of a token whose user no longer exists, without an author', async () => {
    const room = 'scratch-ghost';
    const ghost = await join(room, '00000000-0000-4000-8000-00000000dead', 'write', base, true);
    const other = await join(room, 'ada');
    ghost.text.insert(0, 'from a deleted account');
    await until(() => other.text.toString() === 'from a deleted account');
    await saved(ghost);
    const s = await stored(room);
    expect(s.text).toBe('from a deleted account');
    expect(s.updates.map((u) => u.userId)).toEqual([null]);
  });

  it('refuses forged, expired, other-room and missing tokens with 4401 before any message', async () => {
    const room = 'scratch-refusals';
    const forged = await signRoomToken(new TextEncoder().encode('not-the-server-secret-xxxxxxxxxxxx'), {
      room,
      userId: users.ada,
      name: 'Mallory',
      permission: 'write',
    });
    const expired = await signRoomToken(secret, { room, userId: users.ada, name: 'Ada', permission: 'write' }, -5);
    const otherRoom = await token('elsewhere', 'ada');
    for (const tok of [forged, expired, otherRoom, 'not.a.jwt', '']) {
      const sock = rawSocket(`${base}/${room}?token=${tok}`);
      const { code } = await sock.closed;
      expect(code).toBe(CLOSE.unauthorized);
      expect(sock.messages).toHaveLength(0);
    }
    // And a stock client stops retrying (44xx is permanent for it).
    const c = connect(base, room, forged);
    clients.push(c);
    await until(() => c.closes.length > 0);
    expect(c.closes[0]).toBe(CLOSE.unauthorized);
    expect(c.provider.shouldConnect).toBe(false);
    expect(await t.db.collabDocument.findUnique({ where: { room } })).toBeNull();
  });

  it("drops a read-only client's edits: they reach neither the other client nor the database", async () => {
    const room = 'meeting:00000000-0000-4000-8000-000000000002';
    const w = await join(room, 'ada', 'write', base, true);
    w.text.insert(0, 'shared ');
    const r = await join(room, 'grace', 'read', base, true);
    await until(() => r.text.toString() === 'shared ', 5000, 'reader sync');
    r.text.insert(0, 'EVIL ');
    r.doc.getMap('meta').set('lang', 'evil');
    // Awareness still flows from the reader; it travels after the edit on the same socket, so once
    // the writer sees it the server has handled (and dropped) the edit.
    r.provider.awareness.setLocalStateField('user', { name: 'grace' });
    await until(() => [...w.provider.awareness.getStates().values()].some((s) => s.user?.name === 'grace'));
    w.text.insert(w.text.length, 'after');
    await until(() => r.text.toString().includes('after'), 5000, 'reader receives writer edits');
    expect(w.text.toString()).toBe('shared after');
    expect(w.doc.getMap('meta').size).toBe(0);
    const fresh = await join(room, 'alan');
    expect(fresh.text.toString()).toBe('shared after');
    await saved(w);
    expect((await stored(room)).text).toBe('shared after');
    // Nothing of the reader's was saved, so nothing is acknowledged to it.
    expect(r.sent).toBeGreaterThan(0);
    expect(r.saved).toBe(0);
    const metrics = await (await fetch(`${base.replace('ws', 'http')}/metrics`)).text();
    expect(metrics).toMatch(/realtime_refused_total\{reason="read_only"[^}]*\} [1-9]/);
  });

  it("stops a connection's writing at the token's write deadline, while it stays connected", async () => {
    const room = 'meeting:00000000-0000-4000-8000-000000000003';
    const writeUntil = Date.now() + 1500;
    const c = connect(
      base,
      room,
      await signRoomToken(secret, { room, userId: users.ada, name: 'ada', permission: 'write', writeUntil }),
      { acks: true },
    );
    clients.push(c);
    await synced(c.provider);
    const denied: string[] = [];
    c.provider.messageHandlers[MSG_AUTH] = (_encoder, decoder) => {
      decoding.readVarUint(decoder); // 0: permission denied
      denied.push(decoding.readVarString(decoder));
    };
    c.text.insert(0, 'during ');
    await saved(c);
    await new Promise((r) => setTimeout(r, writeUntil - Date.now() + 50));
    c.text.insert(c.text.length, 'after');
    await until(() => denied.length > 0, 5000, 'the refusal');
    expect(denied).toEqual(['read-only: this room is closed for editing']);
    expect(c.provider.wsconnected).toBe(true);
    expect((await join(room, 'alan', 'read')).text.toString()).toBe('during ');
    expect((await stored(room)).text).toBe('during ');
  });

  it('loads the stored document before answering the first sync', async () => {
    const room = 'scratch-preloaded';
    const earlier = new Y.Doc();
    earlier.getText('code').insert(0, 'hello ');
    const snapshot = Y.encodeStateAsUpdate(earlier);
    const sv = Y.encodeStateVector(earlier);
    earlier.getText('code').insert(6, 'world');
    const tail = Y.encodeStateAsUpdate(earlier, sv);
    const d = await t.db.collabDocument.create({ data: { room, kind: 'SCRATCH', snapshot: new Uint8Array(snapshot) } });
    await t.db.collabUpdate.create({ data: { documentId: d.id, update: new Uint8Array(tail) } });
    const c = connect(base, room, await token(room, 'ada'));
    clients.push(c);
    const atFirstSync = await new Promise<string>((resolve) =>
      c.provider.once('sync', () => resolve(c.text.toString())),
    );
    expect(atFirstSync).toBe('hello world');
  });

  it('closes only the connection that sends a message over the size limit (1009)', async () => {
    const room = 'scratch-size';
    const a = await join(room, 'ada');
    const b = await join(room, 'alan');
    const big = rawSocket(`${base}/${room}?token=${await token(room, 'grace')}`);
    await big.opened;
    big.ws.send(Buffer.alloc(1024 * 1024 + 1));
    expect((await big.closed).code).toBe(CLOSE.messageTooBig);
    a.text.insert(0, 'still here');
    await until(() => b.text.toString() === 'still here', 5000, 'others unaffected');
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  });

  it('closes a connection that sends garbage with 4400', async () => {
    const room = 'scratch-garbage';
    const sock = rawSocket(`${base}/${room}?token=${await token(room, 'ada')}`);
    await sock.opened;
    sock.ws.send(Uint8Array.from([0, 2, 5, 0xff, 0xff, 0xff, 0xff, 0xff]));
    expect((await sock.closed).code).toBe(CLOSE.badMessage);
  });

  it('relays ephemeral messages (call signalling) to the rest of the room, stamped with the sender', async () => {
    const room = 'scratch-relay';
    const a = await join(room, 'ada');
    const b = await join(room, 'alan', 'read');
    const got: { from: string; payload: string }[] = [];
    b.provider.messageHandlers[MSG_RELAY] = (_enc, dec) => {
      got.push({
        from: decoding.readVarString(dec),
        payload: new TextDecoder().decode(decoding.readVarUint8Array(dec)),
      });
    };
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MSG_RELAY);
    encoding.writeVarUint8Array(e, new TextEncoder().encode('{"type":"offer","sdp":"v=0"}'));
    a.provider.ws?.send(encoding.toUint8Array(e));
    await until(() => got.length === 1);
    expect(got[0]).toEqual({ from: users.ada, payload: '{"type":"offer","sdp":"v=0"}' });
  });

  it('acknowledges edits as saved once committed, only to connections that asked with ?acks=1', async () => {
    const room = 'scratch-acks';
    const a = await join(room, 'ada', 'write', base, true);
    const plain = await join(room, 'alan');
    const toPlain: number[] = [];
    plain.provider.messageHandlers[MSG_SAVED] = (_encoder, decoder) => toPlain.push(decoding.readVarUint(decoder));
    for (let i = 0; i < 20; i++) {
      a.text.insert(a.text.length, `a${i};`);
      plain.text.insert(0, 'p');
    }
    await saved(a);
    // Its sync step 2 reply and twenty updates, every one of them in the database by now.
    expect(a.saved).toBe(21);
    const text = (await stored(room)).text;
    for (let i = 0; i < 20; i++) expect(text).toContain(`a${i};`);
    await until(async () => (await stored(room)).text.split('p').length === 21, 5000, "the other client's edits");
    // Anything sent to `plain` before this edit has reached it by the time the edit does.
    a.text.insert(0, '!');
    await until(() => plain.text.toString().startsWith('!'));
    expect(toPlain).toEqual([]);
  });

  it('holds saved messages to one connection to one per ackIntervalMs, each covering everything committed', async () => {
    const { base: at } = await start({ ackIntervalMs: 400 });
    const room = 'scratch-ack-interval';
    const a = await join(room, 'ada', 'write', at, true);
    const counts: number[] = [];
    const times: number[] = [];
    const record = a.onSaved;
    a.onSaved = (n) => {
      record?.(n);
      counts.push(n);
      times.push(performance.now());
    };
    await saved(a);
    const started = performance.now();
    // 30 edits over ~600 ms, each committed within milliseconds.
    for (let i = 0; i < 30; i++) {
      a.text.insert(a.text.length, `${i % 10}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await saved(a);
    expect(a.saved).toBe(31);
    const during = times.filter((x) => x >= started).length;
    // Without the interval: ~30 messages; with it, one per 400 ms (and one at once after a pause).
    expect(during).toBeLessThanOrEqual(Math.ceil((performance.now() - started) / 400) + 1);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(395);
    expect(counts).toEqual([...counts].sort((x, y) => x - y));
    // Everything acknowledged is in the database.
    expect((await stored(room)).text).toBe('012345678901234567890123456789');
  });

  it('serves /health and Prometheus /metrics', async () => {
    const http = base.replace('ws', 'http');
    const health = await (await fetch(`${http}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', rooms: expect.any(Number), connections: expect.any(Number) });
    expect(health.rooms).toBeGreaterThan(0);
    expect(health.connections).toBe(rt.stats().connections);
    const metrics = await (await fetch(`${http}/metrics`)).text();
    for (const name of [
      'realtime_connections',
      'realtime_rooms',
      'realtime_messages_total{direction="in"',
      'realtime_messages_total{direction="out"',
      'realtime_refused_total{reason="token"',
      'realtime_persistence_lag_seconds_bucket',
    ]) {
      expect(metrics).toContain(name);
    }
  });
});

describe('limits', () => {
  it('closes a connection over its message rate with 4429', async () => {
    const { base: at } = await start({ messagesPerSecond: 10, messageBurst: 20 });
    const room = 'scratch-rate';
    const calm = await join(room, 'alan', 'write', at);
    const sock = rawSocket(`${at}/${room}?token=${await token(room, 'ada')}`);
    await sock.opened;
    for (let i = 0; i < 50; i++) sock.ws.send(Uint8Array.from([3])); // query awareness
    expect((await sock.closed).code).toBe(CLOSE.rateLimited);
    expect(calm.closes).toEqual([]);
  });

  it('closes a connection over its byte rate with 4429', async () => {
    const { base: at } = await start({ bytesPerSecond: 10_000, byteBurst: 50_000 });
    const room = 'scratch-byte-rate';
    const sock = rawSocket(`${at}/${room}?token=${await token(room, 'ada')}`);
    await sock.opened;
    const chunk = new Uint8Array(20_000);
    chunk[0] = 3; // query awareness, padded
    for (let i = 0; i < 5; i++) sock.ws.send(chunk);
    expect((await sock.closed).code).toBe(CLOSE.rateLimited);
  });

  it('evicts idle rooms (flush, then drop) to stay within maxRooms, and refuses when none is idle', async () => {
    const { s, base: at } = await start({ maxRooms: 1 });
    const x = await join('scratch-evict-x', 'ada', 'write', at);
    x.text.insert(0, 'kept across eviction');
    await until(async () => (await stored('scratch-evict-x')).updates.length > 0);
    x.provider.destroy();
    await until(() => s.stats().connections === 0);

    const y = await join('pair:00000000-0000-4000-8000-000000000003', 'ada', 'write', at);
    y.text.insert(0, 'pair text');
    // x was flushed into its snapshot; a scratch room's log goes with compaction.
    const sx = await stored('scratch-evict-x');
    expect(sx.row.snapshot).not.toBeNull();
    expect(await t.db.collabUpdate.count({ where: { documentId: sx.row.id } })).toBe(0);
    expect(sx.text).toBe('kept across eviction');

    const z = connect(at, 'scratch-evict-z', await token('scratch-evict-z', 'alan'));
    clients.push(z);
    await until(() => z.closes.length > 0);
    expect(z.closes[0]).toBe(CLOSE.roomsFull);
    z.provider.destroy();

    await until(async () => (await stored('pair:00000000-0000-4000-8000-000000000003')).text === 'pair text');
    y.provider.destroy();
    await until(() => s.stats().connections === 0);
    const x2 = await join('scratch-evict-x', 'alan', 'write', at);
    expect(x2.text.toString()).toBe('kept across eviction');
    // The pair room was evicted in turn; its log stays for replay.
    const sy = await stored('pair:00000000-0000-4000-8000-000000000003');
    expect(sy.row.snapshot).not.toBeNull();
    expect(await t.db.collabUpdate.count({ where: { documentId: sy.row.id } })).toBeGreaterThan(0);
  });

  it('evicts a room once it has been idle for idleRoomMs', async () => {
    const { s, base: at } = await start({ idleRoomMs: 50, sweepIntervalMs: 20 });
    const a = await join('scratch-idle', 'ada', 'write', at);
    a.text.insert(0, 'idle text');
    await until(async () => (await stored('scratch-idle')).text === 'idle text');
    expect(s.stats().rooms).toBe(1);
    a.provider.destroy();
    await until(() => s.stats().rooms === 0, 5000, 'idle eviction');
    expect((await stored('scratch-idle')).row.snapshot).not.toBeNull();
  });

  it('acknowledges nothing it could not commit; the edit comes back once storage is back', async () => {
    const pgp = createPgPersistence(pool);
    let down = false;
    const flaky: Persistence = {
      ...pgp,
      append: (d, rows) => (down ? Promise.reject(new Error('database unavailable')) : pgp.append(d, rows)),
    };
    const { base: at } = await start({}, flaky);
    const room = 'scratch-flaky';
    const a = await join(room, 'ada', 'write', at, true);
    const b = await join(room, 'alan', 'write', at);
    const atClose: { sent: number; saved: number }[] = [];
    a.provider.on('connection-close', () => atClose.push({ sent: a.sent, saved: a.saved }));
    a.text.insert(0, 'saved. ');
    await saved(a);
    down = true;
    a.text.insert(a.text.length, 'pending');
    // Shown to the peer at once, but never acknowledged to its author.
    await until(() => b.text.toString() === 'saved. pending', 5000, 'the broadcast');
    await until(() => a.closes.length > 0, 10_000, 'the room to give up on storage');
    expect(a.closes[0]).toBe(CLOSE.storageUnavailable);
    expect(atClose[0]).toEqual({ sent: 3, saved: 2 });
    expect((await stored(room)).text).toBe('saved. ');
    down = false;
    // Both reconnect by themselves; their sync replies carry the unsaved edit.
    await until(async () => (await stored(room)).text === 'saved. pending', 10_000, 'the edit after recovery');
    await until(() => a.provider.wsconnected && a.saved === a.sent, 10_000, 'the author to be told');
  });

  it('snapshots a room once its edits pause for compactDebounceMs, not while they continue', async () => {
    const { base: at } = await start({ compactDebounceMs: 300, compactMaxWaitMs: 60_000 });
    const room = 'scratch-debounce';
    const a = await join(room, 'ada', 'write', at, true);
    for (let i = 0; i < 10; i++) {
      a.text.insert(a.text.length, `${i}`);
      await saved(a);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await stored(room)).row.snapshot).toBeNull();
    await until(async () => (await stored(room)).row.snapshot !== null, 5000, 'the debounced snapshot');
    expect((await stored(room)).text).toBe('0123456789');
  });

  it('snapshots on shutdown', async () => {
    const { s, base: at } = await start({ compactDebounceMs: 60_000, compactMaxWaitMs: 60_000 });
    const room = 'scratch-shutdown';
    const a = await join(room, 'ada', 'write', at);
    a.text.insert(0, 'flushed on close');
    await until(async () => (await stored(room)).text === 'flushed on close');
    expect((await stored(room)).row.snapshot).toBeNull();
    a.provider.shouldConnect = false;
    await s.close();
    const after = await stored(room);
    expect(after.row.snapshot).not.toBeNull();
    expect(after.updates).toHaveLength(0);
    expect(after.text).toBe('flushed on close');
  });
});
