import {
  listReportsInput,
  pairIdInput,
  reportIdInput,
  reviewPairInput,
  runIntegrityInput,
} from '../../schemas/integrity';
import { instructorProcedure, router } from '../../trpc';
import * as integrity from './service';

/** Plagiarism reports. Flags are prompts for review; nothing here punishes anyone. */
export const integrityRouter = router({
  /** Compares accepted submissions of a problem or contest now and stores a report. */
  run: instructorProcedure
    .input(runIntegrityInput)
    .mutation(({ ctx, input }) => integrity.runIntegrity(ctx.db, ctx.user, input, ctx.ip)),
  reports: instructorProcedure
    .input(listReportsInput)
    .query(({ ctx, input }) => integrity.listReports(ctx.db, ctx.user, input)),
  /** One report's pairs, most similar first. */
  report: instructorProcedure
    .input(reportIdInput)
    .query(({ ctx, input }) => integrity.getReport(ctx.db, ctx.user, input)),
  /** Both programs and the matched fragments, for the side-by-side view. */
  pair: instructorProcedure
    .input(pairIdInput)
    .query(({ ctx, input }) => integrity.getPair(ctx.db, ctx.user, input.pairId)),
  review: instructorProcedure
    .input(reviewPairInput)
    .mutation(({ ctx, input }) => integrity.reviewPair(ctx.db, ctx.user, input, ctx.ip)),
});
