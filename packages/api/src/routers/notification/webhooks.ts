// Outgoing webhooks, Discord-compatible. Guild events write WebhookDelivery rows in the same
// transaction as the event itself (an outbox), so a delivery exists exactly when the event
// committed and survives any restart. Dispatchers (one per web replica) claim due rows with
// FOR UPDATE SKIP LOCKED and push them forward by a lease before posting: a dispatcher that dies
// mid-post leaves the row to become due again when the lease runs out, so delivery is
// at-least-once (receivers dedupe on X-RogueLearn-Delivery). Results are written fenced on the
// attempt number, so a stale dispatcher can never overwrite a newer attempt's outcome.
import crypto from 'node:crypto';
import dns from 'node:dns/promises';
import net from 'node:net';
import type { Db, DbTx, Prisma } from '@roguelearn/db';
import type { Notifier } from '@roguelearn/db/notify';
import type { WebhookEvent } from '../../schemas/notification';

export const WEBHOOK_CHANNEL = 'webhook_deliveries';

/** Discord's webhook body (the subset we send). https://discord.com/developers/docs/resources/webhook */
export interface DiscordEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  timestamp?: string;
  footer?: { text: string };
  fields?: { name: string; value: string; inline?: boolean }[];
}
export interface DiscordMessage {
  content?: string;
  username?: string;
  embeds?: DiscordEmbed[];
}

/**
 * Queues `message` for every active webhook of the guild subscribed to `event` (an empty event
 * list means all). Call it inside the event's transaction. Returns how many were queued.
 */
export async function enqueueWebhookEvent(
  tx: DbTx,
  guildId: string,
  event: WebhookEvent,
  message: DiscordMessage,
): Promise<number> {
  const hooks = await tx.webhook.findMany({
    where: { guildId, active: true, OR: [{ events: { isEmpty: true } }, { events: { has: event } }] },
    select: { id: true },
  });
  if (!hooks.length) return 0;
  await tx.webhookDelivery.createMany({
    data: hooks.map((h) => ({ webhookId: h.id, event, payload: message as Prisma.InputJsonObject })),
  });
  // Wakes an idle dispatcher on commit; without it the next poll picks the rows up anyway.
  await tx.$executeRaw`SELECT pg_notify(${WEBHOOK_CHANNEL}, ${guildId})`;
  return hooks.length;
}

/** Absolute links in webhook messages (they're read outside the site, e.g. in Discord). */
export const siteUrl = (path: string) =>
  `${(process.env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, '')}${path}`;

export const SIGNATURE_HEADER = 'X-RogueLearn-Signature';
export const TIMESTAMP_HEADER = 'X-RogueLearn-Timestamp';

/** `sha256=<hex HMAC-SHA256 of the exact body bytes, keyed with the webhook's secret>`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifySignature(secret: string, body: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('base64url')}`;
}

// ───────────── where webhooks may point (no requests into our own network) ─────────────

const privateRanges = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  privateRanges.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  privateRanges.addSubnet(prefix, bits, 'ipv6');
}

function isPrivateAddress(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  if (mapped) return privateRanges.check(mapped, 'ipv4');
  const family = net.isIP(address);
  return family !== 0 && privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Private targets (http://127.0.0.1 receivers) are allowed outside production, where tests and
 * local Discord stand-ins need them; production accepts only public https URLs.
 */
export const allowPrivateTargetsByDefault = () => process.env.NODE_ENV !== 'production';

/** Why a URL can't be a webhook target, or null when it can. */
export function webhookUrlProblem(raw: string, allowPrivate = allowPrivateTargetsByDefault()): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full https:// URL';
  }
  if (url.username || url.password) return 'The URL must not contain credentials';
  if (url.protocol === 'http:') {
    return allowPrivate && LOOPBACK_HOSTS.has(url.hostname) ? null : 'Webhook URLs must use https://';
  }
  if (url.protocol !== 'https:') return 'Webhook URLs must use https://';
  if (!allowPrivate) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (LOOPBACK_HOSTS.has(url.hostname) || host.endsWith('.localhost') || isPrivateAddress(host)) {
      return 'Webhook URLs must point to a public host';
    }
  }
  return null;
}

