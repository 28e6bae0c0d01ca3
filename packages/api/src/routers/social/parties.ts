// Parties: small groups (Party.maxSize, 6) with one leader. Only the leader invites, kicks and
// hands over leadership. Every membership change locks the party row first, so the size limit
// holds under concurrent joins and a leader can't be kicked mid-transfer.
import type { Db, DbTx } from '@roguelearn/db';
import { DomainError, forbidden, notFound } from '../../errors';
import { links, notify } from '../notification/service';
import { assertNotBlocked, hours, lockRow, newInviteCode, publicUserSelect, tx, userByUsername } from './shared';

/** Invitations by username expire after a week if nobody answers. */
const INVITE_TTL_HOURS = 24 * 7;

async function loadParty(t: DbTx, partyId: string, lock: boolean) {
  if (lock && !(await lockRow(t, 'Party', partyId))) throw notFound('Party');
  const party = await t.party.findUnique({
    where: { id: partyId },
    include: { members: { orderBy: { joinedAt: 'asc' } } },
  });
  if (!party) throw notFound('Party');
  return party;
}

/** The party, if `userId` leads it; non-members can't tell it exists. */
async function asLeader(t: DbTx, partyId: string, userId: string) {
  const party = await loadParty(t, partyId, true);
  if (!party.members.some((m) => m.userId === userId)) throw notFound('Party');
  if (party.leaderId !== userId) throw forbidden('Only the party leader can do that');
  return party;
}

/** The hook for other domains (meetings): is this user in this party? */
export async function isPartyMember(db: DbTx, partyId: string, userId: string): Promise<boolean> {
  return (await db.partyMember.count({ where: { partyId, userId } })) > 0;
}

export async function createParty(db: Db, meId: string, name: string) {
  const party = await db.party.create({
    data: { name, leaderId: meId, members: { create: { userId: meId } } },
    select: { id: true, name: true },
  });
  return party;
}

const partyDetail = {
  id: true,
  name: true,
  maxSize: true,
  createdAt: true,
  leader: { select: publicUserSelect },
  members: { orderBy: { joinedAt: 'asc' }, select: { joinedAt: true, user: { select: publicUserSelect } } },
} as const;

export async function listMyParties(db: Db, meId: string) {
  const parties = await db.party.findMany({
    where: { members: { some: { userId: meId } } },
    orderBy: { createdAt: 'desc' },
    select: partyDetail,
  });
  return parties.map((p) => ({ ...p, isLeader: p.leader.id === meId }));
}

/** Members see the party; the leader also sees its pending invitations and links. */
export async function getParty(db: Db, meId: string, partyId: string) {
  const party = await db.party.findFirst({
    where: { id: partyId, members: { some: { userId: meId } } },
    select: partyDetail,
  });
  if (!party) throw notFound('Party');
  const isLeader = party.leader.id === meId;
  const pending = isLeader
    ? await db.invitation.findMany({
        where: { partyId, status: 'PENDING', OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
        orderBy: { createdAt: 'desc' },
        select: {
          id: true,
          type: true,
          code: true,
          expiresAt: true,
          createdAt: true,
          invitee: { select: publicUserSelect },
        },
      })
    : [];
  return { ...party, isLeader, invitations: pending };
}

export async function inviteToParty(
  db: Db,
  me: { id: string; displayName: string },
  partyId: string,
  username: string,
) {
  const target = await userByUsername(db, username);
  if (target.id === me.id) throw new DomainError('BAD_REQUEST', 'You are already in this party');
  return tx(db, async (t) => {
    const party = await asLeader(t, partyId, me.id);
    await assertNotBlocked(t, me.id, target.id);
    if (party.members.some((m) => m.userId === target.id))
      throw new DomainError('CONFLICT', `${target.username} is already in the party`);
    if (party.members.length >= party.maxSize) throw new DomainError('PRECONDITION_FAILED', 'The party is full');
    const open = await t.invitation.findFirst({
      where: { partyId, inviteeId: target.id, type: 'INVITE', status: 'PENDING', expiresAt: { gt: new Date() } },
    });
    if (open) throw new DomainError('CONFLICT', `${target.username} already has an invitation`);
    const invitation = await t.invitation.create({
      data: { type: 'INVITE', partyId, inviterId: me.id, inviteeId: target.id, expiresAt: hours(INVITE_TTL_HOURS) },
      select: { id: true, expiresAt: true },
    });
    await notify(t, target.id, {
      type: 'party.invite',
      title: `${me.displayName} invited you to the party ${party.name}`,
      link: links.invitations(),
      data: { invitationId: invitation.id, partyId },
    });
    return invitation;
  });
}

/** A shareable link anyone can join through until it expires or the leader revokes it. */
export async function createPartyLink(db: Db, meId: string, partyId: string, expiresInHours: number) {
  return tx(db, async (t) => {
    await asLeader(t, partyId, meId);
    const code = newInviteCode();
    const link = await t.invitation.create({
      data: { type: 'LINK', partyId, inviterId: meId, code, expiresAt: hours(expiresInHours) },
      select: { id: true, expiresAt: true },
    });
    return { ...link, code };
  });
}

/**
 * Adds a member (invitation and link acceptance end here). Checks the size limit under the
 * party lock and the block rule against everyone already in the party.
 */
export async function addPartyMember(t: DbTx, partyId: string, user: { id: string; displayName: string }) {
  const party = await loadParty(t, partyId, true);
  if (party.members.some((m) => m.userId === user.id))
    throw new DomainError('CONFLICT', 'You are already in this party');
  if (party.members.length >= party.maxSize) throw new DomainError('PRECONDITION_FAILED', 'The party is full');
  const blocked = await t.userBlock.count({
    where: {
      OR: [
        { blockerId: user.id, blockedId: { in: party.members.map((m) => m.userId) } },
        { blockedId: user.id, blockerId: { in: party.members.map((m) => m.userId) } },
      ],
    },
  });
  if (blocked) throw new DomainError('FORBIDDEN', "You can't join this party");
  await t.partyMember.create({ data: { partyId, userId: user.id } });
  await notify(t, party.leaderId, {
    type: 'party.joined',
    title: `${user.displayName} joined ${party.name}`,
    link: links.parties(partyId),
    data: { partyId, userId: user.id },
  });
  return { partyId, name: party.name };
}

/** Leaving hands leadership to the longest-standing member; the last one out ends the party. */
export async function leaveParty(db: Db, meId: string, partyId: string) {
  return tx(db, async (t) => {
    const party = await loadParty(t, partyId, true);
    if (!party.members.some((m) => m.userId === meId)) throw notFound('Party');
    const rest = party.members.filter((m) => m.userId !== meId);
    if (!rest.length) {
      await t.party.delete({ where: { id: partyId } });
      return { left: true, disbanded: true };
    }
    await t.partyMember.delete({ where: { partyId_userId: { partyId, userId: meId } } });
    if (party.leaderId === meId) await t.party.update({ where: { id: partyId }, data: { leaderId: rest[0].userId } });
    return { left: true, disbanded: false };
  });
}

export async function kickFromParty(db: Db, meId: string, partyId: string, userId: string) {
  if (userId === meId) throw new DomainError('BAD_REQUEST', 'Use leave to leave the party');
  return tx(db, async (t) => {
    const party = await asLeader(t, partyId, meId);
    if (!party.members.some((m) => m.userId === userId)) throw notFound('Member');
    await t.partyMember.delete({ where: { partyId_userId: { partyId, userId } } });
    return { kicked: true };
  });
}

export async function transferPartyLeadership(db: Db, meId: string, partyId: string, userId: string) {
  return tx(db, async (t) => {
    const party = await asLeader(t, partyId, meId);
    if (!party.members.some((m) => m.userId === userId)) throw notFound('Member');
    await t.party.update({ where: { id: partyId }, data: { leaderId: userId } });
    return { leaderId: userId };
  });
}

export async function disbandParty(db: Db, meId: string, partyId: string) {
  return tx(db, async (t) => {
    await asLeader(t, partyId, meId);
    await t.party.delete({ where: { id: partyId } });
    return { disbanded: true };
  });
}
