// Feature flags with percentage rollout for A/B tests. A signed-in user's bucket for a flag is
// a stable hash of the flag key and their id (0–99): they get the flag when it is enabled and
// their bucket is below the rollout percentage. The same user always lands in the same bucket,
// raising the percentage only adds users, and different flags split users independently.
// Visitors who aren't signed in get a flag only at 100 %.
import crypto from 'node:crypto';
import type { Db } from '@roguelearn/db';
import type { z } from 'zod';
import { notFound } from '../../errors';
import type { saveFlagInput } from '../../schemas/admin';
import type { SessionUser } from '../auth/service';
import { recordAudit } from './audit';

/** The user's bucket for a flag, 0–99. */
export function rolloutBucket(key: string, userId: string): number {
  const digest = crypto.createHash('sha256').update(`${key}:${userId}`).digest();
  return digest.readUInt32BE(0) % 100;
}

export function flagOn(
  flag: { key: string; enabled: boolean; rolloutPercent: number },
  userId: string | null,
): boolean {
  if (!flag.enabled) return false;
  if (flag.rolloutPercent >= 100) return true;
  if (!userId) return false;
  return rolloutBucket(flag.key, userId) < flag.rolloutPercent;
}

/**
 * Every flag with its reach: how many active accounts get it now, of how many. The buckets are
 * computed in SQL the same way as `rolloutBucket` (first 4 bytes of the SHA-256, mod 100), so
 * listing costs one query however many users there are.
 */
export async function listFlags(db: Db) {
  const [flags, reach, users] = await Promise.all([
    db.featureFlag.findMany({ orderBy: { key: 'asc' } }),
    db.$queryRaw<{ key: string; users: number }[]>`
      SELECT f.key, count(u.id)::int AS users
        FROM "FeatureFlag" f
        JOIN "User" u ON u.status = 'ACTIVE' AND f.enabled AND (f."rolloutPercent" >= 100 OR
             ('x' || substr(encode(sha256(convert_to(f.key || ':' || u.id::text, 'UTF8')), 'hex'), 1, 8))::bit(32)::bigint % 100
               < f."rolloutPercent")
       GROUP BY f.key`,
    db.user.count({ where: { status: 'ACTIVE' } }),
  ]);
  const byKey = new Map(reach.map((r) => [r.key, r.users]));
  return flags.map((f) => ({ ...f, reach: { users: byKey.get(f.key) ?? 0, of: users } }));
}

/** Creates or updates a flag. */
export async function saveFlag(db: Db, me: SessionUser, input: z.infer<typeof saveFlagInput>, ip?: string) {
  const before = await db.featureFlag.findUnique({ where: { key: input.key } });
  const flag = await db.featureFlag.upsert({ where: { key: input.key }, create: input, update: input });
  await recordAudit(db, me, {
    action: before ? 'flag.updated' : 'flag.created',
    targetType: 'flag',
    targetId: input.key,
    data: {
      before: before ? { enabled: before.enabled, rolloutPercent: before.rolloutPercent } : null,
      after: { enabled: flag.enabled, rolloutPercent: flag.rolloutPercent },
    },
    ip,
  });
  return flag;
}

export async function deleteFlag(db: Db, me: SessionUser, key: string, ip?: string) {
  const { count } = await db.featureFlag.deleteMany({ where: { key } });
  if (!count) throw notFound('Flag');
  await recordAudit(db, me, { action: 'flag.deleted', targetType: 'flag', targetId: key, ip });
  return { deleted: true };
}

/** Whether the caller gets the flag (unknown flags are off). */
export async function evaluateFlag(db: Db, user: SessionUser | null, key: string) {
  const flag = await db.featureFlag.findUnique({ where: { key } });
  return { key, enabled: flag ? flagOn(flag, user?.id ?? null) : false, exists: !!flag };
}

/** Every flag the caller has on, for the client to read once. */
export async function myFlags(db: Db, user: SessionUser | null): Promise<Record<string, boolean>> {
  const flags = await db.featureFlag.findMany({ where: { enabled: true } });
  return Object.fromEntries(flags.map((f) => [f.key, flagOn(f, user?.id ?? null)]));
}
