import {
  classLeaderboardInput,
  eventLeaderboardInput,
  friendsLeaderboardInput,
  globalLeaderboardInput,
  guildLeaderboardInput,
} from '../../schemas/leaderboard';
import { authedProcedure, publicProcedure, router } from '../../trpc';
import * as boards from './service';

/** Rankings by rating, XP or problems solved, paginated, always with the viewer's own row (`me`). */
export const leaderboardRouter = router({
  global: publicProcedure
    .input(globalLeaderboardInput)
    .query(({ ctx, input }) => boards.globalBoard(ctx.db, ctx.user, input)),
  friends: authedProcedure
    .input(friendsLeaderboardInput)
    .query(({ ctx, input }) => boards.friendsBoard(ctx.db, ctx.user, input)),
  class: authedProcedure
    .input(classLeaderboardInput)
    .query(({ ctx, input }) => boards.classBoard(ctx.db, ctx.user, input)),
  guild: publicProcedure
    .input(guildLeaderboardInput)
    .query(({ ctx, input }) => boards.guildBoard(ctx.db, ctx.user, input)),
  /** A seasonal event's board: total score over its ended contests. */
  event: publicProcedure
    .input(eventLeaderboardInput)
    .query(({ ctx, input }) => boards.eventBoard(ctx.db, ctx.user, input)),
});
