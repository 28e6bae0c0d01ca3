import { aiUsageInput, hintInput, problemHintsInput, reviewInput } from '../../schemas/ai';
import { adminProcedure, authedProcedure, publicProcedure, router } from '../../trpc';
import { aiGateway } from './gateway';
import { getHint, listHints, reviewSubmission } from './help';
import { usageReport } from './usage';

/** The AI domain: gateway status, student help (hints, reviews) and the usage audit. */
export const aiRouter = router({
  /** Which mode is active (live Gemini or offline), the circuit state, and the caller's quota use. */
  status: publicProcedure.query(async ({ ctx }) => {
    const gateway = aiGateway();
    const usedToday = ctx.user ? await gateway.usageToday(ctx.db, { userId: ctx.user.id }) : null;
    return { ...gateway.status(), usedToday };
  }),
  hints: authedProcedure
    .input(problemHintsInput)
    .query(({ ctx, input }) => listHints(ctx.db, ctx.user, input.problemId)),
  /** Unlocks (first time: costs XP) and returns one hint tier. */
  hint: authedProcedure.input(hintInput).mutation(({ ctx, input }) => getHint(ctx.db, ctx.user, input)),
  review: authedProcedure.input(reviewInput).mutation(({ ctx, input }) => reviewSubmission(ctx.db, ctx.user, input)),
  usage: adminProcedure.input(aiUsageInput).query(({ ctx, input }) => usageReport(ctx.db, input.days)),
});
