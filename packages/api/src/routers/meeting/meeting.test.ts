import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, testAuthConfig } from '../../testing';

const config = testAuthConfig();
let t: TestDatabase;
type Browser = ReturnType<typeof browser>;
const who: Record<string, { b: Browser; id: string }> = {};
let partyId: string;

const MIN = 60_000;
const inMinutes = (m: number) => new Date(Date.now() + m * MIN);

async function signUp(name: string) {
  const b = browser(t.db, config);
  const { user } = await b.run((c) =>
    c.auth.signUp({ email: `${name}@x.io`, username: name, displayName: name, password: 'password-123' }),
  );
  who[name] = { b, id: user.id };
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

/** A meeting placed directly in the database, for times the API refuses to schedule (the past). */
async function meetingAt(title: string, scheduledAt: Date, durationMinutes = 60) {
  return (
    await t.db.meeting.create({ data: { title, partyId, scheduledAt, durationMinutes, createdById: who.ana.id } })
  ).id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  for (const name of ['ana', 'bob', 'cyd', 'eve']) await signUp(name);
  // ana leads; bob and cyd are members; eve is an outsider.
  partyId = (
    await t.db.party.create({
      data: {
        name: 'Night owls',
        leaderId: who.ana.id,
        members: { create: [{ userId: who.ana.id }, { userId: who.bob.id }, { userId: who.cyd.id }] },
      },
    })
  ).id;
});
afterAll(() => t.drop());

describe('meeting.schedule', () => {
  it('creates the meeting with its agenda in order and notifies the other members', async () => {
    const { id } = await who.bob.b.run((c) =>
      c.meeting.schedule({
        partyId,
        title: 'Sprint planning',
        scheduledAt: inMinutes(60),
        durationMinutes: 45,
        agenda: ['Review', 'Plan', 'Retro'],
      }),
    );
    const m = await who.cyd.b.run((c) => c.meeting.get({ meetingId: id }));
    expect(m).toMatchObject({
      title: 'Sprint planning',
      durationMinutes: 45,
      phase: 'upcoming',
      createdBy: { username: 'bob' },
      party: { id: partyId, name: 'Night owls' },
      attendance: [],
    });
    expect(m.agenda.map((a) => a.title)).toEqual(['Review', 'Plan', 'Retro']);

    const inbox = await t.db.notification.findMany({ where: { type: 'meeting.scheduled' } });
    expect(inbox.map((n) => n.userId).sort()).toEqual([who.ana.id, who.cyd.id].sort());
    expect(inbox[0]).toMatchObject({
      title: 'bob scheduled “Sprint planning” for Night owls',
      link: `/parties/${partyId}/meetings/${id}`,
    });
  });

  it('is for party members only, and only for times ahead', async () => {
    expect(
      await code(who.eve.b.run((c) => c.meeting.schedule({ partyId, title: 'Sneaky', scheduledAt: inMinutes(10) }))),
    ).toBe('NOT_FOUND');
    expect(
      await code(who.ana.b.run((c) => c.meeting.schedule({ partyId, title: 'Late', scheduledAt: inMinutes(-60) }))),
    ).toBe('BAD_REQUEST');
    expect(
      await code(who.ana.b.run((c) => c.meeting.schedule({ partyId, title: ' ', scheduledAt: inMinutes(10) }))),
    ).toBe('BAD_REQUEST');
  });
});

