import {
  addAgendaItemInput,
  agendaItemIdInput,
  listMeetingsInput,
  meetingIdInput,
  reorderAgendaInput,
  scheduleMeetingInput,
  setAgendaItemDoneInput,
  updateMeetingInput,
} from '../../schemas/meeting';
import { authedProcedure, router } from '../../trpc';
import * as meetings from './service';

/** Party meetings: members schedule, see and attend them; organisers and leaders change them. */
export const meetingRouter = router({
  list: authedProcedure
    .input(listMeetingsInput)
    .query(({ ctx, input }) => meetings.listMeetings(ctx.db, ctx.user.id, input)),
  get: authedProcedure
    .input(meetingIdInput)
    .query(({ ctx, input }) => meetings.getMeeting(ctx.db, ctx.user.id, input.meetingId)),
  schedule: authedProcedure
    .input(scheduleMeetingInput)
    .mutation(({ ctx, input }) => meetings.scheduleMeeting(ctx.db, ctx.user, input)),
  update: authedProcedure
    .input(updateMeetingInput)
    .mutation(({ ctx, input }) => meetings.updateMeeting(ctx.db, ctx.user.id, input)),
  cancel: authedProcedure
    .input(meetingIdInput)
    .mutation(({ ctx, input }) => meetings.cancelMeeting(ctx.db, ctx.user, input.meetingId)),
  /** Entering the meeting room: records attendance. */
  join: authedProcedure
    .input(meetingIdInput)
    .mutation(({ ctx, input }) => meetings.joinMeeting(ctx.db, ctx.user.id, input.meetingId)),
  leave: authedProcedure
    .input(meetingIdInput)
    .mutation(({ ctx, input }) => meetings.leaveMeeting(ctx.db, ctx.user.id, input.meetingId)),
  agenda: router({
    add: authedProcedure
      .input(addAgendaItemInput)
      .mutation(({ ctx, input }) => meetings.addAgendaItem(ctx.db, ctx.user.id, input)),
    reorder: authedProcedure
      .input(reorderAgendaInput)
      .mutation(({ ctx, input }) => meetings.reorderAgenda(ctx.db, ctx.user.id, input)),
    setDone: authedProcedure
      .input(setAgendaItemDoneInput)
      .mutation(({ ctx, input }) => meetings.setAgendaItemDone(ctx.db, ctx.user.id, input.itemId, input.done)),
    remove: authedProcedure
      .input(agendaItemIdInput)
      .mutation(({ ctx, input }) => meetings.removeAgendaItem(ctx.db, ctx.user.id, input.itemId)),
  }),
});
