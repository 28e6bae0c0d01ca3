import {
  createWebhookInput,
  guildWebhooksInput,
  listNotificationsInput,
  markReadInput,
  setNotificationPreferencesInput,
  webhookDeliveriesInput,
  webhookIdInput,
} from '../../schemas/notification';
import { authedProcedure, router } from '../../trpc';
import * as webhooks from './guild-webhooks';
import * as inbox from './service';

export const notificationRouter = router({
  list: authedProcedure
    .input(listNotificationsInput)
    .query(({ ctx, input }) => inbox.listNotifications(ctx.db, ctx.user.id, input)),
  unreadCount: authedProcedure.query(({ ctx }) => inbox.unreadCount(ctx.db, ctx.user.id)),
  markRead: authedProcedure
    .input(markReadInput)
    .mutation(({ ctx, input }) => inbox.markRead(ctx.db, ctx.user.id, input.ids)),
  markAllRead: authedProcedure.mutation(({ ctx }) => inbox.markRead(ctx.db, ctx.user.id, 'all')),
  /** Every notification type with the user's settings (defaults: on). */
  preferences: authedProcedure.query(({ ctx }) => inbox.getPreferences(ctx.db, ctx.user.id)),
  setPreferences: authedProcedure
    .input(setNotificationPreferencesInput)
    .mutation(({ ctx, input }) => inbox.setPreferences(ctx.db, ctx.user.id, input)),
  /**
   * Live inbox over SSE: `{ kind: 'sync', unreadCount }` at once and whenever the count changes
   * elsewhere, `{ kind: 'new', notification, push, unreadCount }` for each new one. Keeps the
   * user's presence fresh while open.
   */
  onNew: authedProcedure.subscription(async function* ({ ctx, signal }) {
    yield* inbox.liveNotifications(ctx.db, ctx.notifier, ctx.user.id, signal);
  }),

  webhooks: router({
    list: authedProcedure
      .input(guildWebhooksInput)
      .query(({ ctx, input }) => webhooks.listWebhooks(ctx.db, ctx.user.id, input.guildId)),
    /** Returns the signing secret: the only time it is shown. */
    create: authedProcedure
      .input(createWebhookInput)
      .mutation(({ ctx, input }) => webhooks.createWebhook(ctx.db, ctx.user.id, input)),
    delete: authedProcedure
      .input(webhookIdInput)
      .mutation(({ ctx, input }) => webhooks.deleteWebhook(ctx.db, ctx.user.id, input.webhookId)),
    deliveries: authedProcedure
      .input(webhookDeliveriesInput)
      .query(({ ctx, input }) => webhooks.listDeliveries(ctx.db, ctx.user.id, input)),
    test: authedProcedure
      .input(webhookIdInput)
      .mutation(({ ctx, input }) => webhooks.sendTestEvent(ctx.db, ctx.user.id, input.webhookId)),
  }),
});
