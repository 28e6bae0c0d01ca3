// Sign-up, sign-in, sessions and account lifecycle for the local provider, plus mapping verified
// Supabase tokens to user rows. Plain functions over the database: testable without HTTP.
import { type Db, Prisma, type Role } from '@roguelearn/db';
import { hashPassword, verifyPassword } from '@roguelearn/db/password';
import type { AuthConfig } from '../../config';
import { DomainError } from '../../errors';
import type { SignInInput, SignUpInput } from '../../schemas/auth';
import { hashRefreshToken, newRefreshToken, signAccessToken, verifyAccessToken } from './tokens';

export interface SessionUser {
  id: string;
  email: string;
  username: string;
  displayName: string;
  role: Role;
  sessionId: string | null;
}

export interface IssuedSession {
  user: SessionUser;
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface RequestInfo {
  ip: string;
  userAgent: string | null;
}

const userFields = { id: true, email: true, username: true, displayName: true, role: true, status: true } as const;

/** Failed sign-ins allowed per window, per email and per client address. */
export const SIGN_IN_LIMITS = { windowMs: 15 * 60_000, perEmail: 5, perIp: 30 };

async function issueSession(
  db: Db,
  config: AuthConfig,
  user: Omit<SessionUser, 'sessionId'>,
  req: RequestInfo,
): Promise<IssuedSession> {
  const { token, hash } = newRefreshToken();
  const session = await db.authSession.create({
    data: {
      userId: user.id,
      refreshTokenHash: hash,
      ip: req.ip,
      userAgent: req.userAgent?.slice(0, 300),
      expiresAt: new Date(Date.now() + config.refreshTtlSec * 1000),
    },
  });
  return {
    user: { ...user, sessionId: session.id },
    accessToken: await signAccessToken(config, user, session.id),
    refreshToken: token,
    expiresAt: session.expiresAt,
  };
}

export async function signUp(db: Db, config: AuthConfig, input: SignUpInput, req: RequestInfo): Promise<IssuedSession> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: {
        email: input.email,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        profile: { create: {} },
        preferences: { create: {} },
        character: { create: {} },
      },
      select: userFields,
    });
    await db.analyticsEvent.create({ data: { userId: user.id, type: 'auth.sign_up' } });
    return issueSession(db, config, user, req);
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      const fields = JSON.stringify(err.meta ?? {});
      if (fields.includes('email')) {
        throw new DomainError('CONFLICT', 'An account with this email already exists', {
          email: ['An account with this email already exists'],
        });
      }
      throw new DomainError('CONFLICT', 'This username is taken', { username: ['This username is taken'] });
    }
    throw err;
  }
}

async function recentFailures(db: Db, key: string, since: Date): Promise<number> {
  return db.loginAttempt.count({ where: { key, success: false, createdAt: { gte: since } } });
}

export async function signIn(db: Db, config: AuthConfig, input: SignInInput, req: RequestInfo): Promise<IssuedSession> {
  const since = new Date(Date.now() - SIGN_IN_LIMITS.windowMs);
  const emailKey = `email:${input.email}`;
  const ipKey = `ip:${req.ip}`;
  const [byEmail, byIp] = await Promise.all([recentFailures(db, emailKey, since), recentFailures(db, ipKey, since)]);
  if (byEmail >= SIGN_IN_LIMITS.perEmail || byIp >= SIGN_IN_LIMITS.perIp) {
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      `Too many failed sign-in attempts. Try again in ${Math.round(SIGN_IN_LIMITS.windowMs / 60_000)} minutes.`,
    );
  }
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { ...userFields, passwordHash: true },
  });
  let ok = false;
  if (user?.passwordHash) ok = await verifyPassword(input.password, user.passwordHash);
  // Hash even when the user is unknown so response time doesn't reveal which emails exist.
  else await hashPassword(input.password);
  if (!user || !ok) {
    await db.loginAttempt.createMany({
      data: [
        { key: emailKey, success: false },
        { key: ipKey, success: false },
      ],
    });
    throw new DomainError('UNAUTHORIZED', 'Wrong email or password');
  }
  if (user.status === 'SUSPENDED') throw new DomainError('FORBIDDEN', 'This account is suspended');
  await db.loginAttempt.create({ data: { key: emailKey, success: true } });
  await db.user.update({ where: { id: user.id }, data: { lastSeenAt: new Date() } });
  const { passwordHash: _hash, status: _status, ...sessionUser } = user;
  return issueSession(db, config, sessionUser, req);
}

/** Rotates the refresh token: the old one stops working the moment the new one is issued. */
export async function refresh(db: Db, config: AuthConfig, refreshToken: string): Promise<IssuedSession> {
  const { token, hash } = newRefreshToken();
  const now = new Date();
  const updated = await db.authSession.updateManyAndReturn({
    where: { refreshTokenHash: hashRefreshToken(refreshToken), revokedAt: null, expiresAt: { gt: now } },
    data: { refreshTokenHash: hash, lastUsedAt: now, expiresAt: new Date(now.getTime() + config.refreshTtlSec * 1000) },
  });
  const session = updated[0];
  if (!session) throw new DomainError('UNAUTHORIZED', 'Your session has expired. Sign in again.');
  const user = await db.user.findUnique({ where: { id: session.userId }, select: userFields });
  if (user?.status !== 'ACTIVE') throw new DomainError('UNAUTHORIZED', 'Your session has expired. Sign in again.');
  const { status: _status, ...sessionUser } = user;
  return {
    user: { ...sessionUser, sessionId: session.id },
    accessToken: await signAccessToken(config, sessionUser, session.id),
    refreshToken: token,
    expiresAt: session.expiresAt,
  };
}

