// Invitations into parties and guilds: INVITE (to one user, by username), LINK (a shareable
// code, reusable until it expires or is revoked) and JOIN_REQUEST (guilds; decided by officers
// in guilds.ts). Accepting ends in addPartyMember/addGuildMember, which enforce size limits and
// the block rule under the group's lock.
import type { Db, DbTx } from '@roguelearn/db';
import { DomainError, forbidden, notFound } from '../../errors';
import { addGuildMember, requireGuildRole } from './guilds';
import { addPartyMember } from './parties';
import { assertNotBlocked, publicUserSelect, tx } from './shared';

type Me = { id: string; username: string; displayName: string };

const live = (now = new Date()) => ({
  status: 'PENDING' as const,
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
});

/** Invitations waiting for my answer. */
export async function myInvitations(db: Db, meId: string) {
  return db.invitation.findMany({
    where: { inviteeId: meId, type: 'INVITE', ...live() },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      message: true,
      createdAt: true,
      expiresAt: true,
      inviter: { select: publicUserSelect },
      party: { select: { id: true, name: true, _count: { select: { members: true } } } },
      guild: { select: { id: true, name: true, slug: true, tag: true, _count: { select: { members: true } } } },
    },
  });
}

/** What a link invitation leads to, for the page a shared link opens (even signed out). */
export async function previewInvitation(db: Db, code: string) {
  const inv = await db.invitation.findFirst({
    where: { code, type: 'LINK', ...live() },
    select: {
      expiresAt: true,
      inviter: { select: { username: true, displayName: true } },
      party: { select: { name: true, maxSize: true, _count: { select: { members: true } } } },
      guild: {
        select: { name: true, slug: true, tag: true, description: true, _count: { select: { members: true } } },
      },
    },
  });
  if (!inv) throw notFound('Invitation');
  return {
    kind: inv.party ? ('party' as const) : ('guild' as const),
    expiresAt: inv.expiresAt,
    inviter: inv.inviter,
    party: inv.party ? { name: inv.party.name, members: inv.party._count.members, maxSize: inv.party.maxSize } : null,
    guild: inv.guild
      ? {
          name: inv.guild.name,
          slug: inv.guild.slug,
          tag: inv.guild.tag,
          description: inv.guild.description,
          members: inv.guild._count.members,
        }
      : null,
  };
}

async function join(
  t: DbTx,
  inv: { partyId: string | null; guildId: string | null; inviterId: string | null },
  me: Me,
  via: 'invite' | 'link',
) {
  if (inv.partyId) {
    const party = await addPartyMember(t, inv.partyId, me);
    return { kind: 'party' as const, partyId: party.partyId, name: party.name };
  }
  if (inv.guildId) {
    const guild = await addGuildMember(t, inv.guildId, me, inv.inviterId, via);
    return { kind: 'guild' as const, guildId: guild.id, slug: guild.slug, name: guild.name };
  }
  throw notFound('Invitation');
}

/** Locks the invitation's row and re-reads it: two clicks on "accept" join once. */
async function lockInvitation(t: DbTx, where: { id: string } | { code: string }) {
  const rows =
    'id' in where
      ? await t.$queryRaw<{ id: string }[]>`SELECT id FROM "Invitation" WHERE id = ${where.id}::uuid FOR UPDATE`
      : await t.$queryRaw<{ id: string }[]>`SELECT id FROM "Invitation" WHERE code = ${where.code} FOR UPDATE`;
  if (!rows.length) throw notFound('Invitation');
  const inv = await t.invitation.findUniqueOrThrow({ where: { id: rows[0].id } });
  const expired = inv.expiresAt !== null && inv.expiresAt <= new Date();
  if (inv.status !== 'PENDING' || expired) throw new DomainError('CONFLICT', 'This invitation is no longer valid');
  return inv;
}

export async function acceptInvitation(db: Db, me: Me, id: string) {
  return tx(db, async (t) => {
    const inv = await lockInvitation(t, { id });
    if (inv.type !== 'INVITE' || inv.inviteeId !== me.id) throw notFound('Invitation');
    // A block placed after the invitation was sent still counts.
    if (inv.inviterId) await assertNotBlocked(t, inv.inviterId, me.id);
    await t.invitation.update({ where: { id }, data: { status: 'ACCEPTED', respondedAt: new Date() } });
    return join(t, inv, me, 'invite');
  });
}

/** Joins through a shared link; the link stays valid for others. */
export async function acceptInvitationCode(db: Db, me: Me, code: string) {
  return tx(db, async (t) => {
    const inv = await lockInvitation(t, { code });
    if (inv.type !== 'LINK') throw notFound('Invitation');
    if (inv.inviterId && inv.inviterId !== me.id) await assertNotBlocked(t, inv.inviterId, me.id);
    return join(t, inv, me, 'link');
  });
}

export async function declineInvitation(db: Db, meId: string, id: string) {
  return tx(db, async (t) => {
    const inv = await lockInvitation(t, { id });
    if (inv.type !== 'INVITE' || inv.inviteeId !== meId) throw notFound('Invitation');
    await t.invitation.update({ where: { id }, data: { status: 'DECLINED', respondedAt: new Date() } });
    return { declined: true };
  });
}

/**
 * Withdraws an invitation or link (the party leader, or a guild officer), or one's own join
 * request.
 */
export async function revokeInvitation(db: Db, meId: string, id: string) {
  return tx(db, async (t) => {
    const inv = await lockInvitation(t, { id });
    if (inv.type === 'JOIN_REQUEST') {
      if (inv.inviteeId !== meId) throw notFound('Invitation');
    } else if (inv.partyId) {
      const party = await t.party.findUnique({ where: { id: inv.partyId }, select: { leaderId: true } });
      if (party?.leaderId !== meId) throw forbidden('Only the party leader can do that');
    } else if (inv.guildId) {
      await requireGuildRole(t, inv.guildId, meId, 'OFFICER');
    }
    await t.invitation.update({ where: { id }, data: { status: 'REVOKED', respondedAt: new Date() } });
    return { revoked: true };
  });
}
