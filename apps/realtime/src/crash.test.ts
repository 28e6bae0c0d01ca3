// The realtime server as its own process (`node --import tsx`, so signals hit the server itself):
// SIGKILL it mid-session and restart it, and every edit another client had seen is still there.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signRoomToken } from '@roguelearn/db/room-token';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, synced, until } from './testing';

process.setMaxListeners(50);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SECRET = 'crash-test-secret-0123456789abcdefghij';
const secret = new TextEncoder().encode(SECRET);
let t: TestDatabase;
const children = new Set<ChildProcess>();
const users: string[] = [];

/** Starts apps/realtime/src/main.ts on a free port; resolves once it listens. */
function startServer(): Promise<{ child: ChildProcess; base: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/realtime/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      AUTH_JWT_SECRET: SECRET,
      REALTIME_PORT: '0',
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

describe('crash safety', () => {
  it('loses no acknowledged edit when the server is SIGKILLed mid-session', async () => {
    const room = 'pair:00000000-0000-4000-8000-00000000c0de';
    const s1 = await startServer();
    const a = connect(s1.base, room, await tokenFor(room, 0));
    const b = connect(s1.base, room, await tokenFor(room, 1));
    await Promise.all([synced(a.provider), synced(b.provider)]);

    // Both type as fast as the event loop lets them; the server dies while edits are in flight.
    let typing = true;
    let typed = 0;
    const typist = (async () => {
      for (let i = 0; typing; i++) {
        a.text.insert(a.text.length, `<a${i}>`);
        b.text.insert(0, `<b${i}>`);
        typed += 2;
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await until(() => b.text.toString().includes('<a150>'), 10_000, 'edits flowing');
    s1.child.kill('SIGKILL');
    await s1.exited;
    typing = false;
    await typist;
    // Let the clients read whatever the server sent before it died.
    await new Promise((r) => setTimeout(r, 100));
    // Acknowledged = seen by the other client.
    const ackA = b.text.toString().match(/<a\d+>/g) ?? [];
    const ackB = a.text.toString().match(/<b\d+>/g) ?? [];
    // Gone for good: nothing can be re-sent on reconnect.
    a.provider.destroy();
    b.provider.destroy();
    expect(ackA.length).toBeGreaterThan(150);

    const s2 = await startServer();
    const c = connect(s2.base, room, await tokenFor(room, 2));
    await synced(c.provider);
    const recovered = c.text.toString();
    const missing = [...ackA, ...ackB].filter((token) => !recovered.includes(token));
    console.info(
      `crash: typed ${typed}, acknowledged ${ackA.length + ackB.length}, recovered ${(recovered.match(/<[ab]\d+>/g) ?? []).length}, missing ${missing.length}`,
    );
    expect(missing).toEqual([]);
    c.provider.destroy();

    // Graceful stop (SIGTERM) flushes the room into its snapshot and exits cleanly.
    s2.child.kill('SIGTERM');
    expect(await s2.exited).toBe(0);
    const row = await t.db.collabDocument.findUniqueOrThrow({ where: { room } });
    expect(row.snapshot).not.toBeNull();
    expect(await t.db.collabUpdate.count({ where: { documentId: row.id, seq: { gt: row.snapshotSeq } } })).toBe(0);
  });
});
