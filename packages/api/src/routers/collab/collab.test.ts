import { verifyRoomToken } from '@roguelearn/db/room-token';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { browser, testAuthConfig } from '../../testing';
import { closesAt } from '../meeting/service';
import { DEFAULT_REALTIME_URL } from './service';

const config = testAuthConfig();
let t: TestDatabase;
type Browser = ReturnType<typeof browser>;
const who: Record<string, { b: Browser; id: string }> = {};
let sessionId: string;
let endedSessionId: string;
let meetingId: string;

async function signUp(name: string, role?: 'INSTRUCTOR' | 'ADMIN') {
  const b = browser(t.db, config);
  const { user } = await b.run((c) =>
    c.auth.signUp({ email: `${name}@x.io`, username: name, displayName: name, password: 'password-123' }),
  );
  if (role) await t.db.user.update({ where: { id: user.id }, data: { role } });
  who[name] = { b, id: user.id };
}

async function pairSession(room: string, participants: string[], status: 'ACTIVE' | 'ENDED' = 'ACTIVE') {
  const doc = await t.db.collabDocument.create({ data: { room, kind: 'PAIR_SESSION' } });
  const s = await t.db.pairSession.create({
    data: {
      language: 'python3',
      status,
      documentId: doc.id,
      participants: { create: participants.map((n) => ({ userId: who[n].id })) },
    },
  });
  return { id: s.id, documentId: doc.id };
}

/** Edits as apps/realtime commits them: one CollabUpdate row per update. */
async function typeInto(documentId: string, doc: Y.Doc, userId: string, text: string) {
  const before = Y.encodeStateVector(doc);
  doc.getText('code').insert(doc.getText('code').length, text);
  await t.db.collabUpdate.create({
    data: { documentId, userId, update: new Uint8Array(Y.encodeStateAsUpdate(doc, before)) },
  });
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  await signUp('ana');
  await signUp('bob');
  await signUp('eve');
  await signUp('teach', 'INSTRUCTOR');
  await signUp('other', 'INSTRUCTOR');
  await signUp('root', 'ADMIN');
  // A session whose document was created under another name gets the canonical room name.
  const s = await pairSession(`legacy-${Date.now()}`, ['ana', 'bob']);
  sessionId = s.id;
  endedSessionId = (await pairSession(`ended-${Date.now()}`, ['ana', 'bob'], 'ENDED')).id;
  const party = await t.db.party.create({
    data: {
      name: 'Night owls',
      leaderId: who.ana.id,
      members: { create: [{ userId: who.ana.id }, { userId: who.bob.id }] },
    },
  });
  meetingId = (await t.db.meeting.create({ data: { title: 'Retro', partyId: party.id, scheduledAt: new Date() } })).id;
  // teach teaches ana; `other` teaches a class neither partner is in.
  await t.db.class.create({
    data: {
      name: 'Algorithms',
      code: 'ALG-1',
      instructorId: who.teach.id,
      inviteCode: 'alg1invite',
      enrollments: { create: [{ userId: who.ana.id }] },
    },
  });
  await t.db.class.create({
    data: {
      name: 'Databases',
      code: 'DB-1',
      instructorId: who.other.id,
      inviteCode: 'db1invite',
      enrollments: { create: [{ userId: who.eve.id }] },
    },
  });
});
afterAll(() => t.drop());

