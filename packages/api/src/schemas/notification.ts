import { z } from 'zod';
import { pageInput } from './user';

/**
 * Every notification type the platform sends; preferences are per type. Unknown types (added by
 * other domains later) are still delivered, with default preferences.
 */
export const notificationTypes = [
  'friend.request',
  'friend.accepted',
  'party.invite',
  'party.joined',
  'meeting.scheduled',
  'meeting.cancelled',
  'guild.invite',
  'guild.join_request',
  'guild.join_approved',
  'guild.kicked',
  'guild.role_changed',
  'match.found',
  'match.ready',
  'match.cancelled',
  'duel.challenge',
  'duel.accepted',
  'duel.matched',
  'duel.finished',
] as const;
export type NotificationType = (typeof notificationTypes)[number];

export const listNotificationsInput = pageInput.extend({
  unreadOnly: z.boolean().default(false),
  /** Unread ones first, each group newest first. */
  unreadFirst: z.boolean().default(false),
});
export const markReadInput = z.object({
  ids: z.array(z.uuid()).min(1).max(200),
});
export const setNotificationPreferencesInput = z.object({
  preferences: z
    .array(
      z.object({
        type: z.string().trim().min(1).max(60),
        /** Stored in the inbox at all. */
        inApp: z.boolean(),
        /** Pushed live (toast) as it arrives. */
        push: z.boolean(),
      }),
    )
    .min(1)
    .max(50),
});

/** Guild events a webhook can subscribe to; an empty list means all of them. */
export const webhookEvents = [
  'member.joined',
  'member.left',
  'member.kicked',
  'member.role_changed',
  'guild.ownership_transferred',
  'guild.updated',
  'ping',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export const createWebhookInput = z.object({
  guildId: z.uuid({ error: 'Unknown guild' }),
  url: z.url({ protocol: /^https?$/, error: 'Enter a full https:// URL' }).max(2000, { error: 'URL too long' }),
  events: z
    .array(z.enum(webhookEvents))
    .default([])
    .transform((es) => [...new Set(es)]),
});
export const webhookIdInput = z.object({ webhookId: z.uuid({ error: 'Unknown webhook' }) });
export const webhookDeliveriesInput = webhookIdInput.extend(pageInput.shape);
export const guildWebhooksInput = z.object({ guildId: z.uuid({ error: 'Unknown guild' }) });
