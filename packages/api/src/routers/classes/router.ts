import {
  assignInput,
  createClassInput,
  enrollCsvInput,
  joinClassInput,
  listClassesInput,
  removeStudentInput,
  updateClassInput,
} from '../../schemas/classes';
import { classIdInput } from '../../schemas/learning';
import { authedProcedure, instructorProcedure, router } from '../../trpc';
import * as classes from './service';

export const classesRouter = router({
  create: instructorProcedure
    .input(createClassInput)
    .mutation(({ ctx, input }) => classes.createClass(ctx.db, ctx.user, input, ctx.ip)),
  update: instructorProcedure
    .input(updateClassInput)
    .mutation(({ ctx, input }) => classes.updateClass(ctx.db, ctx.user, input, ctx.ip)),
  /** Classes I teach or assist in (administrators may ask for all). */
  mine: instructorProcedure
    .input(listClassesInput)
    .query(({ ctx, input }) => classes.listMyClasses(ctx.db, ctx.user, input)),
  get: instructorProcedure
    .input(classIdInput)
    .query(({ ctx, input }) => classes.getClass(ctx.db, ctx.user, input.classId)),
  /** Replaces the invite code (the invite link is `/classes/join/<inviteCode>`). */
  rotateInvite: instructorProcedure
    .input(classIdInput)
    .mutation(({ ctx, input }) => classes.rotateInvite(ctx.db, ctx.user, input.classId, ctx.ip)),
  /** Students: the class an invite code opens, before joining it. */
  preview: authedProcedure
    .input(joinClassInput)
    .query(({ ctx, input }) => classes.previewClass(ctx.db, ctx.user, input.code)),
  /** Students: join a class with its invite code. */
  join: authedProcedure
    .input(joinClassInput)
    .mutation(({ ctx, input }) => classes.joinClass(ctx.db, ctx.user, input.code)),
  /** Enrols existing users from a list of emails or a CSV; unknown emails come back in `unknown`. */
  enrollCsv: instructorProcedure
    .input(enrollCsvInput)
    .mutation(({ ctx, input }) => classes.enrollCsv(ctx.db, ctx.user, input.classId, input.csv, ctx.ip)),
  removeStudent: instructorProcedure
    .input(removeStudentInput)
    .mutation(({ ctx, input }) => classes.removeStudent(ctx.db, ctx.user, input.classId, input.userId, ctx.ip)),
  assign: instructorProcedure
    .input(assignInput)
    .mutation(({ ctx, input }) => classes.assign(ctx.db, ctx.user, input, ctx.ip)),
  unassign: instructorProcedure
    .input(assignInput)
    .mutation(({ ctx, input }) => classes.unassign(ctx.db, ctx.user, input, ctx.ip)),
  roster: instructorProcedure
    .input(classIdInput)
    .query(({ ctx, input }) => classes.roster(ctx.db, ctx.user, input.classId)),
});
