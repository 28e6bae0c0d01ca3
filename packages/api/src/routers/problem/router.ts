import { problemIdInput } from '../../schemas/authoring';
import { listProblemsInput, problemSlugInput } from '../../schemas/problem';
import { authedProcedure, publicProcedure, router } from '../../trpc';
import * as problems from './service';

export const problemRouter = router({
  list: publicProcedure
    .input(listProblemsInput)
    .query(({ ctx, input }) => problems.listProblems(ctx.db, ctx.user, input)),
  tags: publicProcedure.query(({ ctx }) => problems.listTags(ctx.db)),
  bySlug: publicProcedure
    .input(problemSlugInput)
    .query(({ ctx, input }) => problems.getProblem(ctx.db, ctx.user, input.slug)),
  editorial: authedProcedure
    .input(problemIdInput)
    .query(({ ctx, input }) => problems.getEditorial(ctx.db, ctx.user, input.problemId)),
});
