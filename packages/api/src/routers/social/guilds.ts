// Guilds: larger groups with roles. OWNER (exactly one) > OFFICER > MEMBER. Officers invite,
// handle join requests and remove members; only the owner promotes, demotes, removes officers
// and hands the guild over. Every membership or role change locks the guild row, writes a
// GuildActivity row and queues the guild's webhooks, all in one transaction.
import type { Db, DbTx, GuildRole, Prisma } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError, forbidden, notFound } from '../../errors';
import type { WebhookEvent } from '../../schemas/notification';
import type { createGuildInput, updateGuildInput } from '../../schemas/social';
import { links, notify, notifyMany } from '../notification/service';
import { enqueueWebhookEvent, siteUrl } from '../notification/webhooks';
import { assertNotBlocked, hours, lockRow, newInviteCode, publicUserSelect, tx, userByUsername } from './shared';

export const GUILD_MAX_MEMBERS = 100;
const INVITE_TTL_HOURS = 24 * 7;
const JOIN_REQUEST_TTL_HOURS = 24 * 30;

const rank: Record<GuildRole, number> = { MEMBER: 1, OFFICER: 2, OWNER: 3 };
const refusal: Record<GuildRole, string> = {
  MEMBER: 'Only guild members can do that',
  OFFICER: 'Only guild officers and the owner can do that',
  OWNER: 'Only the guild owner can do that',
};

type GuildRef = { id: string; name: string; slug: string };

/** The hook for other domains (leaderboards, meetings): a user's role in a guild, or null. */
export async function guildRole(db: DbTx, guildId: string, userId: string): Promise<GuildRole | null> {
  const m = await db.guildMember.findUnique({ where: { guildId_userId: { guildId, userId } }, select: { role: true } });
  return m?.role ?? null;
}

