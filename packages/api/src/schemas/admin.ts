// Administration: users, roles, suspension, the audit log viewer and feature flags.
import { z } from 'zod';

const uuid = (what: string) => z.uuid({ error: `Unknown ${what}` });

export const roles = ['STUDENT', 'INSTRUCTOR', 'ADMIN'] as const;
export const userStatuses = ['ACTIVE', 'SUSPENDED'] as const;

export const listUsersInput = z
  .object({
    /** Matches username, display name or email. */
    search: z.string().trim().max(100).optional(),
    role: z.enum(roles).optional(),
    status: z.enum(userStatuses).optional(),
    page: z.number().int().min(1).max(10_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .default({ page: 1, pageSize: 25 });

export const setRoleInput = z.object({ userId: uuid('user'), role: z.enum(roles, { error: 'Pick a role' }) });

export const suspendInput = z.object({
  userId: uuid('user'),
  reason: z.string().trim().max(500).optional(),
});
export const userIdInput = z.object({ userId: uuid('user') });

export const auditListInput = z
  .object({
    actorId: uuid('user').optional(),
    /** Matches the actor's username, display name or email. */
    actor: z.string().trim().min(1).max(100).optional(),
    /** An exact action ("user.suspended"), or a prefix ending with a dot ("user."). */
    action: z.string().trim().min(1).max(100).optional(),
    targetType: z.string().trim().min(1).max(50).optional(),
    targetId: z.string().trim().min(1).max(100).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    page: z.number().int().min(1).max(10_000).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .default({ page: 1, pageSize: 50 });

export const flagKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
    error: 'Keys are lowercase letters, digits, dots, dashes and underscores (at most 64)',
  });

export const saveFlagInput = z.object({
  key: flagKey,
  description: z.string().trim().max(500).default(''),
  enabled: z.boolean().default(false),
  /** Share of signed-in users who get the flag, 0–100; the same user always lands in the same bucket. */
  rolloutPercent: z
    .number()
    .int()
    .min(0, { error: 'Between 0 and 100' })
    .max(100, { error: 'Between 0 and 100' })
    .default(100),
});
export const flagKeyInput = z.object({ key: flagKey });
