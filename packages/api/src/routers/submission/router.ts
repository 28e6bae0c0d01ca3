import { SUBMISSIONS_CHANNEL } from '@roguelearn/db/queue';
import {
  createSubmissionInput,
  languages,
  listSubmissionsInput,
  runInput,
  submissionIdInput,
} from '../../schemas/submission';
import { authedProcedure, publicProcedure, router } from '../../trpc';
import * as submissions from './service';

export const submissionRouter = router({
  languages: publicProcedure.query(() => languages),
  create: authedProcedure
    .input(createSubmissionInput)
    .mutation(({ ctx, input }) => submissions.createSubmission(ctx.db, ctx.user, input)),
  run: authedProcedure.input(runInput).mutation(({ ctx, input }) => submissions.runCode(ctx.db, ctx.user, input)),
  get: authedProcedure
    .input(submissionIdInput)
    .query(({ ctx, input }) => submissions.getSubmission(ctx.db, ctx.user, input.id)),
  list: authedProcedure
    .input(listSubmissionsInput)
    .query(({ ctx, input }) => submissions.listSubmissions(ctx.db, ctx.user, input)),

  /**
   * Live progress over SSE: the current state at once, then every change the judge NOTIFYs
   * (from any replica), until the submission is done.
   */
  onUpdate: authedProcedure.input(submissionIdInput).subscription(async function* ({ ctx, input, signal }) {
    let current = await submissions.getSubmission(ctx.db, ctx.user, input.id);
    yield current;
    if (current.status === 'DONE') return;
    if (!ctx.notifier) return;
    let wake: (() => void) | null = null;
    let dirty = false;
    const unsubscribe = ctx.notifier.subscribe(SUBMISSIONS_CHANNEL, (id) => {
      if (id !== input.id) return;
      dirty = true;
      wake?.();
    });
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal?.aborted && current.status !== 'DONE') {
        if (!dirty) {
          // Wake on a notification, or re-check every few seconds in case one was missed.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 5000);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
        dirty = false;
        const next = await submissions.getSubmission(ctx.db, ctx.user, input.id);
        if (
          next.status !== current.status ||
          next.results.length !== current.results.length ||
          next.verdict !== current.verdict
        ) {
          yield next;
        }
        current = next;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      unsubscribe();
    }
  }),
});