/** Member ids of a guild, for the guild leaderboard. */
export async function guildMemberIds(db: DbTx, guildId: string): Promise<string[]> {
  const rows = await db.guildMember.findMany({ where: { guildId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

/**
 * The guild and the caller's role, refusing callers below `min`. With `lock`, the guild row is
 * locked first so the role read stays true for the rest of the transaction.
 */
export async function requireGuildRole(t: DbTx, guildId: string, userId: string, min: GuildRole, lock = false) {
  if (lock && !(await lockRow(t, 'Guild', guildId))) throw notFound('Guild');
  const guild = await t.guild.findUnique({
    where: { id: guildId },
    select: { id: true, name: true, slug: true, ownerId: true },
  });
  if (!guild) throw notFound('Guild');
  const role = await guildRole(t, guildId, userId);
  if (!role || rank[role] < rank[min]) throw forbidden(refusal[min]);
  return { guild, role };
}

const colors: Record<WebhookEvent, number> = {
  'member.joined': 0x2ecc71,
  'member.left': 0x95a5a6,
  'member.kicked': 0xe74c3c,
  'member.role_changed': 0x3498db,
  'guild.ownership_transferred': 0xf1c40f,
  'guild.updated': 0x9b59b6,
  ping: 0x7f8c8d,
};

/** A guild event: an activity feed row and, for webhook events, a queued Discord message. */
export async function recordGuildEvent(
  t: DbTx,
  guild: GuildRef,
  actorId: string | null,
  type: string,
  data: Prisma.InputJsonObject,
  webhook?: { event: WebhookEvent; title: string; description?: string },
) {
  await t.guildActivity.create({ data: { guildId: guild.id, actorId, type, data } });
  if (!webhook) return;
  await enqueueWebhookEvent(t, guild.id, webhook.event, {
    username: 'RogueLearn',
    embeds: [
      {
        title: webhook.title,
        description: webhook.description,
        url: siteUrl(links.guild(guild.slug)),
        color: colors[webhook.event],
        timestamp: new Date().toISOString(),
        footer: { text: guild.name },
      },
    ],
  });
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug.length >= 3 ? slug : `guild-${slug || Math.random().toString(36).slice(2, 8)}`;
}

async function assertNameFree(t: DbTx, name: string, exceptId?: string) {
  const taken = await t.guild.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new DomainError('CONFLICT', 'That guild name is taken', { name: ['That guild name is taken'] });
}

export async function createGuild(db: Db, meId: string, input: z.infer<typeof createGuildInput>) {
  const slug = input.slug ?? slugify(input.name);
  return tx(db, async (t) => {
    await assertNameFree(t, input.name);
    if (await t.guild.findUnique({ where: { slug }, select: { id: true } })) {
      throw new DomainError('CONFLICT', 'That guild address is taken', { slug: ['That guild address is taken'] });
    }
    const guild = await t.guild.create({
      data: {
        name: input.name,
        slug,
        tag: input.tag ?? null,
        description: input.description,
        ownerId: meId,
        members: { create: { userId: meId, role: 'OWNER' } },
      },
      select: { id: true, name: true, slug: true },
    });
    await recordGuildEvent(t, guild, meId, 'guild.created', { name: guild.name });
    return guild;
  });
}

export async function listMyGuilds(db: Db, meId: string) {
  const rows = await db.guildMember.findMany({
    where: { userId: meId },
    orderBy: { joinedAt: 'asc' },
    select: {
      role: true,
      joinedAt: true,
      guild: {
        select: {
          id: true,
          name: true,
          slug: true,
          tag: true,
          description: true,
          _count: { select: { members: true } },
        },
      },
    },
  });
  return rows.map(({ guild: { _count, ...guild }, role, joinedAt }) => ({
    ...guild,
    memberCount: _count.members,
    role,
    joinedAt,
  }));
}

/** The public guild profile: anyone (even signed out) sees it, members and their roles included. */
export async function getGuildBySlug(db: Db, slug: string, viewerId: string | null) {
  const guild = await db.guild.findUnique({
    where: { slug },
    select: {
      id: true,
      name: true,
      slug: true,
      tag: true,
      description: true,
      createdAt: true,
      owner: { select: publicUserSelect },
      members: {
        select: {
          role: true,
          joinedAt: true,
          user: { select: { ...publicUserSelect, character: { select: { level: true } } } },
        },
      },
    },
  });
  if (!guild) throw notFound('Guild');
  const members = guild.members
    .map(({ user: { character, ...user }, ...m }) => ({ ...m, user: { ...user, level: character?.level ?? null } }))
    .sort((a, b) => rank[b.role] - rank[a.role] || a.joinedAt.getTime() - b.joinedAt.getTime());
  const viewerRole = viewerId ? (members.find((m) => m.user.id === viewerId)?.role ?? null) : null;
  const pendingJoinRequest =
    viewerId && !viewerRole
      ? (await db.invitation.count({
          where: {
            guildId: guild.id,
            inviteeId: viewerId,
            type: 'JOIN_REQUEST',
            status: 'PENDING',
            expiresAt: { gt: new Date() },
          },
        })) > 0
      : false;
  return { ...guild, members, memberCount: members.length, viewer: { role: viewerRole, pendingJoinRequest } };
}

export async function updateGuild(db: Db, meId: string, input: z.infer<typeof updateGuildInput>) {
  const { guildId, ...changes } = input;
  return tx(db, async (t) => {
    const { guild } = await requireGuildRole(t, guildId, meId, 'OFFICER', true);
    if (changes.name) await assertNameFree(t, changes.name, guildId);
    const data = {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.tag !== undefined ? { tag: changes.tag || null } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
    };
    const updated = await t.guild.update({
      where: { id: guildId },
      data,
      select: { id: true, name: true, slug: true, tag: true, description: true },
    });
    const fields = Object.keys(data);
    if (fields.length) {
      await recordGuildEvent(
        t,
        updated,
        meId,
        'guild.updated',
        { fields },
        {
          event: 'guild.updated',
          title: 'Guild profile updated',
          description: `Changed: ${fields.join(', ')}${guild.name !== updated.name ? ` (formerly ${guild.name})` : ''}`,
        },
      );
    }
    return updated;
  });
}

export async function inviteToGuild(
  db: Db,
  me: { id: string; displayName: string },
  input: { guildId: string; username: string; message?: string },
) {
  const target = await userByUsername(db, input.username);
  if (target.id === me.id) throw new DomainError('BAD_REQUEST', 'You are already in this guild');
  return tx(db, async (t) => {
    const { guild } = await requireGuildRole(t, input.guildId, me.id, 'OFFICER', true);
    await assertNotBlocked(t, me.id, target.id);
    if (await guildRole(t, guild.id, target.id))
      throw new DomainError('CONFLICT', `${target.username} is already a member`);
    const open = await t.invitation.findFirst({
      where: {
        guildId: guild.id,
        inviteeId: target.id,
        type: 'INVITE',
        status: 'PENDING',
        expiresAt: { gt: new Date() },
      },
    });
    if (open) throw new DomainError('CONFLICT', `${target.username} already has an invitation`);
    const invitation = await t.invitation.create({
      data: {
        type: 'INVITE',
        guildId: guild.id,
        inviterId: me.id,
        inviteeId: target.id,
        message: input.message ?? null,
        expiresAt: hours(INVITE_TTL_HOURS),
      },
      select: { id: true, expiresAt: true },
    });
    await recordGuildEvent(t, guild, me.id, 'member.invited', { userId: target.id, username: target.username });
    await notify(t, target.id, {
      type: 'guild.invite',
      title: `${me.displayName} invited you to join ${guild.name}`,
      body: input.message ?? '',
      link: links.invitations(),
      data: { invitationId: invitation.id, guildId: guild.id },
    });
    return invitation;
  });
}

export async function createGuildLink(db: Db, meId: string, guildId: string, expiresInHours: number) {
  return tx(db, async (t) => {
    await requireGuildRole(t, guildId, meId, 'OFFICER');
    const code = newInviteCode();
    const link = await t.invitation.create({
      data: { type: 'LINK', guildId, inviterId: meId, code, expiresAt: hours(expiresInHours) },
      select: { id: true, expiresAt: true },
    });
    return { ...link, code };
  });
}

/** Asks to join; the guild's officers and owner are notified and decide. */
export async function requestToJoin(
  db: Db,
  me: { id: string; displayName: string },
  input: { guildId: string; message?: string },
) {
  return tx(db, async (t) => {
    if (!(await lockRow(t, 'Guild', input.guildId))) throw notFound('Guild');
    const guild = await t.guild.findUniqueOrThrow({
      where: { id: input.guildId },
      select: { id: true, name: true, slug: true },
    });
    if (await guildRole(t, guild.id, me.id)) throw new DomainError('CONFLICT', 'You are already a member');
    const open = await t.invitation.findFirst({
      where: {
        guildId: guild.id,
        inviteeId: me.id,
        status: 'PENDING',
        type: { in: ['JOIN_REQUEST', 'INVITE'] },
        expiresAt: { gt: new Date() },
      },
      select: { type: true },
    });
    if (open?.type === 'JOIN_REQUEST') throw new DomainError('CONFLICT', 'You already asked to join this guild');
    if (open?.type === 'INVITE') throw new DomainError('CONFLICT', 'You already have an invitation: accept it instead');
    const request = await t.invitation.create({
      data: {
        type: 'JOIN_REQUEST',
        guildId: guild.id,
        inviteeId: me.id,
        message: input.message ?? null,
        expiresAt: hours(JOIN_REQUEST_TTL_HOURS),
      },
      select: { id: true, expiresAt: true },
    });
    const deciders = await t.guildMember.findMany({
      where: { guildId: guild.id, role: { in: ['OWNER', 'OFFICER'] } },
      select: { userId: true },
    });
    await notifyMany(
      t,
      deciders.map((d) => ({
        userId: d.userId,
        notification: {
          type: 'guild.join_request',
          title: `${me.displayName} asked to join ${guild.name}`,
          body: input.message ?? '',
          link: links.guild(guild.slug),
          data: { invitationId: request.id, guildId: guild.id, userId: me.id },
        },
      })),
    );
    return request;
  });
}

/** Pending invitations, links and join requests, for the guild's officers. */
export async function pendingForGuild(db: Db, meId: string, guildId: string) {
  await requireGuildRole(db, guildId, meId, 'OFFICER');
  const rows = await db.invitation.findMany({
    where: { guildId, status: 'PENDING', expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      type: true,
      code: true,
      message: true,
      createdAt: true,
      expiresAt: true,
      inviter: { select: publicUserSelect },
      invitee: { select: publicUserSelect },
    },
  });
  return {
    joinRequests: rows.filter((r) => r.type === 'JOIN_REQUEST'),
    invitations: rows.filter((r) => r.type === 'INVITE'),
    links: rows.filter((r) => r.type === 'LINK'),
  };
}

/**
 * Adds a member (invitations, links and approved join requests end here), under the guild lock
 * so the member cap holds.
 */
export async function addGuildMember(
  t: DbTx,
  guildId: string,
  user: { id: string; username: string; displayName: string },
  actorId: string | null,
  via: 'invite' | 'link' | 'join_request',
) {
  if (!(await lockRow(t, 'Guild', guildId))) throw notFound('Guild');
  const guild = await t.guild.findUniqueOrThrow({
    where: { id: guildId },
    select: { id: true, name: true, slug: true, _count: { select: { members: true } } },
  });
  if (await guildRole(t, guildId, user.id)) throw new DomainError('CONFLICT', `${user.username} is already a member`);
  if (guild._count.members >= GUILD_MAX_MEMBERS) throw new DomainError('PRECONDITION_FAILED', 'The guild is full');
  await t.guildMember.create({ data: { guildId, userId: user.id, role: 'MEMBER' } });
  await recordGuildEvent(
    t,
    guild,
    actorId ?? user.id,
    'member.joined',
    { userId: user.id, username: user.username, via },
    {
      event: 'member.joined',
      title: `${user.displayName} joined the guild`,
      description: `Welcome, **${user.username}**!`,
    },
  );
  return { id: guild.id, name: guild.name, slug: guild.slug };
}

export async function respondToJoinRequest(
  db: Db,
  me: { id: string; displayName: string },
  invitationId: string,
  accept: boolean,
) {
  const request = await db.invitation.findUnique({
    where: { id: invitationId },
    select: { guildId: true, type: true },
  });
  if (!request?.guildId || request.type !== 'JOIN_REQUEST') throw notFound('Join request');
  return tx(db, async (t) => {
    const { guild } = await requireGuildRole(t, request.guildId as string, me.id, 'OFFICER', true);
    const fresh = await t.invitation.findUniqueOrThrow({
      where: { id: invitationId },
      include: { invitee: { select: publicUserSelect } },
    });
    if (fresh.status !== 'PENDING' || !fresh.invitee || (fresh.expiresAt && fresh.expiresAt <= new Date())) {
      throw new DomainError('CONFLICT', 'This request is no longer pending');
    }
    await t.invitation.update({
      where: { id: invitationId },
      data: { status: accept ? 'ACCEPTED' : 'DECLINED', respondedAt: new Date(), inviterId: me.id },
    });
    if (!accept) return { accepted: false };
    await addGuildMember(t, guild.id, fresh.invitee, me.id, 'join_request');
    await notify(t, fresh.invitee.id, {
      type: 'guild.join_approved',
      title: `You joined ${guild.name}`,
      link: links.guild(guild.slug),
      data: { guildId: guild.id },
    });
    return { accepted: true };
  });
}

/** Members leave freely; the owner must hand the guild over first, unless they're the last one. */
export async function leaveGuild(db: Db, me: { id: string; username: string; displayName: string }, guildId: string) {
  return tx(db, async (t) => {
    const { guild, role } = await requireGuildRole(t, guildId, me.id, 'MEMBER', true);
    if (role === 'OWNER') {
      const others = await t.guildMember.count({ where: { guildId, userId: { not: me.id } } });
      if (others) throw new DomainError('PRECONDITION_FAILED', 'Transfer ownership to another member before leaving');
      await t.guild.delete({ where: { id: guildId } });
      return { left: true, deleted: true };
    }
    await t.guildMember.delete({ where: { guildId_userId: { guildId, userId: me.id } } });
    await recordGuildEvent(
      t,
      guild,
      me.id,
      'member.left',
      { userId: me.id, username: me.username },
      {
        event: 'member.left',
        title: `${me.displayName} left the guild`,
      },
    );
    return { left: true, deleted: false };
  });
}

/** Officers remove members; the owner removes officers and members; nobody removes the owner. */
export async function kickFromGuild(db: Db, meId: string, guildId: string, userId: string) {
  if (userId === meId) throw new DomainError('BAD_REQUEST', 'Use leave to leave the guild');
  return tx(db, async (t) => {
    const { guild, role } = await requireGuildRole(t, guildId, meId, 'OFFICER', true);
    const target = await t.guildMember.findUnique({
      where: { guildId_userId: { guildId, userId } },
      select: { role: true, user: { select: publicUserSelect } },
    });
    if (!target) throw notFound('Member');
    if (rank[target.role] >= rank[role]) {
      throw forbidden(role === 'OFFICER' ? 'Officers can only remove members' : 'The owner cannot be removed');
    }
    await t.guildMember.delete({ where: { guildId_userId: { guildId, userId } } });
    await recordGuildEvent(
      t,
      guild,
      meId,
      'member.kicked',
      { userId, username: target.user.username },
      {
        event: 'member.kicked',
        title: `${target.user.displayName} was removed from the guild`,
      },
    );
    await notify(t, userId, {
      type: 'guild.kicked',
      title: `You were removed from ${guild.name}`,
      link: links.guild(guild.slug),
      data: { guildId },
    });
    return { kicked: true };
  });
}

export async function setGuildRole(
  db: Db,
  meId: string,
  guildId: string,
  userId: string,
  newRole: 'OFFICER' | 'MEMBER',
) {
  return tx(db, async (t) => {
    const { guild } = await requireGuildRole(t, guildId, meId, 'OWNER', true);
    const target = await t.guildMember.findUnique({
      where: { guildId_userId: { guildId, userId } },
      select: { role: true, user: { select: publicUserSelect } },
    });
    if (!target) throw notFound('Member');
    if (target.role === 'OWNER') throw new DomainError('BAD_REQUEST', 'Transfer ownership instead');
    if (target.role === newRole) return { role: newRole };
    await t.guildMember.update({ where: { guildId_userId: { guildId, userId } }, data: { role: newRole } });
    const promoted = rank[newRole] > rank[target.role];
    await recordGuildEvent(
      t,
      guild,
      meId,
      'member.role_changed',
      { userId, username: target.user.username, from: target.role, to: newRole },
      {
        event: 'member.role_changed',
        title: `${target.user.displayName} is now ${newRole === 'OFFICER' ? 'an officer' : 'a member'}`,
      },
    );
    await notify(t, userId, {
      type: 'guild.role_changed',
      title: promoted ? `You are now an officer of ${guild.name}` : `You are no longer an officer of ${guild.name}`,
      link: links.guild(guild.slug),
      data: { guildId, role: newRole },
    });
    return { role: newRole };
  });
}

/** The new owner must already be a member; the old owner stays on as an officer. */
export async function transferGuildOwnership(db: Db, meId: string, guildId: string, userId: string) {
  if (userId === meId) throw new DomainError('BAD_REQUEST', 'You already own this guild');
  return tx(db, async (t) => {
    const { guild } = await requireGuildRole(t, guildId, meId, 'OWNER', true);
    const target = await t.guildMember.findUnique({
      where: { guildId_userId: { guildId, userId } },
      select: { user: { select: publicUserSelect } },
    });
    if (!target) throw notFound('Member');
    await t.guildMember.update({ where: { guildId_userId: { guildId, userId: meId } }, data: { role: 'OFFICER' } });
    await t.guildMember.update({ where: { guildId_userId: { guildId, userId } }, data: { role: 'OWNER' } });
    await t.guild.update({ where: { id: guildId }, data: { ownerId: userId } });
    await recordGuildEvent(
      t,
      guild,
      meId,
      'guild.ownership_transferred',
      { from: meId, to: userId, username: target.user.username },
      {
        event: 'guild.ownership_transferred',
        title: `${target.user.displayName} now leads the guild`,
      },
    );
    await notify(t, userId, {
      type: 'guild.role_changed',
      title: `You are now the owner of ${guild.name}`,
      link: links.guild(guild.slug),
      data: { guildId, role: 'OWNER' },
    });
    return { ownerId: userId };
  });
}

/** The activity feed, newest first, for members. */
export async function guildActivity(db: Db, meId: string, input: { guildId: string; cursor?: string; limit: number }) {
  await requireGuildRole(db, input.guildId, meId, 'MEMBER');
  const rows = await db.guildActivity.findMany({
    where: { guildId: input.guildId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: { id: true, type: true, data: true, createdAt: true, actor: { select: publicUserSelect } },
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1].id : null };
}
