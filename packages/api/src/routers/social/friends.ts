// Friendships: one row per pair of users (whichever side asked first), PENDING → ACCEPTED or
// DECLINED. Actions on a pair take an advisory lock on it, so crossing requests (A→B while B→A)
// become one friendship instead of two rows.
import type { Db, DbTx } from '@roguelearn/db';
import { DomainError, notFound } from '../../errors';
import { links, notify, PRESENCE_WINDOW_MS } from '../notification/service';
import { advisoryLock, assertNotBlocked, publicUserSelect, tx, userByUsername } from './shared';

/** How long after a declined request before the same person may ask again. */
export const FRIEND_RETRY_AFTER_MS = 24 * 3_600_000;

const lockPair = (t: DbTx, a: string, b: string) => advisoryLock(t, `friend:${[a, b].sort().join(':')}`);

const pairWhere = (a: string, b: string) => ({
  OR: [
    { requesterId: a, addresseeId: b },
    { requesterId: b, addresseeId: a },
  ],
});

export async function sendFriendRequest(db: Db, me: { id: string; displayName: string }, username: string) {
  const target = await userByUsername(db, username);
  if (target.id === me.id) throw new DomainError('BAD_REQUEST', "You can't befriend yourself");
  return tx(db, async (t) => {
    await lockPair(t, me.id, target.id);
    await assertNotBlocked(t, me.id, target.id);
    const existing = await t.friendship.findMany({ where: pairWhere(me.id, target.id) });
    if (existing.some((f) => f.status === 'ACCEPTED')) throw new DomainError('CONFLICT', 'You are already friends');
    const mine = existing.find((f) => f.requesterId === me.id);
    const theirs = existing.find((f) => f.requesterId === target.id);
    // They already asked: asking back is saying yes.
    if (theirs?.status === 'PENDING') return acceptRow(t, theirs.id, target.id, me);
    if (mine?.status === 'PENDING') throw new DomainError('CONFLICT', 'Friend request already sent');
    if (
      mine?.status === 'DECLINED' &&
      mine.respondedAt &&
      Date.now() - mine.respondedAt.getTime() < FRIEND_RETRY_AFTER_MS
    ) {
      throw new DomainError('CONFLICT', 'This user declined your request recently. Try again later.');
    }
    // Their old declined request gives way to mine: one row per pair.
    if (theirs) await t.friendship.delete({ where: { id: theirs.id } });
    const row = mine
      ? await t.friendship.update({
          where: { id: mine.id },
          data: { status: 'PENDING', createdAt: new Date(), respondedAt: null },
        })
      : await t.friendship.create({ data: { requesterId: me.id, addresseeId: target.id } });
    await notify(t, target.id, {
      type: 'friend.request',
      title: `${me.displayName} sent you a friend request`,
      link: links.friends(),
      data: { friendshipId: row.id, fromUserId: me.id },
    });
    return { id: row.id, status: row.status };
  });
}

async function acceptRow(t: DbTx, id: string, requesterId: string, me: { id: string; displayName: string }) {
  const row = await t.friendship.update({ where: { id }, data: { status: 'ACCEPTED', respondedAt: new Date() } });
  await notify(t, requesterId, {
    type: 'friend.accepted',
    title: `${me.displayName} accepted your friend request`,
    link: links.friends(),
    data: { friendshipId: id, userId: me.id },
  });
  return { id: row.id, status: row.status };
}

/** A pending request `me` is part of, with its pair locked for the rest of the transaction. */
async function incoming(t: DbTx, meId: string, id: string) {
  const row = await t.friendship.findUnique({ where: { id } });
  if (!row || (row.addresseeId !== meId && row.requesterId !== meId)) throw notFound('Friend request');
  await lockPair(t, row.requesterId, row.addresseeId);
  const fresh = await t.friendship.findUnique({ where: { id } });
  if (fresh?.status !== 'PENDING') throw new DomainError('CONFLICT', 'This request is no longer pending');
  return fresh;
}

export async function acceptFriendRequest(db: Db, me: { id: string; displayName: string }, id: string) {
  return tx(db, async (t) => {
    const row = await incoming(t, me.id, id);
    if (row.addresseeId !== me.id) throw notFound('Friend request');
    await assertNotBlocked(t, row.requesterId, me.id);
    return acceptRow(t, row.id, row.requesterId, me);
  });
}

