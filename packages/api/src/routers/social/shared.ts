// Helpers every social action shares: resolving people by username, the block rule, and
// per-entity locks that serialize membership changes.
import crypto from 'node:crypto';
import type { Db, DbTx } from '@roguelearn/db';
import { DomainError, notFound } from '../../errors';

export const publicUserSelect = { id: true, username: true, displayName: true } as const;

export async function userByUsername(db: DbTx, username: string) {
  const user = await db.user.findUnique({ where: { username: username.toLowerCase() }, select: publicUserSelect });
  if (!user) throw notFound('User');
  return user;
}

/** True when either user has blocked the other. */
export async function blockedEitherWay(db: DbTx, a: string, b: string): Promise<boolean> {
  const n = await db.userBlock.count({
    where: {
      OR: [
        { blockerId: a, blockedId: b },
        { blockerId: b, blockedId: a },
      ],
    },
  });
  return n > 0;
}

/**
 * A block stops requests and invitations both ways. The message is the same whichever side
 * blocked, so it doesn't tell someone they were blocked.
 */
export async function assertNotBlocked(db: DbTx, a: string, b: string): Promise<void> {
  if (await blockedEitherWay(db, a, b)) {
    throw new DomainError('FORBIDDEN', "You can't send requests or invitations to this user");
  }
}

/**
 * A transaction-scoped advisory lock on a name: serializes actions on the same pair of users or
 * the same user across replicas without touching rows other domains update.
 */
export async function advisoryLock(tx: DbTx, ...keys: string[]): Promise<void> {
  // Sorted, so two transactions locking the same names can't deadlock.
  for (const key of [...keys].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  }
}

/** Locks a party or guild row: membership and role changes on it run one at a time. */
export async function lockRow(tx: DbTx, table: 'Party' | 'Guild', id: string): Promise<boolean> {
  const rows =
    table === 'Party'
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Party" WHERE id = ${id}::uuid FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Guild" WHERE id = ${id}::uuid FOR UPDATE`;
  return rows.length === 1;
}

/** Unguessable, URL-safe code for link invitations. */
export const newInviteCode = () => crypto.randomBytes(12).toString('base64url');

export const hours = (h: number, from = new Date()) => new Date(from.getTime() + h * 3_600_000);

/** Runs `fn` in a transaction long enough for lock waits under contention. */
export function tx<T>(db: Db, fn: (tx: DbTx) => Promise<T>): Promise<T> {
  return db.$transaction(fn, { maxWait: 10_000, timeout: 20_000 });
}
