import { analyticsFilter, exportCsvInput, strugglingInput } from '../../schemas/analytics';
import { instructorProcedure, router } from '../../trpc';
import { exportCsv } from './export';
import * as analytics from './service';

/** Class dashboards: instructors see their classes' students, administrators everything. */
export const analyticsRouter = router({
  /** Headline numbers for the range. */
  summary: instructorProcedure.input(analyticsFilter).query(async ({ ctx, input }) => {
    const scope = await analytics.resolveScope(ctx.db, ctx.user, input.classId);
    return analytics.summary(ctx.db, scope, analytics.resolveRange(input));
  }),
  /** Per day: submissions by verdict (every day of the range, zeros included). */
  submissions: instructorProcedure.input(analyticsFilter).query(async ({ ctx, input }) => {
    const scope = await analytics.resolveScope(ctx.db, ctx.user, input.classId);
    return analytics.submissionsOverTime(ctx.db, scope, analytics.resolveRange(input));
  }),
  /** Per problem: attempters, solvers, solve rate, median attempts to the first AC. */
  problems: instructorProcedure.input(analyticsFilter).query(async ({ ctx, input }) => {
    const scope = await analytics.resolveScope(ctx.db, ctx.user, input.classId);
    return analytics.problemStats(ctx.db, scope, analytics.resolveRange(input));
  }),
  /** Per skill node of the classes' trees: completed, in progress, mastery share. */
  skills: instructorProcedure.input(analyticsFilter).query(async ({ ctx, input }) => {
    const scope = await analytics.resolveScope(ctx.db, ctx.user, input.classId);
    return analytics.skillMastery(ctx.db, scope);
  }),
  /** Per day: distinct active users. */
  activeUsers: instructorProcedure.input(analyticsFilter).query(async ({ ctx, input }) => {
    const scope = await analytics.resolveScope(ctx.db, ctx.user, input.classId);
    return analytics.activeUsers(ctx.db, scope, analytics.resolveRange(input));
  }),
  /** Students failing a lot recently, or inactive for a while, with the problems they're stuck on. */
  struggling: instructorProcedure.input(strugglingInput).query(async ({ ctx, input }) => {
    const scope = await analytics.resolveScope(ctx.db, ctx.user, input.classId);
    return analytics.struggling(ctx.db, scope, input);
  }),
  /** One report as CSV text (the page offers it as a download). */
  exportCsv: instructorProcedure.input(exportCsvInput).query(({ ctx, input }) => exportCsv(ctx.db, ctx.user, input)),
});
