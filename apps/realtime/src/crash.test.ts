// The realtime server as its own process (`node --import tsx`, so signals hit the server itself):
// SIGKILL it mid-session and restart it; every edit the server had acknowledged (saved message) is
// still there, and the edits it had not are re-sent by the clients that hold them.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signRoomToken } from '@roguelearn/db/room-token';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Client, connect, synced, until } from './testing';

process.setMaxListeners(50);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SECRET = 'crash-test-secret-0123456789abcdefghij';
const secret = new TextEncoder().encode(SECRET);
let t: TestDatabase;
const children = new Set<ChildProcess>();
const users: string[] = [];

/** Starts apps/realtime/src/main.ts (on a free port unless given one); resolves once it listens. */
function startServer(port = 0): Promise<{ child: ChildProcess; base: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/realtime/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      AUTH_JWT_SECRET: SECRET,
      REALTIME_PORT: String(port),
      REALTIME_HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stderr?.on('data', (d) => {
      out += d;
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d;
      const m = out.match(/"msg":"listening","port":(\d+)/);
      if (m) resolve({ child, base: `ws://127.0.0.1:${m[1]}`, exited });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  for (const name of ['kim', 'lee', 'max']) {
    users.push((await t.db.user.create({ data: { email: `${name}@x.io`, username: name, displayName: name } })).id);
  }
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await t.drop();
});

const tokenFor = (room: string, i: number) =>
  signRoomToken(secret, { room, userId: users[i], name: `user${i}`, permission: 'write' });

/** The room's document as PostgreSQL holds it: the snapshot plus the updates after it. */
async function storedText(room: string): Promise<string> {
  const d = await t.db.collabDocument.findUniqueOrThrow({ where: { room } });
  const doc = new Y.Doc();
  if (d.snapshot) Y.applyUpdate(doc, d.snapshot);
  const updates = await t.db.collabUpdate.findMany({
    where: { documentId: d.id, seq: { gt: d.snapshotSeq } },
    orderBy: { seq: 'asc' },
  });
  for (const u of updates) Y.applyUpdate(doc, u.update);
  return doc.getText('code').toString();
}

const tokens = (text: string) => text.match(/<[ab]\d+>/g) ?? [];

describe('crash safety', () => {
  it('loses no acknowledged edit when the server is SIGKILLed mid-session, and gets the rest back from the clients', async () => {
    const room = 'pair:00000000-0000-4000-8000-00000000c0de';
    const s1 = await startServer();
    const port = Number(new URL(s1.base).port);
    const a = connect(s1.base, room, await tokenFor(room, 0), { acks: true });
    const b = connect(s1.base, room, await tokenFor(room, 1), { acks: true });
    await Promise.all([synced(a.provider), synced(b.provider)]);

    // Both type as fast as the event loop lets them, noting which document message carried each
    // edit; the server dies while edits are in flight, broadcast and not yet committed.
    const carriedBy = new Map<string, { client: Client; message: number }>();
    const type = (c: Client, token: string, at: number) => {
      c.text.insert(at, token);
      carriedBy.set(token, { client: c, message: c.sent });
    };
    let typing = true;
    const typist = (async () => {
      for (let i = 0; typing; ) {
        // A few transactions (a message each) per tick keep several edits between receipt and commit.
        for (const end = i + 4; i < end; i++) {
          type(a, `<a${i}>`, a.text.length);
          type(b, `<b${i}>`, 0);
        }
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await until(() => a.saved > 300 && b.text.toString().includes('<a300>'), 10_000, 'edits flowing and saved');
    s1.child.kill('SIGKILL');
    await s1.exited;
    // Keep the clients away until the database has been checked: what they re-send must not count.
    a.provider.disconnect();
    b.provider.disconnect();
    typing = false;
    await typist;
    const acked = [...carriedBy].filter(([, m]) => m.message <= m.client.saved).map(([token]) => token);
    const typed = [...carriedBy.keys()];

    const s2 = await startServer(port);
    const inDb = new Set(tokens(await storedText(room)));
    const missing = acked.filter((token) => !inDb.has(token));
    console.info(
      `crash: typed ${typed.length}, acknowledged ${acked.length}, in the database after restart ${inDb.size}, acknowledged but missing ${missing.length}`,
    );
    expect(acked.length).toBeGreaterThan(300);
    expect(missing).toEqual([]);
    // The same through a client of the restarted server.
    const c = connect(s2.base, room, await tokenFor(room, 2));
    await synced(c.provider);
    expect(acked.filter((token) => !c.text.toString().includes(token))).toEqual([]);

    // The writers come back: whatever the server lacked (typed after the kill, or broadcast and
    // never committed) is in their docs and re-sent in their sync step 2; all three converge and
    // everything typed ends up committed.
    a.provider.connect();
    b.provider.connect();
    await until(
      () =>
        a.text.toString() === b.text.toString() &&
        b.text.toString() === c.text.toString() &&
        tokens(c.text.toString()).length === typed.length,
      10_000,
      'convergence after reconnecting',
    );
    await until(() => a.saved === a.sent && b.saved === b.sent, 10_000, 'the re-sent edits to be saved');
    expect(await storedText(room)).toBe(a.text.toString());
    for (const x of [a, b, c]) x.provider.destroy();

    // Graceful stop (SIGTERM) flushes the room into its snapshot and exits cleanly.
    s2.child.kill('SIGTERM');
    expect(await s2.exited).toBe(0);
    const row = await t.db.collabDocument.findUniqueOrThrow({ where: { room } });
    expect(row.snapshot).not.toBeNull();
    expect(await t.db.collabUpdate.count({ where: { documentId: row.id, seq: { gt: row.snapshotSeq } } })).toBe(0);
    expect(tokens(await storedText(room)).length).toBe(typed.length);
  });
});
