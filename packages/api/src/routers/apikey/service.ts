// Keys for the judge's Judge0-compatible HTTP API, managed by their owner.
import type { Db } from '@roguelearn/db';
import { issueApiKey } from '@roguelearn/db/api-keys';
import { DomainError, notFound } from '../../errors';

const MAX_ACTIVE_KEYS = 10;

export function listKeys(db: Db, ownerId: string) {
  return db.apiKey.findMany({
    where: { ownerId },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Returns the key itself once; only its hash is stored. */
export async function createKey(db: Db, ownerId: string, name: string) {
  const active = await db.apiKey.count({ where: { ownerId, revokedAt: null } });
  if (active >= MAX_ACTIVE_KEYS)
    throw new DomainError('PRECONDITION_FAILED', `Revoke a key first: at most ${MAX_ACTIVE_KEYS} active keys`);
  const { id, key } = await issueApiKey(db, { ownerId, name });
  await db.auditLog.create({
    data: { actorId: ownerId, action: 'apikey.created', targetType: 'ApiKey', targetId: id },
  });
  return { id, name, key };
}

export async function revokeKey(db: Db, ownerId: string, id: string) {
  const n = await db.apiKey.updateMany({ where: { id, ownerId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (n.count === 0) throw notFound('API key');
  await db.auditLog.create({
    data: { actorId: ownerId, action: 'apikey.revoked', targetType: 'ApiKey', targetId: id },
  });
  return { ok: true as const };
}
