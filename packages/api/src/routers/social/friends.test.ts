// Friends through the tRPC API on real PostgreSQL: requests, answers, presence, and blocking.
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browser, testAuthConfig } from '../../testing';

const config = testAuthConfig();
let t: TestDatabase;
type Browser = ReturnType<typeof browser>;
const u: Record<string, { b: Browser; id: string }> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  for (const name of ['ana', 'bob', 'cyd', 'dee']) {
    const b = browser(t.db, config);
    const { user } = await b.run((c) =>
      c.auth.signUp({
        email: `${name}@f.io`,
        username: name,
        displayName: name.toUpperCase(),
        password: 'password-123',
      }),
    );
    u[name] = { b, id: user.id };
  }
});
afterAll(() => t.drop());
beforeEach(async () => {
  await t.db.friendship.deleteMany();
  await t.db.userBlock.deleteMany();
  await t.db.notification.deleteMany();
});

const as = (name: string) => u[name].b.run.bind(u[name].b);

describe('friend requests', () => {
  it('request → pending on both sides → accept → friends, with notifications both ways', async () => {
    const sent = await as('ana')((c) => c.social.friends.request({ username: 'BOB' }));
    expect(sent.status).toBe('PENDING');
    const bobPending = await as('bob')((c) => c.social.friends.pending());
    expect(bobPending.incoming.map((r) => r.user.username)).toEqual(['ana']);
    expect((await as('ana')((c) => c.social.friends.pending())).outgoing.map((r) => r.user.username)).toEqual(['bob']);
    const [note] = await t.db.notification.findMany({ where: { userId: u.bob.id } });
    expect(note).toMatchObject({ type: 'friend.request', title: 'ANA sent you a friend request', link: '/friends' });

    await expect(as('ana')((c) => c.social.friends.accept({ id: sent.id }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await as('bob')((c) => c.social.friends.accept({ id: sent.id }));
    expect((await as('ana')((c) => c.user.friends())).map((f) => f.user.username)).toEqual(['bob']);
    expect((await as('bob')((c) => c.social.friends.list())).map((f) => f.user.username)).toEqual(['ana']);
    expect(await t.db.notification.count({ where: { userId: u.ana.id, type: 'friend.accepted' } })).toBe(1);
    await expect(as('bob')((c) => c.social.friends.request({ username: 'ana' }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('crossing requests become one friendship', async () => {
    await Promise.all([
      as('ana')((c) => c.social.friends.request({ username: 'cyd' })),
      as('cyd')((c) => c.social.friends.request({ username: 'ana' })),
    ]);
    const rows = await t.db.friendship.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('ACCEPTED');
  });

  it('a declined requester must wait before asking again; a withdrawn request just disappears', async () => {
    const { id } = await as('ana')((c) => c.social.friends.request({ username: 'bob' }));
    await as('bob')((c) => c.social.friends.decline({ id }));
    await expect(as('ana')((c) => c.social.friends.request({ username: 'bob' }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // Bob changing his mind is fine: his request replaces Ana's declined one.
    const back = await as('bob')((c) => c.social.friends.request({ username: 'ana' }));
    expect(back.status).toBe('PENDING');
    expect(await t.db.friendship.count()).toBe(1);
    expect(await as('bob')((c) => c.social.friends.decline({ id: back.id }))).toEqual({
      id: back.id,
      status: 'WITHDRAWN',
    });
    expect(await t.db.friendship.count()).toBe(0);
  });

  it('refuses yourself and unknown users, and removes friends', async () => {
    await expect(as('ana')((c) => c.social.friends.request({ username: 'ana' }))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(as('ana')((c) => c.social.friends.request({ username: 'nobody' }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const { id } = await as('ana')((c) => c.social.friends.request({ username: 'dee' }));
    await as('dee')((c) => c.social.friends.accept({ id }));
    await as('dee')((c) => c.social.friends.remove({ username: 'ana' }));
    expect(await as('ana')((c) => c.user.friends())).toEqual([]);
  });

  it('shows friends online while their live connection keeps lastSeenAt fresh, unless they hide it', async () => {
    const { id } = await as('ana')((c) => c.social.friends.request({ username: 'bob' }));
    await as('bob')((c) => c.social.friends.accept({ id }));
    await t.db.user.update({ where: { id: u.bob.id }, data: { lastSeenAt: new Date() } });
    expect((await as('ana')((c) => c.social.friends.list()))[0].online).toBe(true);
    await as('bob')((c) => c.user.updatePreferences({ showOnline: false }));
    const hidden = (await as('ana')((c) => c.social.friends.list()))[0];
    expect(hidden.online).toBe(false);
    expect(hidden.lastSeenAt).toBeNull();
    await as('bob')((c) => c.user.updatePreferences({ showOnline: true }));
    await t.db.user.update({ where: { id: u.bob.id }, data: { lastSeenAt: new Date(Date.now() - 10 * 60_000) } });
    expect((await as('ana')((c) => c.social.friends.list()))[0].online).toBe(false);
  });
});

describe('blocking', () => {
  it('ends the friendship and stops friend requests both ways until unblocked', async () => {
    const { id } = await as('ana')((c) => c.social.friends.request({ username: 'bob' }));
    await as('bob')((c) => c.social.friends.accept({ id }));
    await as('ana')((c) => c.social.friends.block({ username: 'bob' }));
    expect(await as('bob')((c) => c.user.friends())).toEqual([]);
    await expect(as('bob')((c) => c.social.friends.request({ username: 'ana' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: "You can't send requests or invitations to this user",
    });
    await expect(as('ana')((c) => c.social.friends.request({ username: 'bob' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await as('ana')((c) => c.social.friends.blocked())).map((b) => b.user.username)).toEqual(['bob']);
    // Only the blocker can lift it.
    await as('bob')((c) => c.social.friends.unblock({ username: 'ana' }));
    await expect(as('bob')((c) => c.social.friends.request({ username: 'ana' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await as('ana')((c) => c.social.friends.unblock({ username: 'bob' }));
    expect((await as('bob')((c) => c.social.friends.request({ username: 'ana' }))).status).toBe('PENDING');
  });

  it('drops a pending request, and an accept of a request made before the block fails', async () => {
    const { id } = await as('cyd')((c) => c.social.friends.request({ username: 'dee' }));
    await as('cyd')((c) => c.social.friends.block({ username: 'dee' }));
    expect(await t.db.friendship.count()).toBe(0);
    await expect(as('dee')((c) => c.social.friends.accept({ id }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
