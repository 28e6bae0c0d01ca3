import {
  duelChallengeInput,
  duelIdInput,
  duelListInput,
  duelQueueInput,
  duelSubmitInput,
  ratingHistoryInput,
  ratingOfInput,
} from '../../schemas/battle';
import { authedProcedure, publicProcedure, router } from '../../trpc';
import * as duels from './duel';
import { ratingHistory, ratingsOf } from './history';
import { duelStream, myDuelsStream } from './live';
import { TIERS } from './rating';

/** Live duels and ratings. Contests and seasonal events live in the `contest` router. */
export const battleRouter = router({
  duel: router({
    /** Challenge someone by username (friend, guild mate, anyone who hasn't blocked you). */
    challenge: authedProcedure
      .input(duelChallengeInput)
      .mutation(({ ctx, input }) => duels.challenge(ctx.db, ctx.user, input)),
    accept: authedProcedure
      .input(duelIdInput)
      .mutation(({ ctx, input }) => duels.accept(ctx.db, ctx.user, input.battleId)),
    /** Decline a challenge, withdraw your own, or leave the queue. */
    decline: authedProcedure
      .input(duelIdInput)
      .mutation(({ ctx, input }) => duels.decline(ctx.db, ctx.user, input.battleId)),
    /** Same opponent, same settings; accepts their rematch if they asked first. */
    rematch: authedProcedure
      .input(duelIdInput)
      .mutation(({ ctx, input }) => duels.rematch(ctx.db, ctx.user, input.battleId)),
    /** Rated matchmaking by duel rating. */
    queue: authedProcedure
      .input(duelQueueInput)
      .mutation(({ ctx, input }) => duels.queue(ctx.db, ctx.user, input.minutes)),
    queueStatus: authedProcedure.query(({ ctx }) => duels.queueStatus(ctx.db, ctx.user)),
    submit: authedProcedure.input(duelSubmitInput).mutation(({ ctx, input }) => duels.submit(ctx.db, ctx.user, input)),
    forfeit: authedProcedure
      .input(duelIdInput)
      .mutation(({ ctx, input }) => duels.forfeit(ctx.db, ctx.user, input.battleId)),
    /** "Typing…" for the opponent; call at most every few seconds while the editor changes. */
    typing: authedProcedure
      .input(duelIdInput)
      .mutation(({ ctx, input }) => duels.typing(ctx.db, ctx.user, input.battleId)),
    get: authedProcedure.input(duelIdInput).query(({ ctx, input }) => duels.getDuel(ctx.db, ctx.user, input.battleId)),
    list: authedProcedure.input(duelListInput).query(({ ctx, input }) => duels.listDuels(ctx.db, ctx.user, input)),
    /** The duel live: `{type:'state', duel}` on every change, `{type:'typing', userId}`. Also the player's presence. */
    onUpdate: authedProcedure
      .input(duelIdInput)
      .subscription(({ ctx, input, signal }) => duelStream(ctx.db, ctx.user, input.battleId, ctx.notifier, signal)),
    /** My open duels and queue state, live (incoming challenges, match found). */
    onMine: authedProcedure.subscription(({ ctx, signal }) => myDuelsStream(ctx.db, ctx.user, ctx.notifier, signal)),
  }),
  rating: router({
    /** Current duel and contest ratings with tier and provisional flag. */
    of: publicProcedure
      .input(ratingOfInput)
      .query(({ ctx, input }) => ratingsOf(ctx.db, input.username, ctx.user?.id ?? null)),
    /** Points for the profile's rating chart. */
    history: publicProcedure
      .input(ratingHistoryInput)
      .query(({ ctx, input }) => ratingHistory(ctx.db, input.username, input.kind, ctx.user?.id ?? null)),
    tiers: publicProcedure.query(() =>
      TIERS.map((t) => ({ key: t.key, title: t.title, min: Number.isFinite(t.min) ? t.min : null, color: t.color })),
    ),
  }),
});
