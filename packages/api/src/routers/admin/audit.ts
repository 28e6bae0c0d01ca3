// The audit log: who did what to which target, when. Dashboard actions write it through
// `recordAudit`; administrators read it through `listAudit` with filters and pagination.
import type { Db, DbTx, Prisma } from '@roguelearn/db';
import type { z } from 'zod';
import type { auditListInput } from '../../schemas/admin';
import type { SessionUser } from '../auth/service';

export interface AuditEntry {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  data?: Prisma.InputJsonValue;
  ip?: string | null;
}

export async function recordAudit(db: Db | DbTx, actor: Pick<SessionUser, 'id'> | null, entry: AuditEntry) {
  await db.auditLog.create({
    data: {
      actorId: actor?.id ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      data: entry.data ?? {},
      ip: entry.ip && entry.ip !== 'unknown' ? entry.ip : null,
    },
  });
}

/** Newest first, filterable by actor, action (exact or a `prefix.` ending with a dot), target and dates. */
export async function listAudit(db: Db, input: z.infer<typeof auditListInput>) {
  const actorFilter: Prisma.AuditLogWhereInput = input.actorId
    ? { actorId: input.actorId }
    : input.actor
      ? {
          actor: {
            OR: [
              { username: { contains: input.actor, mode: 'insensitive' } },
              { email: { contains: input.actor, mode: 'insensitive' } },
              { displayName: { contains: input.actor, mode: 'insensitive' } },
            ],
          },
        }
      : {};
  const where: Prisma.AuditLogWhereInput = {
    ...actorFilter,
    ...(input.action
      ? input.action.endsWith('.')
        ? { action: { startsWith: input.action } }
        : { action: input.action }
      : {}),
    ...(input.targetType ? { targetType: input.targetType } : {}),
    ...(input.targetId ? { targetId: input.targetId } : {}),
    ...(input.from || input.to
      ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        action: true,
        targetType: true,
        targetId: true,
        data: true,
        ip: true,
        createdAt: true,
        actor: { select: { id: true, username: true, displayName: true, role: true } },
      },
    }),
  ]);
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map((r) => ({ ...r, id: r.id.toString() })),
  };
}

/** Every action name seen so far, for the viewer's filter. */
export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.auditLog.findMany({
    distinct: ['action'],
    select: { action: true },
    orderBy: { action: 'asc' },
  });
  return rows.map((r) => r.action);
}