/** Checked again at delivery: a public name may since resolve to a private address. */
async function resolvesPrivately(url: URL): Promise<boolean> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return isPrivateAddress(host);
  const addresses = await dns.lookup(host, { all: true });
  return addresses.some((a) => isPrivateAddress(a.address));
}

// ─────────────────────────────── delivery ───────────────────────────────

export interface DeliveryOptions {
  /** Attempts before a delivery is marked FAILED. */
  maxAttempts: number;
  /** Delay after the first failure; doubles each attempt (with jitter) up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per request, connect to last body byte. */
  timeoutMs: number;
  batchSize: number;
  /** How long a claimed row stays invisible to other dispatchers; must exceed timeoutMs. */
  leaseMs: number;
  allowPrivateTargets: boolean;
}

export const defaultDeliveryOptions = (): DeliveryOptions => ({
  maxAttempts: 6,
  baseDelayMs: 10_000,
  maxDelayMs: 60 * 60_000,
  timeoutMs: 10_000,
  batchSize: 20,
  leaseMs: 60_000,
  allowPrivateTargets: allowPrivateTargetsByDefault(),
});

export interface DeliveryReport {
  claimed: number;
  succeeded: number;
  /** Failed this time, to be retried later. */
  retrying: number;
  /** Gave up (attempts exhausted, or a target we refuse to call). */
  failed: number;
}

interface Claimed {
  id: string;
  webhookId: string;
  event: string;
  payload: Prisma.JsonValue;
  attempts: number;
}

type Outcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; retryAfterMs?: number; final?: boolean };

export function backoffMs(attempt: number, o: Pick<DeliveryOptions, 'baseDelayMs' | 'maxDelayMs'>): number {
  const exp = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  // ±20% jitter so a receiver that was down isn't hit by every retry at the same instant.
  return Math.round(exp * (0.8 + Math.random() * 0.4));
}

async function post(
  fetchImpl: typeof fetch,
  hook: { url: string; secret: string },
  d: Claimed,
  o: DeliveryOptions,
): Promise<Outcome> {
  const url = new URL(hook.url);
  try {
    if (!o.allowPrivateTargets && (await resolvesPrivately(url))) {
      return { ok: false, status: null, error: 'Target resolves to a private address', final: true };
    }
    const body = JSON.stringify(d.payload);
    const res = await fetchImpl(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'RogueLearn-Webhooks/1.0',
        'X-RogueLearn-Event': d.event,
        'X-RogueLearn-Delivery': d.id,
        [TIMESTAMP_HEADER]: String(Math.floor(Date.now() / 1000)),
        [SIGNATURE_HEADER]: signBody(hook.secret, body),
      },
      body,
      // Following redirects would let a public URL bounce us into a private network.
      redirect: 'manual',
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    if (res.status >= 200 && res.status < 300) {
      await res.body?.cancel().catch(() => {});
      return { ok: true, status: res.status };
    }
    const text = (await res.text().catch(() => '')).slice(0, 300);
    const retryAfter = Number(res.headers.get('retry-after'));
    return {
      ok: false,
      status: res.status,
      error: `HTTP ${res.status}${text ? `: ${text}` : ''}`,
      retryAfterMs: res.status === 429 && retryAfter > 0 ? retryAfter * 1000 : undefined,
    };
  } catch (err) {
    const e = err as Error;
    const error = e.name === 'TimeoutError' ? `Timed out after ${o.timeoutMs} ms` : `${e.name}: ${e.message}`;
    return { ok: false, status: null, error: error.slice(0, 300) };
  }
}

/**
 * One pass: claims up to `batchSize` due deliveries, posts them concurrently, records each
 * outcome. Safe to run from any number of processes at once.
 */
