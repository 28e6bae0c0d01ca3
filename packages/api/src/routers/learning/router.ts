import {
  createSyllabusInput,
  generateTreeInput,
  grantStepInput,
  listQuestsInput,
  listSyllabiInput,
  listTreesInput,
  publishTreeInput,
  questIdInput,
  runIdInput,
  saveQuestInput,
  stepIdInput,
  syllabusIdInput,
  treeIdInput,
  updateTreeInput,
} from '../../schemas/learning';
import { authedProcedure, instructorProcedure, router } from '../../trpc';
import { myClasses } from './access';
import * as dungeon from './dungeon';
import * as quests from './quests';
import * as syllabi from './syllabi';
import * as trees from './trees';

/** Learning: syllabi → skill trees → quests and dungeon runs, with each student's progress. */
export const learningRouter = router({
  /** Classes the viewer teaches, assists or attends (targets for publishing, scopes for trees). */
  classes: authedProcedure.query(({ ctx }) => myClasses(ctx.db, ctx.user)),

  syllabus: router({
    create: instructorProcedure
      .input(createSyllabusInput)
      .mutation(({ ctx, input }) => syllabi.createSyllabus(ctx.db, ctx.user, input)),
    list: instructorProcedure
      .input(listSyllabiInput)
      .query(({ ctx, input }) => syllabi.listSyllabi(ctx.db, ctx.user, input)),
    get: instructorProcedure
      .input(syllabusIdInput)
      .query(({ ctx, input }) => syllabi.getSyllabus(ctx.db, ctx.user, input.syllabusId)),
  }),

  tree: router({
    /** A draft tree from a syllabus (Gemini, or offline from its headings), with starter quests. */
    generate: instructorProcedure
      .input(generateTreeInput)
      .mutation(({ ctx, input }) => trees.generateTree(ctx.db, ctx.user, input)),
    /** Replaces the graph as the editor holds it; refuses cycles with the offending nodes named. */
    update: instructorProcedure
      .input(updateTreeInput)
      .mutation(({ ctx, input }) => trees.updateTree(ctx.db, ctx.user, input)),
    publish: instructorProcedure
      .input(publishTreeInput)
      .mutation(({ ctx, input }) => trees.publishTree(ctx.db, ctx.user, input)),
    archive: instructorProcedure
      .input(treeIdInput)
      .mutation(({ ctx, input }) => trees.archiveTree(ctx.db, ctx.user, input.treeId)),
    delete: instructorProcedure
      .input(treeIdInput)
      .mutation(({ ctx, input }) => trees.deleteTree(ctx.db, ctx.user, input.treeId)),
    /** A tree with each node's state for the viewer (locked / available / in_progress / mastered). */
    get: authedProcedure.input(treeIdInput).query(({ ctx, input }) => trees.getTree(ctx.db, ctx.user, input.treeId)),
    list: authedProcedure.input(listTreesInput).query(({ ctx, input }) => trees.listTrees(ctx.db, ctx.user, input)),
  }),

  quest: router({
    list: authedProcedure.input(listQuestsInput).query(({ ctx, input }) => quests.listQuests(ctx.db, ctx.user, input)),
    get: authedProcedure
      .input(questIdInput)
      .query(({ ctx, input }) => quests.getQuest(ctx.db, ctx.user, input.questId)),
    start: authedProcedure
      .input(questIdInput)
      .mutation(({ ctx, input }) => quests.startQuest(ctx.db, ctx.user, input.questId)),
    completeStep: authedProcedure
      .input(stepIdInput)
      .mutation(({ ctx, input }) => quests.completeStep(ctx.db, ctx.user, input.stepId)),
    save: instructorProcedure
      .input(saveQuestInput)
      .mutation(({ ctx, input }) => quests.saveQuest(ctx.db, ctx.user, input)),
    delete: instructorProcedure
      .input(questIdInput)
      .mutation(({ ctx, input }) => quests.deleteQuest(ctx.db, ctx.user, input.questId)),
    /** Marks a step done for an enrolled student (excused, or judged by hand). */
    grantStep: instructorProcedure
      .input(grantStepInput)
      .mutation(({ ctx, input }) => quests.grantStep(ctx.db, ctx.user, input)),
  }),

  dungeon: router({
    start: authedProcedure
      .input(questIdInput)
      .mutation(({ ctx, input }) => dungeon.startRun(ctx.db, ctx.user, input.questId)),
    get: authedProcedure.input(runIdInput).query(({ ctx, input }) => dungeon.getRun(ctx.db, ctx.user, input.runId)),
    advance: authedProcedure
      .input(runIdInput)
      .mutation(({ ctx, input }) => dungeon.advanceRun(ctx.db, ctx.user, input.runId)),
    abandon: authedProcedure
      .input(runIdInput)
      .mutation(({ ctx, input }) => dungeon.abandonRun(ctx.db, ctx.user, input.runId)),
  }),
});
