import { apiKeyIdInput, createApiKeyInput } from '../../schemas/submission';
import { authedProcedure, router } from '../../trpc';
import * as keys from './service';

export const apiKeyRouter = router({
  list: authedProcedure.query(({ ctx }) => keys.listKeys(ctx.db, ctx.user.id)),
  create: authedProcedure
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => keys.createKey(ctx.db, ctx.user.id, input.name)),
  revoke: authedProcedure
    .input(apiKeyIdInput)
    .mutation(({ ctx, input }) => keys.revokeKey(ctx.db, ctx.user.id, input.id)),
});
