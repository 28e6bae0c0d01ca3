import { characterGetInput, characterHistoryInput } from '../../schemas/character';
import { authedProcedure, router } from '../../trpc';
import * as sheet from './service';

/** Character & progression: the sheet and its history. Awards come from `applyEvent` (rules.ts). */
export const characterRouter = router({
  get: authedProcedure
    .input(characterGetInput)
    .query(({ ctx, input }) => sheet.getSheet(ctx.db, ctx.user, input?.username)),
  history: authedProcedure
    .input(characterHistoryInput)
    .query(({ ctx, input }) => sheet.history(ctx.db, ctx.user, input)),
});
