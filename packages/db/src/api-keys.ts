// Keys for the judge's HTTP API. Only a hash is stored; the key itself is shown once.
import crypto from 'node:crypto';
import type { Db } from './client';

/** ApiKey.keyHash is the SHA-256 of the key, hex. */
export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Creates an API key for `ownerId`; the plain key is returned once and never stored. */
export async function issueApiKey(
  db: Db,
  opts: { ownerId: string; name: string },
): Promise<{ id: string; key: string }> {
  const key = `rl_${crypto.randomBytes(24).toString('base64url')}`;
  const row = await db.apiKey.create({ data: { name: opts.name, ownerId: opts.ownerId, keyHash: hashApiKey(key) } });
  return { id: row.id, key };
}
