// Test helpers for the dashboard domains (authoring, classes, analytics, integrity, admin):
// users made directly in the database, and tRPC callers acting as them (no password hashing).
import type { Db, Role } from '@roguelearn/db';
import type { Context } from '../../context';
import { createCaller } from '../../root';
import { testAuthConfig } from '../../testing';
import type { SessionUser } from '../auth/service';

export async function makeUser(db: Db, username: string, role: Role = 'STUDENT'): Promise<SessionUser> {
  const u = await db.user.create({
    data: { email: `${username}@example.com`, username, displayName: username.toUpperCase(), role },
    select: { id: true, email: true, username: true, displayName: true, role: true },
  });
  return { ...u, sessionId: null };
}

export function callerAs(db: Db, user: SessionUser | null) {
  const ctx: Context = {
    db,
    config: testAuthConfig(),
    user,
    ip: '198.51.100.9',
    userAgent: 'vitest',
    cookies: { get: () => undefined, set() {}, clear() {} },
  };
  return createCaller(ctx);
}

/** The error a promise rejects with (code and message), or a failure if it resolves. */
export const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );
