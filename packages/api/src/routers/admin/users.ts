// User administration: search, role changes and suspension. Every change is audited. Nobody
// changes their own role or suspends themselves, and the last active administrator stays one.
import type { Db, Prisma, Role } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import type { listUsersInput } from '../../schemas/admin';
import type { SessionUser } from '../auth/service';
import { recordAudit } from './audit';

export async function listUsers(db: Db, input: z.infer<typeof listUsersInput>) {
  const where: Prisma.UserWhereInput = {
    ...(input.role ? { role: input.role } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.search
      ? {
          OR: [
            { username: { contains: input.search, mode: 'insensitive' } },
            { displayName: { contains: input.search, mode: 'insensitive' } },
            { email: { contains: input.search, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const [total, items] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        username: true,
        displayName: true,
        email: true,
        role: true,
        status: true,
        provider: true,
        createdAt: true,
        lastSeenAt: true,
        character: { select: { level: true, xp: true } },
      },
    }),
  ]);
  return { total, page: input.page, pageSize: input.pageSize, items };
}

async function target(db: Db, me: SessionUser, userId: string, what: string) {
  if (userId === me.id) throw new DomainError('BAD_REQUEST', `You can’t ${what} yourself`);
  const u = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, status: true, username: true },
  });
  if (!u) throw notFound('User');
  return u;
}

async function assertNotLastAdmin(db: Db, u: { role: Role; status: string }) {
  if (u.role !== 'ADMIN' || u.status !== 'ACTIVE') return;
  const admins = await db.user.count({ where: { role: 'ADMIN', status: 'ACTIVE' } });
  if (admins <= 1) throw new DomainError('PRECONDITION_FAILED', 'The platform needs at least one active administrator');
}

export async function setRole(db: Db, me: SessionUser, userId: string, role: Role, ip?: string) {
  const u = await target(db, me, userId, 'change the role of');
  if (u.role === role) return { id: u.id, role };
  if (role !== 'ADMIN') await assertNotLastAdmin(db, u);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: u.id }, data: { role } });
    await recordAudit(tx, me, {
      action: 'user.role_changed',
      targetType: 'user',
      targetId: u.id,
      data: { username: u.username, from: u.role, to: role },
      ip,
    });
  });
  return { id: u.id, role };
}

/** Suspended users can't sign in, and their sessions end now. */
export async function suspend(db: Db, me: SessionUser, userId: string, reason: string | undefined, ip?: string) {
  const u = await target(db, me, userId, 'suspend');
  if (u.status === 'SUSPENDED') return { id: u.id, status: 'SUSPENDED' as const };
  await assertNotLastAdmin(db, u);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: u.id }, data: { status: 'SUSPENDED' } });
    await tx.authSession.updateMany({ where: { userId: u.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, me, {
      action: 'user.suspended',
      targetType: 'user',
      targetId: u.id,
      data: { username: u.username, reason: reason ?? null },
      ip,
    });
  });
  return { id: u.id, status: 'SUSPENDED' as const };
}

export async function unsuspend(db: Db, me: SessionUser, userId: string, ip?: string) {
  const u = await target(db, me, userId, 'unsuspend');
  if (u.status === 'ACTIVE') return { id: u.id, status: 'ACTIVE' as const };
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: u.id }, data: { status: 'ACTIVE' } });
    await recordAudit(tx, me, {
      action: 'user.unsuspended',
      targetType: 'user',
      targetId: u.id,
      data: { username: u.username },
      ip,
    });
  });
  return { id: u.id, status: 'ACTIVE' as const };
}