describe('meeting.list', () => {
  it('splits upcoming (soonest first, running ones included) from past (latest first), paging', async () => {
    await t.db.meeting.deleteMany({ where: { partyId } });
    const later = await meetingAt('Later', inMinutes(24 * 60));
    const soon = await meetingAt('Soon', inMinutes(30));
    // Started 70 minutes ago, an hour long: over, but within the overrun grace, so still open.
    const overrunning = await meetingAt('Overrunning', inMinutes(-70));
    const lastWeek = await meetingAt('Last week', inMinutes(-7 * 24 * 60));
    const yesterday = await meetingAt('Yesterday', inMinutes(-24 * 60));

    const upcoming = await who.cyd.b.run((c) => c.meeting.list({ partyId, when: 'upcoming' }));
    expect(upcoming.items.map((m) => m.id)).toEqual([overrunning, soon, later]);
    expect(upcoming.items.map((m) => m.phase)).toEqual(['live', 'upcoming', 'upcoming']);
    const past = await who.cyd.b.run((c) => c.meeting.list({ partyId, when: 'past' }));
    expect(past.items.map((m) => m.id)).toEqual([yesterday, lastWeek]);
    expect(past.items.every((m) => m.phase === 'past')).toBe(true);

    const first = await who.cyd.b.run((c) => c.meeting.list({ partyId, when: 'upcoming', limit: 2 }));
    expect(first).toMatchObject({ hasMore: true, page: 0 });
    const second = await who.cyd.b.run((c) => c.meeting.list({ partyId, when: 'upcoming', limit: 2, page: 1 }));
    expect([...first.items, ...second.items].map((m) => m.id)).toEqual([overrunning, soon, later]);
    expect(second.hasMore).toBe(false);
  });

  it('keeps non-members out of the list and of each meeting', async () => {
    const id = await meetingAt('Private', inMinutes(90));
    expect(await code(who.eve.b.run((c) => c.meeting.list({ partyId, when: 'upcoming' })))).toBe('NOT_FOUND');
    expect(await code(who.eve.b.run((c) => c.meeting.get({ meetingId: id })))).toBe('NOT_FOUND');
    expect(await code(who.eve.b.run((c) => c.meeting.join({ meetingId: id })))).toBe('NOT_FOUND');
    expect(await code(who.eve.b.run((c) => c.meeting.agenda.add({ meetingId: id, title: 'x' })))).toBe('NOT_FOUND');
    expect(await code(who.eve.b.run((c) => c.collab.chat.list({ room: `meeting:${id}` })))).toBe('NOT_FOUND');
  });
});

describe('attendance', () => {
  it('records who joined, keeps the first arrival and marks leaving; past meetings show it', async () => {
    const id = await meetingAt('Standup', inMinutes(-5), 15);
    await who.bob.b.run((c) => c.meeting.join({ meetingId: id }));
    const firstJoin = (
      await t.db.meetingParticipant.findUniqueOrThrow({
        where: { meetingId_userId: { meetingId: id, userId: who.bob.id } },
      })
    ).joinedAt;
    await who.cyd.b.run((c) => c.meeting.join({ meetingId: id }));
    expect(await who.bob.b.run((c) => c.meeting.leave({ meetingId: id }))).toEqual({ left: true });
    // Back again, in two tabs at once.
    await Promise.all([1, 2].map(() => who.bob.b.run((c) => c.meeting.join({ meetingId: id }))));

    const m = await who.ana.b.run((c) => c.meeting.get({ meetingId: id }));
    expect(m.attendance.map((a) => [a.user.username, a.leftAt])).toEqual([
      ['bob', null],
      ['cyd', null],
    ]);
    expect(m.attendance[0].joinedAt).toEqual(firstJoin);
    expect(await who.ana.b.run((c) => c.meeting.leave({ meetingId: id }))).toEqual({ left: false });
    // Opening the room long before the start isn't attending.
    const nextWeek = await meetingAt('Next week', inMinutes(7 * 24 * 60));
    expect(await code(who.ana.b.run((c) => c.meeting.join({ meetingId: nextWeek })))).toBe('PRECONDITION_FAILED');

    // Once the meeting is over it shows under Past with who came, and nobody joins any more.
    await t.db.meeting.update({ where: { id }, data: { scheduledAt: inMinutes(-24 * 60) } });
    const past = await who.ana.b.run((c) => c.meeting.list({ partyId, when: 'past' }));
    const listed = past.items.find((p) => p.id === id);
    expect(listed?.attendance.map((a) => a.user.username)).toEqual(['bob', 'cyd']);
    expect(await code(who.ana.b.run((c) => c.meeting.join({ meetingId: id })))).toBe('PRECONDITION_FAILED');
  });
});

describe('changing a meeting', () => {
  it('lets the organiser and the leader update or cancel, not other members', async () => {
    const { id } = await who.bob.b.run((c) =>
      c.meeting.schedule({ partyId, title: 'Demo day', scheduledAt: inMinutes(120) }),
    );
    expect(await code(who.cyd.b.run((c) => c.meeting.update({ meetingId: id, title: 'Mine now' })))).toBe('FORBIDDEN');
    expect(await code(who.cyd.b.run((c) => c.meeting.cancel({ meetingId: id })))).toBe('FORBIDDEN');
    const updated = await who.bob.b.run((c) =>
      c.meeting.update({ meetingId: id, title: 'Demo night', durationMinutes: 90 }),
    );
    expect(updated).toMatchObject({ title: 'Demo night', durationMinutes: 90, canManage: true });
    expect(await code(who.bob.b.run((c) => c.meeting.update({ meetingId: id, scheduledAt: inMinutes(-120) })))).toBe(
      'BAD_REQUEST',
    );

    await who.ana.b.run((c) => c.meeting.cancel({ meetingId: id }));
    const m = await who.cyd.b.run((c) => c.meeting.get({ meetingId: id }));
    expect(m.phase).toBe('cancelled');
    const told = await t.db.notification.findMany({
      where: { type: 'meeting.cancelled', data: { path: ['meetingId'], equals: id } },
    });
    expect(told.map((n) => n.userId).sort()).toEqual([who.bob.id, who.cyd.id].sort());
    expect(await code(who.bob.b.run((c) => c.meeting.join({ meetingId: id })))).toBe('PRECONDITION_FAILED');
    expect(await code(who.bob.b.run((c) => c.meeting.cancel({ meetingId: id })))).toBe('PRECONDITION_FAILED');
  });
});