export async function deliverDueWebhooks(
  db: Db,
  fetchImpl: typeof fetch = fetch,
  options: Partial<DeliveryOptions> = {},
): Promise<DeliveryReport> {
  const o = { ...defaultDeliveryOptions(), ...options };
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE "WebhookDelivery" d
       SET attempts = d.attempts + 1,
           "nextAttemptAt" = now() + ${o.leaseMs} * interval '1 millisecond'
     WHERE d.id IN (
       SELECT id FROM "WebhookDelivery"
        WHERE status = 'PENDING' AND "nextAttemptAt" <= now()
        ORDER BY "nextAttemptAt"
        LIMIT ${o.batchSize}
        FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d."webhookId", d.event, d.payload, d.attempts`;
  const report: DeliveryReport = { claimed: claimed.length, succeeded: 0, retrying: 0, failed: 0 };
  if (!claimed.length) return report;
  const hooks = await db.webhook.findMany({
    where: { id: { in: [...new Set(claimed.map((c) => c.webhookId))] } },
    select: { id: true, url: true, secret: true, active: true },
  });
  await Promise.all(
    claimed.map(async (d) => {
      const hook = hooks.find((h) => h.id === d.webhookId);
      const outcome: Outcome =
        hook?.active === true
          ? await post(fetchImpl, hook, d, o)
          : { ok: false, status: null, error: 'Webhook disabled', final: true };
      if (outcome.ok) {
        report.succeeded++;
        await db.$executeRaw`
          UPDATE "WebhookDelivery"
             SET status = 'SUCCEEDED', "deliveredAt" = now(), "lastStatusCode" = ${outcome.status}, "lastError" = NULL
           WHERE id = ${d.id}::uuid AND status = 'PENDING' AND attempts = ${d.attempts}`;
      } else if (outcome.final || d.attempts >= o.maxAttempts) {
        report.failed++;
        await db.$executeRaw`
          UPDATE "WebhookDelivery"
             SET status = 'FAILED', "lastStatusCode" = ${outcome.status}, "lastError" = ${outcome.error}
           WHERE id = ${d.id}::uuid AND status = 'PENDING' AND attempts = ${d.attempts}`;
      } else {
        report.retrying++;
        const delay = Math.min(o.maxDelayMs, Math.max(backoffMs(d.attempts, o), outcome.retryAfterMs ?? 0));
        await db.$executeRaw`
          UPDATE "WebhookDelivery"
             SET "nextAttemptAt" = now() + ${delay} * interval '1 millisecond',
                 "lastStatusCode" = ${outcome.status}, "lastError" = ${outcome.error}
           WHERE id = ${d.id}::uuid AND status = 'PENDING' AND attempts = ${d.attempts}`;
      }
    }),
  );
  return report;
}

export interface WebhookDispatcher {
  stop(): Promise<void>;
}

/**
 * The long-running loop a web process starts once: drains due deliveries, then sleeps until the
 * next poll or until a NOTIFY says new rows were queued. `stop` lets in-flight posts finish.
 */
export function startWebhookDispatcher(opts: {
  db: Db;
  notifier?: Notifier;
  fetchImpl?: typeof fetch;
  /** Also the retry granularity: a retry due in 10 s goes out within pollMs of that. */
  pollMs?: number;
  options?: Partial<DeliveryOptions>;
  onError?: (err: unknown) => void;
}): WebhookDispatcher {
  const { db, notifier, fetchImpl = fetch, pollMs = 2000, options = {}, onError = () => {} } = opts;
  const batchSize = options.batchSize ?? defaultDeliveryOptions().batchSize;
  let stopped = false;
  let dirty = false;
  let wake: (() => void) | null = null;
  const unsubscribe = notifier?.subscribe(WEBHOOK_CHANNEL, () => {
    dirty = true;
    wake?.();
  });
  const loop = (async () => {
    while (!stopped) {
      dirty = false;
      let report: DeliveryReport | null = null;
      try {
        report = await deliverDueWebhooks(db, fetchImpl, options);
      } catch (err) {
        onError(err);
      }
      if (stopped) break;
      // A full batch means more are probably due: keep draining without sleeping.
      if (report && report.claimed >= batchSize) continue;
      if (dirty) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, pollMs);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      unsubscribe?.();
      wake?.();
      await loop;
    },
  };
}