describe('collab.roomToken', () => {
  it('gives participants a write token the realtime server accepts', async () => {
    const room = `pair:${sessionId}`;
    const res = await who.ana.b.run((c) => c.collab.roomToken({ room }));
    expect(res.url).toBe(process.env.NEXT_PUBLIC_REALTIME_URL || DEFAULT_REALTIME_URL);
    expect(res).toMatchObject({ room, permission: 'write' });
    const claims = await verifyRoomToken(config.jwtSecret, res.token, room);
    expect(claims).toEqual({ room, userId: who.ana.id, name: 'ana', permission: 'write' });
    expect(await verifyRoomToken(config.jwtSecret, res.token, `pair:${endedSessionId}`)).toBeNull();
    expect(res.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    // The session's document now carries the room name the realtime server looks up.
    const s = await t.db.pairSession.findUniqueOrThrow({ where: { id: sessionId }, include: { document: true } });
    expect(s.document.room).toBe(room);
  });

  it("gives the partners' instructors and admins a read-only token", async () => {
    const room = `pair:${sessionId}`;
    for (const name of ['teach', 'root']) {
      const res = await who[name].b.run((c) => c.collab.roomToken({ room }));
      expect(res.permission).toBe('read');
      expect((await verifyRoomToken(config.jwtSecret, res.token, room))?.permission).toBe('read');
    }
  });

  it('makes an ended session read-only for its participants', async () => {
    const res = await who.bob.b.run((c) => c.collab.roomToken({ room: `pair:${endedSessionId}` }));
    expect(res.permission).toBe('read');
  });

  it('refuses outsiders, unknown rooms and malformed names', async () => {
    expect(await code(who.eve.b.run((c) => c.collab.roomToken({ room: `pair:${sessionId}` })))).toBe('FORBIDDEN');
    expect(
      await code(who.ana.b.run((c) => c.collab.roomToken({ room: 'pair:00000000-0000-4000-8000-000000000000' }))),
    ).toBe('NOT_FOUND');
    expect(await code(who.ana.b.run((c) => c.collab.roomToken({ room: 'scratch-anything' })))).toBe('BAD_REQUEST');
    expect(await code(who.eve.b.run((c) => c.collab.roomToken({ room: `meeting:${meetingId}` })))).toBe('FORBIDDEN');
    // Instructors watch their own students' pair sessions only, and no private party meetings.
    expect(await code(who.other.b.run((c) => c.collab.roomToken({ room: `pair:${sessionId}` })))).toBe('FORBIDDEN');
    expect(await code(who.teach.b.run((c) => c.collab.roomToken({ room: `meeting:${meetingId}` })))).toBe('FORBIDDEN');
  });

  it("gives the party's members a write token for its meeting, creating the meeting's document", async () => {
    const room = `meeting:${meetingId}`;
    const res = await who.bob.b.run((c) => c.collab.roomToken({ room }));
    expect(res.permission).toBe('write');
    const m = await t.db.meeting.findUniqueOrThrow({ where: { id: meetingId }, include: { document: true } });
    expect(m.document).toMatchObject({ room, kind: 'MEETING' });
    // Writing ends when the meeting closes (its end plus the overrun grace), on open connections too.
    const claims = await verifyRoomToken(config.jwtSecret, res.token, room);
    expect(claims?.writeUntil).toBe(Math.floor(closesAt(m) / 1000) * 1000);
    const pair = await who.bob.b.run((c) => c.collab.roomToken({ room: `pair:${sessionId}` }));
    expect((await verifyRoomToken(config.jwtSecret, pair.token, `pair:${sessionId}`))?.writeUntil).toBeUndefined();
  });
});

describe('collab.versions and collab.history', () => {
  const room = () => `pair:${sessionId}`;
  let documentId: string;
  const live = new Y.Doc();

  beforeAll(async () => {
    documentId = (await t.db.pairSession.findUniqueOrThrow({ where: { id: sessionId } })).documentId;
    await typeInto(documentId, live, who.ana.id, 'def add(a, b):\n');
    await typeInto(documentId, live, who.bob.id, '    return a + b\n');
  });

  it('saves the committed text as a named version; lists, gets and restores it', async () => {
    const saved = await who.ana.b.run((c) => c.collab.versions.save({ room: room(), name: 'first draft' }));
    expect(saved).toMatchObject({ name: 'first draft', length: 32, createdBy: { id: who.ana.id } });
    await typeInto(documentId, live, who.ana.id, 'print(add(1, 2))\n');

    const list = await who.teach.b.run((c) => c.collab.versions.list({ room: room() }));
    expect(list.map((v) => v.name)).toEqual(['first draft']);
    const got = await who.teach.b.run((c) => c.collab.versions.get({ room: room(), id: saved.id }));
    expect(got.text).toBe('def add(a, b):\n    return a + b\n');
    const restored = await who.bob.b.run((c) => c.collab.versions.restore({ room: room(), id: saved.id }));
    expect(restored).toEqual({ id: saved.id, name: 'first draft', text: 'def add(a, b):\n    return a + b\n' });

    const row = await t.db.documentVersion.findUniqueOrThrow({ where: { id: saved.id } });
    const fromState = new Y.Doc();
    Y.applyUpdate(fromState, row.state);
    expect(fromState.getText('code').toString()).toBe(got.text);
  });

  it('lets watchers read versions but not save or restore; outsiders get nothing', async () => {
    const [v] = await who.ana.b.run((c) => c.collab.versions.list({ room: room() }));
    expect(await code(who.teach.b.run((c) => c.collab.versions.save({ room: room(), name: 'x' })))).toBe('FORBIDDEN');
    expect(await code(who.teach.b.run((c) => c.collab.versions.restore({ room: room(), id: v.id })))).toBe('FORBIDDEN');
    expect(await code(who.eve.b.run((c) => c.collab.versions.list({ room: room() })))).toBe('FORBIDDEN');
    expect(await code(who.ana.b.run((c) => c.collab.versions.get({ room: `pair:${endedSessionId}`, id: v.id })))).toBe(
      'NOT_FOUND',
    );
  });

  it('returns the update log for replay to participants and instructors, in pages', async () => {
    const replay = async (b: Browser) => {
      const doc = new Y.Doc();
      const steps: string[] = [];
      let afterSeq: string | undefined;
      do {
        const page = await b.run((c) => c.collab.history({ room: room(), afterSeq, limit: 2 }));
        if (page.base) Y.applyUpdate(doc, Buffer.from(page.base, 'base64'));
        for (const u of page.updates) {
          Y.applyUpdate(doc, Buffer.from(u.update, 'base64'));
          steps.push(doc.getText('code').toString());
        }
        afterSeq = page.nextAfterSeq ?? undefined;
      } while (afterSeq);
      return steps;
    };
    const steps = await replay(who.bob.b);
    expect(steps).toEqual([
      'def add(a, b):\n',
      'def add(a, b):\n    return a + b\n',
      'def add(a, b):\n    return a + b\nprint(add(1, 2))\n',
    ]);
    expect(await replay(who.root.b)).toEqual(steps);
    const first = await who.teach.b.run((c) => c.collab.history({ room: room() }));
    expect(first.updates.map((u) => u.userId)).toEqual([who.ana.id, who.bob.id, who.ana.id]);
    expect(first.authors.map((a) => a.username).sort()).toEqual(['ana', 'bob']);
    expect(await code(who.eve.b.run((c) => c.collab.history({ room: room() })))).toBe('FORBIDDEN');
    // An instructor of another class can't replay it, nor read its versions.
    expect(await code(who.other.b.run((c) => c.collab.history({ room: room() })))).toBe('FORBIDDEN');
    expect(await code(who.other.b.run((c) => c.collab.versions.list({ room: room() })))).toBe('FORBIDDEN');
    expect(await code(who.other.b.run((c) => c.match.pairSessions.get({ id: sessionId })))).toBe('NOT_FOUND');
    expect(await code(who.teach.b.run((c) => c.match.pairSessions.get({ id: sessionId })))).toBe('OK');
  });

  it('starts the replay from the snapshot once compaction has dropped the start of the log', async () => {
    const d = await t.db.collabDocument.findUniqueOrThrow({ where: { id: documentId } });
    const last = await t.db.collabUpdate.findFirstOrThrow({ where: { documentId }, orderBy: { seq: 'desc' } });
    await t.db.$transaction([
      t.db.collabDocument.update({
        where: { id: d.id },
        data: { snapshot: new Uint8Array(Y.encodeStateAsUpdate(live)), snapshotSeq: last.seq },
      }),
      t.db.collabUpdate.deleteMany({ where: { documentId } }),
    ]);
    await typeInto(documentId, live, who.bob.id, '# done\n');
    const page = await who.ana.b.run((c) => c.collab.history({ room: room() }));
    expect(page.baseSeq).toBe(last.seq.toString());
    expect(page.updates).toHaveLength(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(page.base as string, 'base64'));
    Y.applyUpdate(doc, Buffer.from(page.updates[0].update, 'base64'));
    expect(doc.getText('code').toString()).toBe(live.getText('code').toString());
    // Versions read the same committed state: snapshot plus the updates after it.
    const v = await who.bob.b.run((c) => c.collab.versions.save({ room: room(), name: 'after compaction' }));
    const got = await who.bob.b.run((c) => c.collab.versions.get({ room: room(), id: v.id }));
    expect(got.text).toBe(live.getText('code').toString());
  });
});

describe('collab.chat', () => {
  it('stores messages for participants and lists them oldest first', async () => {
    await who.ana.b.run((c) => c.collab.chat.send({ room: `pair:${sessionId}`, body: '  first  ' }));
    await who.bob.b.run((c) => c.collab.chat.send({ room: `pair:${sessionId}`, body: 'second' }));
    const list = await who.bob.b.run((c) => c.collab.chat.list({ room: `pair:${sessionId}` }));
    expect(list.map((m) => [m.user?.username, m.body])).toEqual([
      ['ana', 'first'],
      ['bob', 'second'],
    ]);
  });

  it('keeps outsiders out and ended sessions read-only', async () => {
    expect(await code(who.eve.b.run((c) => c.collab.chat.list({ room: `pair:${sessionId}` })))).toBe('NOT_FOUND');
    expect(await code(who.eve.b.run((c) => c.collab.chat.send({ room: `pair:${sessionId}`, body: 'hi' })))).toBe(
      'NOT_FOUND',
    );
    expect(await code(who.ana.b.run((c) => c.collab.chat.send({ room: `pair:${endedSessionId}`, body: 'hi' })))).toBe(
      'PRECONDITION_FAILED',
    );
    expect(await code(who.ana.b.run((c) => c.collab.chat.list({ room: `pair:${endedSessionId}` })))).toBe('OK');
  });
});