export async function signOut(db: Db, sessionId: string | null, refreshToken?: string): Promise<void> {
  const now = new Date();
  if (sessionId)
    await db.authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
  if (refreshToken) {
    await db.authSession.updateMany({
      where: { refreshTokenHash: hashRefreshToken(refreshToken), revokedAt: null },
      data: { revokedAt: now },
    });
  }
}

/** Changing the password signs out every other session; the current one stays signed in. */
export async function changePassword(
  db: Db,
  user: SessionUser,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row.passwordHash) {
    throw new DomainError('PRECONDITION_FAILED', 'This account signs in through Supabase; change the password there');
  }
  if (!(await verifyPassword(currentPassword, row.passwordHash))) {
    throw new DomainError('BAD_REQUEST', 'The current password is wrong', {
      currentPassword: ['The current password is wrong'],
    });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { passwordHash } }),
    db.authSession.updateMany({
      where: { userId: user.id, revokedAt: null, ...(user.sessionId ? { id: { not: user.sessionId } } : {}) },
      data: { revokedAt: new Date() },
    }),
    db.auditLog.create({
      data: { actorId: user.id, action: 'auth.password_changed', targetType: 'user', targetId: user.id },
    }),
  ]);
}

export async function deleteAccount(db: Db, user: SessionUser, password: string | undefined): Promise<void> {
  const row = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { passwordHash: true, _count: { select: { guildsOwned: true, classesTaught: true } } },
  });
  if (row.passwordHash && !(password && (await verifyPassword(password, row.passwordHash)))) {
    throw new DomainError('BAD_REQUEST', 'The password is wrong', { password: ['The password is wrong'] });
  }
  if (row._count.guildsOwned > 0) {
    throw new DomainError('PRECONDITION_FAILED', 'Transfer ownership of your guilds before deleting your account');
  }
  if (row._count.classesTaught > 0) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      'Hand your classes to another instructor before deleting your account',
    );
  }
  await db.$transaction([
    db.auditLog.create({
      data: { actorId: null, action: 'auth.account_deleted', targetType: 'user', targetId: user.id },
    }),
    db.user.delete({ where: { id: user.id } }),
  ]);
}

/**
 * The user behind a request. A valid access token wins; with an expired or missing one, a live
 * refresh session mints a fresh access token (returned so the caller can set the cookie).
 */
export async function resolveSessionUser(
  db: Db,
  config: AuthConfig,
  tokens: { accessToken?: string | null; refreshToken?: string | null },
): Promise<{ user: SessionUser | null; newAccessToken?: string }> {
  const now = new Date();
  if (tokens.accessToken) {
    const verified = await verifyAccessToken(config, tokens.accessToken);
    if (verified?.provider === 'local') {
      if (!verified.sessionId) return { user: null };
      const session = await db.authSession.findUnique({
        where: { id: verified.sessionId },
        select: { revokedAt: true, expiresAt: true, user: { select: userFields } },
      });
      if (!session || session.revokedAt || session.expiresAt <= now || session.user.id !== verified.sub) {
        return { user: null };
      }
      if (session.user.status !== 'ACTIVE') return { user: null };
      const { status: _s, ...u } = session.user;
      return { user: { ...u, sessionId: verified.sessionId } };
    }
    if (verified?.provider === 'supabase') {
      return { user: await provisionSupabaseUser(db, verified.sub, verified.email, verified.displayName) };
    }
  }
  if (tokens.refreshToken) {
    const session = await db.authSession.findUnique({
      where: { refreshTokenHash: hashRefreshToken(tokens.refreshToken) },
      select: { id: true, revokedAt: true, expiresAt: true, user: { select: userFields } },
    });
    if (session && !session.revokedAt && session.expiresAt > now && session.user.status === 'ACTIVE') {
      const { status: _s, ...u } = session.user;
      return {
        user: { ...u, sessionId: session.id },
        newAccessToken: await signAccessToken(config, u, session.id),
      };
    }
  }
  return { user: null };
}

/** Maps a Supabase `sub` to our user row, creating it on first sight. Roles stay ours. */
async function provisionSupabaseUser(
  db: Db,
  sub: string,
  email: string | undefined,
  displayName: string | undefined,
): Promise<SessionUser | null> {
  const existing = await db.user.findUnique({ where: { externalId: sub }, select: userFields });
  if (existing) {
    if (existing.status !== 'ACTIVE') return null;
    const { status: _s, ...u } = existing;
    return { ...u, sessionId: null };
  }
  if (!email) return null;
  const base =
    (email.split('@')[0] ?? 'player')
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '')
      .slice(0, 16) || 'player';
  const username = `${base}-${sub.replace(/-/g, '').slice(0, 6)}`;
  try {
    const created = await db.user.create({
      data: {
        email: email.toLowerCase(),
        username,
        displayName: displayName ?? base,
        provider: 'SUPABASE',
        externalId: sub,
        profile: { create: {} },
        preferences: { create: {} },
        character: { create: {} },
      },
      select: userFields,
    });
    const { status: _s, ...u } = created;
    return { ...u, sessionId: null };
  } catch (err) {
    // A concurrent first request provisioned the same user: use that row.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      const row = await db.user.findUnique({ where: { externalId: sub }, select: userFields });
      if (row) {
        const { status: _s, ...u } = row;
        return { ...u, sessionId: null };
      }
      throw new DomainError('CONFLICT', 'An account with this email already exists with a password sign-in');
    }
    throw err;
  }
}