/** The addressee declines; the requester withdraws (the row goes, as if never sent). */
export async function declineFriendRequest(db: Db, meId: string, id: string) {
  return tx(db, async (t) => {
    const row = await incoming(t, meId, id);
    if (row.requesterId === meId) {
      await t.friendship.delete({ where: { id } });
      return { id, status: 'WITHDRAWN' as const };
    }
    const updated = await t.friendship.update({ where: { id }, data: { status: 'DECLINED', respondedAt: new Date() } });
    return { id, status: updated.status };
  });
}

export async function removeFriend(db: Db, meId: string, username: string) {
  const other = await userByUsername(db, username);
  return tx(db, async (t) => {
    await lockPair(t, meId, other.id);
    const { count } = await t.friendship.deleteMany({ where: { ...pairWhere(meId, other.id), status: 'ACCEPTED' } });
    if (!count) throw notFound('Friendship');
    return { removed: true };
  });
}

/**
 * Blocks someone: ends any friendship or pending request between the two, withdraws pending
 * party and guild invitations between them, and stops new ones either way (assertNotBlocked).
 */
export async function blockUser(db: Db, meId: string, username: string) {
  const other = await userByUsername(db, username);
  if (other.id === meId) throw new DomainError('BAD_REQUEST', "You can't block yourself");
  return tx(db, async (t) => {
    await lockPair(t, meId, other.id);
    await t.userBlock.upsert({
      where: { blockerId_blockedId: { blockerId: meId, blockedId: other.id } },
      create: { blockerId: meId, blockedId: other.id },
      update: {},
    });
    await t.friendship.deleteMany({ where: pairWhere(meId, other.id) });
    await t.invitation.updateMany({
      where: {
        status: 'PENDING',
        type: 'INVITE',
        OR: [
          { inviterId: meId, inviteeId: other.id },
          { inviterId: other.id, inviteeId: meId },
        ],
      },
      data: { status: 'REVOKED', respondedAt: new Date() },
    });
    return { blocked: true };
  });
}

export async function unblockUser(db: Db, meId: string, username: string) {
  const other = await userByUsername(db, username);
  await db.userBlock.deleteMany({ where: { blockerId: meId, blockedId: other.id } });
  return { blocked: false };
}

export async function listBlocked(db: Db, meId: string) {
  const rows = await db.userBlock.findMany({
    where: { blockerId: meId },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true, blocked: { select: publicUserSelect } },
  });
  return rows.map((r) => ({ since: r.createdAt, user: r.blocked }));
}

/** Requests waiting on me (incoming) and on others (outgoing). */
export async function pendingRequests(db: Db, meId: string) {
  const rows = await db.friendship.findMany({
    where: { status: 'PENDING', OR: [{ requesterId: meId }, { addresseeId: meId }] },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      createdAt: true,
      requester: { select: publicUserSelect },
      addressee: { select: publicUserSelect },
    },
  });
  return {
    incoming: rows
      .filter((r) => r.addressee.id === meId)
      .map((r) => ({ id: r.id, createdAt: r.createdAt, user: r.requester })),
    outgoing: rows
      .filter((r) => r.requester.id === meId)
      .map((r) => ({ id: r.id, createdAt: r.createdAt, user: r.addressee })),
  };
}

/**
 * Friends with presence: online while a live subscription of theirs is open (it refreshes
 * lastSeenAt), unless they hide it (Preferences.showOnline).
 */
export async function friendsWithPresence(db: Db, meId: string, now = new Date()) {
  const userFields = {
    ...publicUserSelect,
    lastSeenAt: true,
    preferences: { select: { showOnline: true } },
    character: { select: { level: true } },
  } as const;
  const rows = await db.friendship.findMany({
    where: { status: 'ACCEPTED', OR: [{ requesterId: meId }, { addresseeId: meId }] },
    orderBy: { respondedAt: 'desc' },
    select: { respondedAt: true, requester: { select: userFields }, addressee: { select: userFields } },
  });
  const friends = rows.map((r) => {
    const { lastSeenAt, preferences, character, ...user } = r.requester.id === meId ? r.addressee : r.requester;
    const visible = preferences?.showOnline !== false;
    return {
      since: r.respondedAt,
      user: { ...user, level: character?.level ?? null },
      online: visible && !!lastSeenAt && now.getTime() - lastSeenAt.getTime() < PRESENCE_WINDOW_MS,
      lastSeenAt: visible ? lastSeenAt : null,
    };
  });
  // Online friends first, each group in friendship order.
  return [...friends.filter((f) => f.online), ...friends.filter((f) => !f.online)];
}
