import {
  contestIdInput,
  contestListInput,
  contestProblemLabelInput,
  contestSlugInput,
  contestSubmitInput,
  createContestInput,
  createEventInput,
  eventIdInput,
  eventSlugInput,
  integrityInput,
  scoreboardInput,
  updateContestInput,
  updateEventInput,
} from '../../schemas/battle';
import { authedProcedure, instructorProcedure, publicProcedure, router } from '../../trpc';
import * as contests from './contest';
import * as events from './events';
import { checkContestIntegrity, integrityReport } from './integrity';
import { scoreboardStream } from './live';

/** Contests (authoring, taking part, scoreboards, ratings) and the seasonal events that group them. */
export const contestRouter = router({
  list: publicProcedure
    .input(contestListInput)
    .query(({ ctx, input }) => contests.listContests(ctx.db, ctx.user, input)),
  get: publicProcedure
    .input(contestSlugInput)
    .query(({ ctx, input }) => contests.getContest(ctx.db, ctx.user, input.slug)),
  /** A problem's statement and samples, once the viewer may read it. */
  problem: authedProcedure
    .input(contestProblemLabelInput)
    .query(({ ctx, input }) => contests.contestProblem(ctx.db, ctx.user, input.contestId, input.label)),
  create: instructorProcedure
    .input(createContestInput)
    .mutation(({ ctx, input }) => contests.createContest(ctx.db, ctx.user, input)),
  update: instructorProcedure
    .input(updateContestInput)
    .mutation(({ ctx, input }) => contests.updateContest(ctx.db, ctx.user, input)),
  remove: instructorProcedure
    .input(contestIdInput)
    .mutation(({ ctx, input }) => contests.deleteContest(ctx.db, ctx.user, input.contestId)),
  register: authedProcedure
    .input(contestIdInput)
    .mutation(({ ctx, input }) => contests.register(ctx.db, ctx.user, input.contestId)),
  unregister: authedProcedure
    .input(contestIdInput)
    .mutation(({ ctx, input }) => contests.unregister(ctx.db, ctx.user, input.contestId)),
  startVirtual: authedProcedure
    .input(contestIdInput)
    .mutation(({ ctx, input }) => contests.startVirtual(ctx.db, ctx.user, input.contestId)),
  submit: authedProcedure
    .input(contestSubmitInput)
    .mutation(({ ctx, input }) => contests.submit(ctx.db, ctx.user, input)),
  mySubmissions: authedProcedure
    .input(contestIdInput)
    .query(({ ctx, input }) => contests.mySubmissions(ctx.db, ctx.user, input.contestId)),
  scoreboard: publicProcedure
    .input(scoreboardInput)
    .query(({ ctx, input }) => contests.scoreboard(ctx.db, ctx.user, input.contestId, input.includeVirtual)),
  onScoreboard: publicProcedure
    .input(scoreboardInput)
    .subscription(({ ctx, input, signal }) =>
      scoreboardStream(ctx.db, ctx.user, input.contestId, input.includeVirtual, ctx.notifier, signal),
    ),
  /** After the end: final ranks, then ratings (once), then the integrity check (once). */
  finalize: instructorProcedure
    .input(contestIdInput)
    .mutation(({ ctx, input }) => contests.finalize(ctx.db, ctx.user, input.contestId)),
  /** Runs the near-identical-code check now and stores a report. */
  integrityCheck: instructorProcedure
    .input(integrityInput)
    .mutation(({ ctx, input }) => checkContestIntegrity(ctx.db, ctx.user, input.contestId, input.threshold)),
  integrityReport: instructorProcedure
    .input(contestIdInput)
    .query(({ ctx, input }) => integrityReport(ctx.db, ctx.user, input.contestId)),
  event: router({
    list: publicProcedure.query(({ ctx }) => events.listEvents(ctx.db)),
    get: publicProcedure.input(eventSlugInput).query(({ ctx, input }) => events.getEvent(ctx.db, ctx.user, input.slug)),
    create: instructorProcedure
      .input(createEventInput)
      .mutation(({ ctx, input }) => events.createEvent(ctx.db, ctx.user, input)),
    update: instructorProcedure
      .input(updateEventInput)
      .mutation(({ ctx, input }) => events.updateEvent(ctx.db, ctx.user, input)),
    delete: instructorProcedure
      .input(eventIdInput)
      .mutation(({ ctx, input }) => events.deleteEvent(ctx.db, ctx.user, input.eventId)),
  }),
});
