import { z } from 'zod';
import { adminProcedure, instructorProcedure, router } from '../../trpc';
import * as admin from './service';

export const adminRouter = router({
  overview: instructorProcedure.query(({ ctx }) => admin.overview(ctx.db)),
  recentUsers: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(10) }))
    .query(({ ctx, input }) => admin.recentUsers(ctx.db, input.limit)),
});
