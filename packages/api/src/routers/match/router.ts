import {
  matchHistoryInput,
  matchIdInput,
  matchRequestInput,
  pairSessionIdInput,
  pairSessionListInput,
} from '../../schemas/match';
import { authedProcedure, router } from '../../trpc';
import * as matches from './service';
import * as sessions from './sessions';

export const matchRouter = router({
  /** Joins the queue; returns the new status. */
  request: authedProcedure
    .input(matchRequestInput)
    .mutation(({ ctx, input }) => matches.requestMatch(ctx.db, ctx.user.id, input)),
  /** Leaves the queue (declining a proposal if one is waiting). */
  cancel: authedProcedure.mutation(({ ctx }) => matches.cancelMatchRequest(ctx.db, ctx.user.id)),
  status: authedProcedure.query(({ ctx }) => matches.getMatchStatus(ctx.db, ctx.user.id)),
  accept: authedProcedure
    .input(matchIdInput)
    .mutation(({ ctx, input }) => matches.acceptMatch(ctx.db, ctx.user.id, input.matchId)),
  decline: authedProcedure
    .input(matchIdInput)
    .mutation(({ ctx, input }) => matches.declineMatch(ctx.db, ctx.user.id, input.matchId)),
  history: authedProcedure
    .input(matchHistoryInput)
    .query(({ ctx, input }) => matches.matchHistory(ctx.db, ctx.user.id, input)),
  /** Live status over SSE: the same shape as `status`, pushed whenever it changes. */
  onStatus: authedProcedure.subscription(async function* ({ ctx, signal }) {
    yield* matches.liveMatchStatus(ctx.db, ctx.notifier, ctx.user.id, signal);
  }),

  pairSessions: router({
    list: authedProcedure
      .input(pairSessionListInput)
      .query(({ ctx, input }) => sessions.listPairSessions(ctx.db, ctx.user.id, input)),
    get: authedProcedure
      .input(pairSessionIdInput)
      .query(({ ctx, input }) => sessions.getPairSession(ctx.db, ctx.user, input.id)),
    leave: authedProcedure
      .input(pairSessionIdInput)
      .mutation(({ ctx, input }) => sessions.leavePairSession(ctx.db, ctx.user.id, input.id)),
  }),
});