describe('meeting.agenda', () => {
  it('adds, ticks, reorders and removes items; a stale order is refused', async () => {
    const { id } = await who.ana.b.run((c) =>
      c.meeting.schedule({ partyId, title: 'Retro', scheduledAt: inMinutes(15), agenda: ['Wins', 'Pains'] }),
    );
    let agenda = await who.cyd.b.run((c) => c.meeting.agenda.add({ meetingId: id, title: 'Actions' }));
    expect(agenda.map((a) => a.title)).toEqual(['Wins', 'Pains', 'Actions']);
    agenda = await who.bob.b.run((c) => c.meeting.agenda.setDone({ itemId: agenda[0].id, done: true }));
    expect(agenda.map((a) => a.done)).toEqual([true, false, false]);

    const [wins, pains, actions] = agenda.map((a) => a.id);
    agenda = await who.bob.b.run((c) => c.meeting.agenda.reorder({ meetingId: id, itemIds: [actions, wins, pains] }));
    expect(agenda.map((a) => a.title)).toEqual(['Actions', 'Wins', 'Pains']);
    expect(await code(who.bob.b.run((c) => c.meeting.agenda.reorder({ meetingId: id, itemIds: [wins, pains] })))).toBe(
      'CONFLICT',
    );

    agenda = await who.ana.b.run((c) => c.meeting.agenda.remove({ itemId: wins }));
    expect(agenda.map((a) => a.title)).toEqual(['Actions', 'Pains']);
    agenda = await who.ana.b.run((c) => c.meeting.agenda.add({ meetingId: id, title: 'Next time' }));
    expect(agenda.map((a) => a.title)).toEqual(['Actions', 'Pains', 'Next time']);
    expect(await code(who.eve.b.run((c) => c.meeting.agenda.setDone({ itemId: pains, done: true })))).toBe('NOT_FOUND');
  });
});

describe("the meeting's room and chat", () => {
  it('gives party members a write token while open and a read token once over; others none', async () => {
    const id = await meetingAt('Pairing hour', inMinutes(10));
    const room = `meeting:${id}`;
    expect((await who.cyd.b.run((c) => c.collab.roomToken({ room }))).permission).toBe('write');
    expect(await code(who.eve.b.run((c) => c.collab.roomToken({ room })))).toBe('FORBIDDEN');

    await who.bob.b.run((c) => c.meeting.join({ meetingId: id }));
    await who.bob.b.run((c) => c.collab.chat.send({ room, body: 'hello owls' }));
    const chat = await who.cyd.b.run((c) => c.collab.chat.list({ room }));
    expect(chat.map((m) => [m.user?.username, m.body])).toEqual([['bob', 'hello owls']]);

    // Someone who attended and then left the party loses the room with it.
    await t.db.partyMember.delete({ where: { partyId_userId: { partyId, userId: who.bob.id } } });
    expect(await code(who.bob.b.run((c) => c.collab.roomToken({ room })))).toBe('FORBIDDEN');
    expect(await code(who.bob.b.run((c) => c.collab.chat.list({ room })))).toBe('NOT_FOUND');
    await t.db.partyMember.create({ data: { partyId, userId: who.bob.id } });

    await t.db.meeting.update({ where: { id }, data: { scheduledAt: inMinutes(-24 * 60) } });
    expect((await who.cyd.b.run((c) => c.collab.roomToken({ room }))).permission).toBe('read');
    expect(await code(who.cyd.b.run((c) => c.collab.chat.send({ room, body: 'too late' })))).toBe(
      'PRECONDITION_FAILED',
    );
    expect(await code(who.cyd.b.run((c) => c.meeting.agenda.add({ meetingId: id, title: 'x' })))).toBe(
      'PRECONDITION_FAILED',
    );
  });
});
