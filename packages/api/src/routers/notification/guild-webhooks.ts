// Managing a guild's outgoing webhooks: officers and the owner register, list and delete them
// and read the delivery log. The secret is returned once, at creation; the log never shows
// payload secrets because payloads hold only what the guild's Discord channel would see anyway.
import type { Db } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import type { createWebhookInput } from '../../schemas/notification';
import { requireGuildRole } from '../social/guilds';
import { links } from './service';
import { newWebhookSecret, siteUrl, WEBHOOK_CHANNEL, webhookUrlProblem } from './webhooks';

/** Enough for a few channels; more is a sign of a runaway script. */
export const MAX_WEBHOOKS_PER_GUILD = 10;

const publicFields = { id: true, url: true, events: true, active: true, createdAt: true } as const;

export async function createWebhook(db: Db, meId: string, input: z.infer<typeof createWebhookInput>) {
  await requireGuildRole(db, input.guildId, meId, 'OFFICER');
  const problem = webhookUrlProblem(input.url);
  if (problem) throw new DomainError('BAD_REQUEST', problem, { url: [problem] });
  const count = await db.webhook.count({ where: { guildId: input.guildId } });
  if (count >= MAX_WEBHOOKS_PER_GUILD) {
    throw new DomainError('PRECONDITION_FAILED', `A guild can have at most ${MAX_WEBHOOKS_PER_GUILD} webhooks`);
  }
  const secret = newWebhookSecret();
  const hook = await db.webhook.create({
    data: { guildId: input.guildId, url: input.url, events: input.events, secret, createdById: meId },
    select: publicFields,
  });
  // The only time the secret leaves the server: the receiver needs it to verify signatures.
  return { ...hook, secret };
}

export async function listWebhooks(db: Db, meId: string, guildId: string) {
  await requireGuildRole(db, guildId, meId, 'OFFICER');
  const hooks = await db.webhook.findMany({
    where: { guildId },
    orderBy: { createdAt: 'asc' },
    select: {
      ...publicFields,
      createdBy: { select: { username: true, displayName: true } },
      deliveries: {
        orderBy: { createdAt: 'desc' },
        take: 1,
        select: { status: true, createdAt: true, lastStatusCode: true },
      },
    },
  });
  return hooks.map(({ deliveries, ...h }) => ({ ...h, lastDelivery: deliveries[0] ?? null }));
}

/** The webhook and its guild, if the caller is an officer or the owner there. */
async function officerWebhook(db: Db, meId: string, webhookId: string) {
  const hook = await db.webhook.findUnique({ where: { id: webhookId }, select: { id: true, guildId: true } });
  if (!hook?.guildId) throw notFound('Webhook');
  const { guild } = await requireGuildRole(db, hook.guildId, meId, 'OFFICER');
  return { hook, guild };
}

export async function deleteWebhook(db: Db, meId: string, webhookId: string) {
  await officerWebhook(db, meId, webhookId);
  await db.webhook.delete({ where: { id: webhookId } });
  return { deleted: true };
}

export async function listDeliveries(
  db: Db,
  meId: string,
  input: { webhookId: string; cursor?: string; limit: number },
) {
  await officerWebhook(db, meId, input.webhookId);
  const rows = await db.webhookDelivery.findMany({
    where: { webhookId: input.webhookId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      event: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastStatusCode: true,
      lastError: true,
      createdAt: true,
      deliveredAt: true,
    },
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1].id : null };
}

/** Queues a "ping" to this one webhook, so an officer can check the receiver end to end. */
export async function sendTestEvent(db: Db, meId: string, webhookId: string) {
  const { guild } = await officerWebhook(db, meId, webhookId);
  return db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.create({
      data: {
        webhookId,
        event: 'ping',
        payload: {
          username: 'RogueLearn',
          content: `Test message from ${guild.name}: this webhook works.`,
          embeds: [{ title: 'Ping', url: siteUrl(links.guild(guild.slug)), timestamp: new Date().toISOString() }],
        },
      },
      select: { id: true },
    });
    await tx.$executeRaw`SELECT pg_notify(${WEBHOOK_CHANNEL}, ${guild.id})`;
    return delivery;
  });
}
