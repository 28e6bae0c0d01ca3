// Parties and guilds through the tRPC API on real PostgreSQL: who may invite, kick, promote and
// hand over; the block rule on invitations; size limits under concurrent joins; the activity feed.
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, testAuthConfig } from '../../testing';

const config = testAuthConfig();
let t: TestDatabase;
type Browser = ReturnType<typeof browser>;
const u: Record<string, { b: Browser; id: string }> = {};
const names = ['lead', 'mem', 'off', 'out', 'blk', 'joe1', 'joe2', 'joe3', 'joe4', 'joe5', 'joe6', 'joe7'];

beforeAll(async () => {
  t = await createTestDatabase();
  for (const name of names) {
    const b = browser(t.db, config);
    const { user } = await b.run((c) =>
      c.auth.signUp({
        email: `${name}@g.io`,
        username: name,
        displayName: name.toUpperCase(),
        password: 'password-123',
      }),
    );
    u[name] = { b, id: user.id };
  }
}, 120_000);
afterAll(() => t.drop());

const as = (name: string) => u[name].b.run.bind(u[name].b);

describe('parties', () => {
  it('the leader invites by username; the invitee sees it, is notified, and joins', async () => {
    const { id: partyId } = await as('lead')((c) => c.social.parties.create({ name: 'Night Owls' }));
    const inv = await as('lead')((c) => c.social.parties.invite({ partyId, username: 'mem' }));
    const mine = await as('mem')((c) => c.social.invitations.mine());
    expect(mine.map((i) => [i.id, i.party?.name, i.inviter?.username])).toEqual([[inv.id, 'Night Owls', 'lead']]);
    expect(await t.db.notification.count({ where: { userId: u.mem.id, type: 'party.invite' } })).toBe(1);
    await expect(as('lead')((c) => c.social.parties.invite({ partyId, username: 'mem' }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await as('mem')((c) => c.social.invitations.accept({ id: inv.id }))).toMatchObject({
      kind: 'party',
      partyId,
    });
    const party = await as('mem')((c) => c.social.parties.get({ partyId }));
    expect(party.members.map((m) => m.user.username)).toEqual(['lead', 'mem']);
    expect(party.isLeader).toBe(false);
    await expect(as('mem')((c) => c.social.invitations.accept({ id: inv.id }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(as('out')((c) => c.social.parties.get({ partyId }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('only the leader invites, links, kicks and hands over', async () => {
    const { id: partyId } = await as('lead')((c) => c.social.parties.create({ name: 'Only Leader' }));
    const link = await as('lead')((c) => c.social.parties.createLink({ partyId }));
    await as('mem')((c) => c.social.invitations.acceptCode({ code: link.code }));
    await as('off')((c) => c.social.invitations.acceptCode({ code: link.code }));
    for (const attempt of [
      () => as('mem')((c) => c.social.parties.invite({ partyId, username: 'out' })),
      () => as('mem')((c) => c.social.parties.createLink({ partyId })),
      () => as('mem')((c) => c.social.parties.kick({ partyId, userId: u.off.id })),
      () => as('mem')((c) => c.social.parties.transferLeadership({ partyId, userId: u.mem.id })),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'Only the party leader can do that',
      });
    }
    await as('lead')((c) => c.social.parties.kick({ partyId, userId: u.off.id }));
    await as('lead')((c) => c.social.parties.transferLeadership({ partyId, userId: u.mem.id }));
    await as('mem')((c) => c.social.parties.kick({ partyId, userId: u.lead.id }));
    const party = await as('mem')((c) => c.social.parties.get({ partyId }));
    expect(party.members.map((m) => m.user.username)).toEqual(['mem']);
    expect(party.isLeader).toBe(true);
  });

  it('a blocked user cannot send or receive party invitations, either way', async () => {
    const { id: partyId } = await as('lead')((c) => c.social.parties.create({ name: 'No Blocks' }));
    const pending = await as('lead')((c) => c.social.parties.invite({ partyId, username: 'blk' }));
    // The invitee blocks the leader: the pending invitation is withdrawn, new ones refused.
    await as('blk')((c) => c.social.friends.block({ username: 'lead' }));
    expect((await t.db.invitation.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe('REVOKED');
    await expect(as('lead')((c) => c.social.parties.invite({ partyId, username: 'blk' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // And the blocker can't invite the person they blocked into their own party.
    const { id: own } = await as('blk')((c) => c.social.parties.create({ name: 'Blocker Party' }));
    await expect(as('blk')((c) => c.social.parties.invite({ partyId: own, username: 'lead' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Nor join through a link into a party with someone they blocked.
    const link = await as('lead')((c) => c.social.parties.createLink({ partyId }));
    await expect(as('blk')((c) => c.social.invitations.acceptCode({ code: link.code }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await as('blk')((c) => c.social.friends.unblock({ username: 'lead' }));
  });

  it('holds at six members when eight people race through the same link', async () => {
    const { id: partyId } = await as('lead')((c) => c.social.parties.create({ name: 'Full House' }));
    const { code } = await as('lead')((c) => c.social.parties.createLink({ partyId }));
    const racers = ['joe1', 'joe2', 'joe3', 'joe4', 'joe5', 'joe6', 'joe7', 'out'];
    const results = await Promise.allSettled(
      racers.map((n) => as(n)((c) => c.social.invitations.acceptCode({ code }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(await t.db.partyMember.count({ where: { partyId } })).toBe(6);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'PRECONDITION_FAILED', message: 'The party is full' });
  });

  it('leadership passes on when the leader leaves; the last one out ends the party', async () => {
    const { id: partyId } = await as('lead')((c) => c.social.parties.create({ name: 'Passing' }));
    const { code } = await as('lead')((c) => c.social.parties.createLink({ partyId }));
    await as('mem')((c) => c.social.invitations.acceptCode({ code }));
    expect(await as('lead')((c) => c.social.parties.leave({ partyId }))).toEqual({ left: true, disbanded: false });
    expect((await as('mem')((c) => c.social.parties.get({ partyId }))).isLeader).toBe(true);
    expect(await as('mem')((c) => c.social.parties.leave({ partyId }))).toEqual({ left: true, disbanded: true });
    expect(await t.db.party.count({ where: { id: partyId } })).toBe(0);
  });
});

describe('guilds', () => {
  let guildId: string;

  it('creates a guild whose public profile lists members and roles', async () => {
    const g = await as('lead')((c) =>
      c.social.guilds.create({ name: 'Recursive Rangers', tag: 'rr', description: 'Loops.' }),
    );
    guildId = g.id;
    expect(g.slug).toBe('recursive-rangers');
    await expect(as('out')((c) => c.social.guilds.create({ name: 'recursive rangers' }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const anonymous = browser(t.db, config);
    const profile = await anonymous.run((c) => c.social.guilds.bySlug({ slug: 'recursive-rangers' }));
    expect(profile).toMatchObject({ name: 'Recursive Rangers', tag: 'RR', memberCount: 1, viewer: { role: null } });
    expect(profile.members.map((m) => [m.user.username, m.role])).toEqual([['lead', 'OWNER']]);
  });

  it('only officers and the owner invite; a blocked user cannot be invited', async () => {
    const inv = await as('lead')((c) => c.social.guilds.invite({ guildId, username: 'mem', message: 'Join us' }));
    await as('mem')((c) => c.social.invitations.accept({ id: inv.id }));
    const inv2 = await as('lead')((c) => c.social.guilds.invite({ guildId, username: 'off' }));
    await as('off')((c) => c.social.invitations.accept({ id: inv2.id }));
    await as('lead')((c) => c.social.guilds.setRole({ guildId, userId: u.off.id, role: 'OFFICER' }));

    await expect(as('mem')((c) => c.social.guilds.invite({ guildId, username: 'out' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only guild officers and the owner can do that',
    });
    await expect(as('mem')((c) => c.social.guilds.createLink({ guildId }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(as('out')((c) => c.social.guilds.invite({ guildId, username: 'joe1' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const byOfficer = await as('off')((c) => c.social.guilds.invite({ guildId, username: 'joe1' }));
    expect(byOfficer.id).toBeTruthy();

    await as('blk')((c) => c.social.friends.block({ username: 'off' }));
    await expect(as('off')((c) => c.social.guilds.invite({ guildId, username: 'blk' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await as('blk')((c) => c.social.friends.unblock({ username: 'off' }));
  });

  it('officers remove members but not officers or the owner; the owner removes officers', async () => {
    const { code } = await as('off')((c) => c.social.guilds.createLink({ guildId }));
    expect(await browser(t.db, config).run((c) => c.social.invitations.preview({ code }))).toMatchObject({
      kind: 'guild',
      guild: { name: 'Recursive Rangers', members: 3 },
    });
    await as('joe2')((c) => c.social.invitations.acceptCode({ code }));
    await as('joe3')((c) => c.social.invitations.acceptCode({ code }));

    await expect(as('mem')((c) => c.social.guilds.kick({ guildId, userId: u.joe2.id }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await as('off')((c) => c.social.guilds.kick({ guildId, userId: u.joe2.id }));
    await expect(as('off')((c) => c.social.guilds.kick({ guildId, userId: u.lead.id }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Officers can only remove members',
    });
    await as('lead')((c) => c.social.guilds.setRole({ guildId, userId: u.joe3.id, role: 'OFFICER' }));
    await expect(as('off')((c) => c.social.guilds.kick({ guildId, userId: u.joe3.id }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      as('off')((c) => c.social.guilds.setRole({ guildId, userId: u.mem.id, role: 'OFFICER' })),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only the guild owner can do that',
    });
    await as('lead')((c) => c.social.guilds.kick({ guildId, userId: u.joe3.id }));
    expect(await t.db.notification.count({ where: { userId: u.joe3.id, type: 'guild.kicked' } })).toBe(1);
  });

  it('join requests reach the officers, who decide', async () => {
    const req = await as('joe4')((c) => c.social.guilds.requestJoin({ guildId, message: 'Hi!' }));
    await expect(as('joe4')((c) => c.social.guilds.requestJoin({ guildId }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const told = await t.db.notification.findMany({ where: { type: 'guild.join_request' }, select: { userId: true } });
    expect(told.map((n) => n.userId).sort()).toEqual([u.lead.id, u.off.id].sort());
    await expect(as('mem')((c) => c.social.guilds.pending({ guildId }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const pending = await as('off')((c) => c.social.guilds.pending({ guildId }));
    expect(pending.joinRequests.map((r) => [r.invitee?.username, r.message])).toEqual([['joe4', 'Hi!']]);
    await expect(
      as('mem')((c) => c.social.guilds.respondJoinRequest({ id: req.id, accept: true })),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await as('off')((c) => c.social.guilds.respondJoinRequest({ id: req.id, accept: true }));
    const profile = await as('joe4')((c) => c.social.guilds.bySlug({ slug: 'recursive-rangers' }));
    expect(profile.viewer.role).toBe('MEMBER');
    const denied = await as('joe5')((c) => c.social.guilds.requestJoin({ guildId }));
    await as('lead')((c) => c.social.guilds.respondJoinRequest({ id: denied.id, accept: false }));
    expect((await as('joe5')((c) => c.social.guilds.bySlug({ slug: 'recursive-rangers' }))).viewer.role).toBeNull();
  });

  it('hands ownership over; the owner cannot leave without doing so', async () => {
    await expect(as('lead')((c) => c.social.guilds.leave({ guildId }))).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    await expect(
      as('off')((c) => c.social.guilds.transferOwnership({ guildId, userId: u.mem.id })),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await as('lead')((c) => c.social.guilds.transferOwnership({ guildId, userId: u.mem.id }));
    const roles = Object.fromEntries(
      (await as('lead')((c) => c.social.guilds.bySlug({ slug: 'recursive-rangers' }))).members.map((m) => [
        m.user.username,
        m.role,
      ]),
    );
    expect(roles).toMatchObject({ mem: 'OWNER', lead: 'OFFICER', off: 'OFFICER' });
    expect((await t.db.guild.findUniqueOrThrow({ where: { id: guildId } })).ownerId).toBe(u.mem.id);
    await as('lead')((c) => c.social.guilds.leave({ guildId }));
    await as('mem')((c) => c.social.guilds.update({ guildId, description: 'New era.' }));
    await expect(as('joe4')((c) => c.social.guilds.update({ guildId, description: 'Hacked' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('keeps an activity feed of all of it, for members only', async () => {
    const feed = await as('mem')((c) => c.social.guilds.activity({ guildId, limit: 100 }));
    expect(feed.items.map((a) => a.type).reverse()).toEqual([
      'guild.created',
      'member.invited',
      'member.joined',
      'member.invited',
      'member.joined',
      'member.role_changed',
      'member.invited',
      'member.joined',
      'member.joined',
      'member.kicked',
      'member.role_changed',
      'member.kicked',
      'member.joined',
      'guild.ownership_transferred',
      'member.left',
      'guild.updated',
    ]);
    await expect(as('out')((c) => c.social.guilds.activity({ guildId }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const mine = await as('joe4')((c) => c.social.guilds.mine());
    expect(mine.map((g) => [g.slug, g.role])).toEqual([['recursive-rangers', 'MEMBER']]);
  });
});
