// The inbox on real PostgreSQL: preferences, paging, read state, and the live stream.
import { createNotifier, type Notifier } from '@roguelearn/db/notify';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../../context';
import { createCaller } from '../../root';
import { browser, testAuthConfig } from '../../testing';
import { type LiveEvent, notify } from './service';

const config = testAuthConfig();
let t: TestDatabase;
let notifier: Notifier;
type Browser = ReturnType<typeof browser>;
const u: Record<string, { b: Browser; id: string }> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  notifier = createNotifier(t.url);
  for (const name of ['ana', 'bob']) {
    const b = browser(t.db, config);
    const { user } = await b.run((c) =>
      c.auth.signUp({
        email: `${name}@n.io`,
        username: name,
        displayName: name.toUpperCase(),
        password: 'password-123',
      }),
    );
    u[name] = { b, id: user.id };
  }
});
afterAll(async () => {
  await notifier.close();
  await t.drop();
});
beforeEach(async () => {
  await t.db.notification.deleteMany();
  await t.db.notificationPreference.deleteMany();
});

const as = (name: string) => u[name].b.run.bind(u[name].b);

describe('inbox', () => {
  it('lists newest first (or unread first), pages, counts and marks read', async () => {
    for (let i = 0; i < 5; i++) {
      await notify(t.db, u.ana.id, { type: 'friend.request', title: `n${i}` });
      await new Promise((r) => setTimeout(r, 2));
    }
    const bobs = await notify(t.db, u.bob.id, { type: 'friend.request', title: 'for bob' });
    const first = await as('ana')((c) => c.notification.list({ limit: 2 }));
    expect(first.items.map((n) => n.title)).toEqual(['n4', 'n3']);
    const second = await as('ana')((c) => c.notification.list({ limit: 2, cursor: first.nextCursor! }));
    expect(second.items.map((n) => n.title)).toEqual(['n2', 'n1']);
    expect(await as('ana')((c) => c.notification.unreadCount())).toBe(5);

    const n1 = second.items[1].id;
    // Someone else's id is ignored, not an error and not marked.
    expect(await as('ana')((c) => c.notification.markRead({ ids: [n1, bobs!] }))).toEqual({ updated: 1, unread: 4 });
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: bobs! } })).readAt).toBeNull();
    const unreadFirst = await as('ana')((c) => c.notification.list({ unreadFirst: true }));
    expect(unreadFirst.items.map((n) => n.title)).toEqual(['n4', 'n3', 'n2', 'n0', 'n1']);
    expect((await as('ana')((c) => c.notification.list({ unreadOnly: true }))).items).toHaveLength(4);
    expect(await as('ana')((c) => c.notification.markAllRead())).toEqual({ updated: 4, unread: 0 });
    expect(await as('bob')((c) => c.notification.unreadCount())).toBe(1);
  });

  it('respects per-type preferences', async () => {
    const prefs = await as('ana')((c) => c.notification.preferences());
    expect(prefs.find((p) => p.type === 'party.invite')).toEqual({ type: 'party.invite', inApp: true, push: true });
    await as('ana')((c) =>
      c.notification.setPreferences({
        preferences: [
          { type: 'party.invite', inApp: false, push: false },
          { type: 'friend.request', inApp: true, push: false },
        ],
      }),
    );
    expect(await notify(t.db, u.ana.id, { type: 'party.invite', title: 'muted' })).toBeNull();
    expect(await notify(t.db, u.ana.id, { type: 'friend.request', title: 'quiet' })).not.toBeNull();
    expect(await notify(t.db, u.ana.id, { type: 'something.new', title: 'default on' })).not.toBeNull();
    expect((await as('ana')((c) => c.notification.list({}))).items.map((n) => n.title)).toEqual([
      'default on',
      'quiet',
    ]);
  });
});

describe('live inbox', () => {
  async function subscribe(name: string) {
    const headers = new Headers({
      cookie: [...u[name].b.jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '),
    });
    const ctx = await createContext({ db: t.db, config, headers, notifier });
    const abort = new AbortController();
    const stream = (await createCaller(ctx, { signal: abort.signal }).notification.onNew()) as AsyncIterable<LiveEvent>;
    const events: LiveEvent[] = [];
    const done = (async () => {
      for await (const e of stream) events.push(e);
    })();
    await new Promise((r) => setTimeout(r, 250));
    return {
      events,
      stop: async () => {
        abort.abort();
        await done;
      },
    };
  }

  it('shows a party invitation in the invitee inbox as it is sent, and badge changes from other tabs', async () => {
    await t.db.user.update({ where: { id: u.bob.id }, data: { lastSeenAt: null } });
    const live = await subscribe('bob');
    // Subscribing marks the user present (friends see them online).
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.bob.id } })).lastSeenAt).not.toBeNull();
    const { id: partyId } = await as('ana')((c) => c.social.parties.create({ name: 'Live Party' }));
    await as('ana')((c) => c.social.parties.invite({ partyId, username: 'bob' }));
    await as('ana')((c) => c.social.friends.request({ username: 'bob' })); // Ana's own stream would see nothing of this
    await new Promise((r) => setTimeout(r, 300));
    await as('bob')((c) => c.notification.markAllRead());
    await new Promise((r) => setTimeout(r, 300));
    await live.stop();
    expect(live.events[0]).toEqual({ kind: 'sync', unreadCount: 0 });
    const fresh = live.events.filter((e) => e.kind === 'new');
    expect(fresh.map((e) => e.kind === 'new' && e.notification.type)).toEqual(['party.invite', 'friend.request']);
    expect(fresh[0]).toMatchObject({
      push: true,
      unreadCount: expect.any(Number),
      notification: { title: 'ANA invited you to the party Live Party' },
    });
    expect(live.events.at(-1)).toEqual({ kind: 'sync', unreadCount: 0 });
  });
});
