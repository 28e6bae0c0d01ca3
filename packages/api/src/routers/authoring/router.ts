import {
  addTestInput,
  bulkTestsInput,
  createProblemInput,
  importProblemInput,
  languageInput,
  listAuthoredInput,
  problemIdInput,
  reorderTestsInput,
  saveGroupsInput,
  setCodeInput,
  setHintsInput,
  testIdInput,
  updateProblemInput,
  updateTestInput,
} from '../../schemas/authoring';
import { instructorProcedure, router } from '../../trpc';
import { loadProblemForEdit } from './access';
import * as problems from './problems';
import * as tests from './tests';
import { publishProblem, verificationStatus, verifyProblem } from './verification';
import { exportProblem, importProblem } from './zip';

/** Problem authoring for instructors: only a problem's author (or an administrator) changes it. */
export const authoringRouter = router({
  list: instructorProcedure
    .input(listAuthoredInput)
    .query(({ ctx, input }) => problems.listAuthored(ctx.db, ctx.user, input)),
  get: instructorProcedure
    .input(problemIdInput)
    .query(({ ctx, input }) => problems.getProblemForAuthoring(ctx.db, ctx.user, input.problemId)),
  create: instructorProcedure
    .input(createProblemInput)
    .mutation(({ ctx, input }) => problems.createProblem(ctx.db, ctx.user, input, ctx.ip)),
  update: instructorProcedure
    .input(updateProblemInput)
    .mutation(({ ctx, input }) => problems.updateProblem(ctx.db, ctx.user, input, ctx.ip)),
  delete: instructorProcedure
    .input(problemIdInput)
    .mutation(({ ctx, input }) => problems.deleteProblem(ctx.db, ctx.user, input.problemId, ctx.ip)),

  /** Queues a judge run of every reference solution on the current tests. */
  verify: instructorProcedure
    .input(problemIdInput)
    .mutation(({ ctx, input }) => verifyProblem(ctx.db, ctx.user, input.problemId, ctx.ip)),
  /** Where each reference solution stands (poll after `verify`). */
  verification: instructorProcedure.input(problemIdInput).query(async ({ ctx, input }) => {
    await loadProblemForEdit(ctx.db, ctx.user, input.problemId);
    return verificationStatus(ctx.db, input.problemId);
  }),
  /** PRECONDITION_FAILED, naming each failing or pending solution, unless all pass the current tests. */
  publish: instructorProcedure
    .input(problemIdInput)
    .mutation(({ ctx, input }) => publishProblem(ctx.db, ctx.user, input.problemId, ctx.ip)),
  unpublish: instructorProcedure
    .input(problemIdInput)
    .mutation(({ ctx, input }) => problems.setStatus(ctx.db, ctx.user, input.problemId, 'DRAFT', ctx.ip)),
  archive: instructorProcedure
    .input(problemIdInput)
    .mutation(({ ctx, input }) => problems.setStatus(ctx.db, ctx.user, input.problemId, 'ARCHIVED', ctx.ip)),

  tests: router({
    get: instructorProcedure
      .input(testIdInput)
      .query(({ ctx, input }) => tests.getTest(ctx.db, ctx.user, input.testId)),
    add: instructorProcedure
      .input(addTestInput)
      .mutation(({ ctx, input }) => tests.addTest(ctx.db, ctx.user, input, ctx.ip)),
    update: instructorProcedure
      .input(updateTestInput)
      .mutation(({ ctx, input }) => tests.updateTest(ctx.db, ctx.user, input, ctx.ip)),
    delete: instructorProcedure
      .input(testIdInput)
      .mutation(({ ctx, input }) => tests.deleteTest(ctx.db, ctx.user, input.testId, ctx.ip)),
    bulk: instructorProcedure
      .input(bulkTestsInput)
      .mutation(({ ctx, input }) => tests.bulkTests(ctx.db, ctx.user, input, ctx.ip)),
    reorder: instructorProcedure
      .input(reorderTestsInput)
      .mutation(({ ctx, input }) => tests.reorderTests(ctx.db, ctx.user, input, ctx.ip)),
  }),
  groups: router({
    save: instructorProcedure
      .input(saveGroupsInput)
      .mutation(({ ctx, input }) => tests.saveGroups(ctx.db, ctx.user, input, ctx.ip)),
  }),
  starter: router({
    set: instructorProcedure
      .input(setCodeInput)
      .mutation(({ ctx, input }) => problems.setStarterCode(ctx.db, ctx.user, input)),
    delete: instructorProcedure
      .input(languageInput)
      .mutation(({ ctx, input }) => problems.deleteStarterCode(ctx.db, ctx.user, input.problemId, input.language)),
  }),
  solutions: router({
    set: instructorProcedure
      .input(setCodeInput)
      .mutation(({ ctx, input }) => problems.setSolution(ctx.db, ctx.user, input, ctx.ip)),
    delete: instructorProcedure
      .input(languageInput)
      .mutation(({ ctx, input }) => problems.deleteSolution(ctx.db, ctx.user, input.problemId, input.language, ctx.ip)),
  }),
  hints: router({
    set: instructorProcedure
      .input(setHintsInput)
      .mutation(({ ctx, input }) => problems.setHints(ctx.db, ctx.user, input)),
  }),

  /** The problem as a zip, base64-encoded. */
  export: instructorProcedure
    .input(problemIdInput)
    .query(({ ctx, input }) => exportProblem(ctx.db, ctx.user, input.problemId)),
  /** A zip (base64) becomes a new DRAFT problem authored by the caller. */
  import: instructorProcedure
    .input(importProblemInput)
    .mutation(({ ctx, input }) => importProblem(ctx.db, ctx.user, input, ctx.ip)),
});
