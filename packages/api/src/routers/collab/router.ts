import {
  chatListInput,
  chatSendInput,
  historyInput,
  roomInput,
  saveVersionInput,
  versionInput,
} from '../../schemas/collab';
import { authedProcedure, router } from '../../trpc';
import * as chat from './chat';
import * as collab from './service';

/** Collaborative rooms served by apps/realtime: tokens to join them, named versions, replay. */
export const collabRouter = router({
  /** A five-minute token for `room` (`pair:<sessionId>` or `meeting:<meetingId>`) and where to use it. */
  roomToken: authedProcedure
    .input(roomInput)
    .mutation(({ ctx, input }) => collab.issueRoomToken(ctx.db, ctx.config, ctx.user, input.room)),
  versions: router({
    list: authedProcedure.input(roomInput).query(({ ctx, input }) => collab.listVersions(ctx.db, ctx.user, input.room)),
    get: authedProcedure
      .input(versionInput)
      .query(({ ctx, input }) => collab.getVersion(ctx.db, ctx.user, input.room, input.id)),
    save: authedProcedure
      .input(saveVersionInput)
      .mutation(({ ctx, input }) => collab.saveVersion(ctx.db, ctx.user, input)),
    restore: authedProcedure
      .input(versionInput)
      .mutation(({ ctx, input }) => collab.restoreVersion(ctx.db, ctx.user, input.room, input.id)),
  }),
  /** The update log for replay: participants of their own sessions, instructors and admins. */
  history: authedProcedure.input(historyInput).query(({ ctx, input }) => collab.history(ctx.db, ctx.user, input)),
  /** A room's chat: a pair session's participants, or a meeting's party members. */
  chat: router({
    list: authedProcedure.input(chatListInput).query(({ ctx, input }) => chat.listMessages(ctx.db, ctx.user, input)),
    send: authedProcedure.input(chatSendInput).mutation(({ ctx, input }) => chat.sendMessage(ctx.db, ctx.user, input)),
  }),
});
