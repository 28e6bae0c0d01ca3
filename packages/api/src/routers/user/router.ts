import { byUsernameInput, setSkillLevelInput, updatePreferencesInput, updateProfileInput } from '../../schemas/user';
import { authedProcedure, publicProcedure, router } from '../../trpc';
import * as users from './service';

export const userRouter = router({
  me: authedProcedure.query(({ ctx }) => users.getMe(ctx.db, ctx.user.id)),
  byUsername: publicProcedure
    .input(byUsernameInput)
    .query(({ ctx, input }) => users.getPublicProfile(ctx.db, input.username, ctx.user?.id ?? null)),
  updateProfile: authedProcedure
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => users.updateProfile(ctx.db, ctx.user.id, input)),
  updatePreferences: authedProcedure
    .input(updatePreferencesInput)
    .mutation(({ ctx, input }) => users.updatePreferences(ctx.db, ctx.user.id, input)),
  setSkillLevel: authedProcedure
    .input(setSkillLevelInput)
    .mutation(({ ctx, input }) => users.setSkillLevel(ctx.db, ctx.user.id, input.skillLevel)),
  friends: authedProcedure.query(({ ctx }) => users.listFriends(ctx.db, ctx.user.id)),
});
