import { z } from 'zod';
import {
  auditListInput,
  flagKeyInput,
  listUsersInput,
  saveFlagInput,
  setRoleInput,
  suspendInput,
  userIdInput,
} from '../../schemas/admin';
import { adminProcedure, instructorProcedure, publicProcedure, router } from '../../trpc';
import { auditActions, listAudit } from './audit';
import * as flags from './flags';
import * as admin from './service';
import * as users from './users';

export const adminRouter = router({
  overview: instructorProcedure.query(({ ctx }) => admin.overview(ctx.db)),
  recentUsers: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(10) }))
    .query(({ ctx, input }) => admin.recentUsers(ctx.db, input.limit)),
  users: router({
    /** Search by username, name or email; filter by role and status; paginated. */
    list: adminProcedure.input(listUsersInput).query(({ ctx, input }) => users.listUsers(ctx.db, input)),
    setRole: adminProcedure
      .input(setRoleInput)
      .mutation(({ ctx, input }) => users.setRole(ctx.db, ctx.user, input.userId, input.role, ctx.ip)),
    /** Signs the user out everywhere; they can't sign in until unsuspended. */
    suspend: adminProcedure
      .input(suspendInput)
      .mutation(({ ctx, input }) => users.suspend(ctx.db, ctx.user, input.userId, input.reason, ctx.ip)),
    unsuspend: adminProcedure
      .input(userIdInput)
      .mutation(({ ctx, input }) => users.unsuspend(ctx.db, ctx.user, input.userId, ctx.ip)),
  }),
  audit: router({
    /** Newest first; filter by actor, action (or "prefix."), target and dates. */
    list: adminProcedure.input(auditListInput).query(({ ctx, input }) => listAudit(ctx.db, input)),
    actions: adminProcedure.query(({ ctx }) => auditActions(ctx.db)),
  }),
  flags: router({
    list: adminProcedure.query(({ ctx }) => flags.listFlags(ctx.db)),
    /** Creates or updates a flag. */
    save: adminProcedure
      .input(saveFlagInput)
      .mutation(({ ctx, input }) => flags.saveFlag(ctx.db, ctx.user, input, ctx.ip)),
    delete: adminProcedure
      .input(flagKeyInput)
      .mutation(({ ctx, input }) => flags.deleteFlag(ctx.db, ctx.user, input.key, ctx.ip)),
  }),
});

/** Feature flags as the caller gets them (signed out: only flags at 100 %). */
export const flagsRouter = router({
  evaluate: publicProcedure
    .input(flagKeyInput)
    .query(({ ctx, input }) => flags.evaluateFlag(ctx.db, ctx.user, input.key)),
  mine: publicProcedure.query(({ ctx }) => flags.myFlags(ctx.db, ctx.user)),
});
