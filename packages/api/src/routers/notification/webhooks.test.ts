// Outgoing webhooks against a real HTTP receiver on 127.0.0.1 and real PostgreSQL: signatures,
// Discord's body shape, retries with backoff then a logged failure, and no delivery lost when
// the dispatcher stops (or dies mid-post) and another one takes over.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrisma } from '@roguelearn/db';
import { createNotifier } from '@roguelearn/db/notify';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browser, testAuthConfig } from '../../testing';
import {
  backoffMs,
  type DiscordMessage,
  deliverDueWebhooks,
  SIGNATURE_HEADER,
  startWebhookDispatcher,
  TIMESTAMP_HEADER,
  verifySignature,
  webhookUrlProblem,
} from './webhooks';

const config = testAuthConfig();
let t: TestDatabase;
type Browser = ReturnType<typeof browser>;
const u: Record<string, { b: Browser; id: string }> = {};
let guildId: string;

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
/** A stand-in for Discord: records every request and answers with whatever `respond` says. */
const received: Received[] = [];
let respond: (req: Received) => number | 'hang' = () => 204;
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const r = { path: req.url ?? '', headers: req.headers, body };
      received.push(r);
      const status = respond(r);
      if (status === 'hang') return; // never answers: the dispatcher's timeout must cut it off
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'receiver says no' : '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  t = await createTestDatabase();
  for (const name of ['owner', 'officer', 'member', 'newbie']) {
    const b = browser(t.db, config);
    const { user } = await b.run((c) =>
      c.auth.signUp({
        email: `${name}@w.io`,
        username: name,
        displayName: name.toUpperCase(),
        password: 'password-123',
      }),
    );
    u[name] = { b, id: user.id };
  }
  guildId = (await as('owner')((c) => c.social.guilds.create({ name: 'Hook Guild' }))).id;
  await t.db.guildMember.createMany({
    data: [
      { guildId, userId: u.officer.id, role: 'OFFICER' },
      { guildId, userId: u.member.id, role: 'MEMBER' },
    ],
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await t.drop();
});
beforeEach(async () => {
  received.length = 0;
  respond = () => 204;
  await t.db.webhook.deleteMany();
});

const as = (name: string) => u[name].b.run.bind(u[name].b);
const fast = { baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 1000, leaseMs: 2000 };

/** A guild event that fires webhooks: someone joins through a link, then leaves again. */
async function joinAndLeave() {
  const { code } = await as('officer')((c) => c.social.guilds.createLink({ guildId }));
  await as('newbie')((c) => c.social.invitations.acceptCode({ code }));
  await as('newbie')((c) => c.social.guilds.leave({ guildId }));
}

async function drain(opts: Parameters<typeof deliverDueWebhooks>[2], until: () => Promise<boolean>) {
  for (let i = 0; i < 200 && !(await until()); i++) {
    await deliverDueWebhooks(t.db, fetch, opts);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('registering webhooks', () => {
  it('lets officers and the owner register, list and delete; shows the secret only once', async () => {
    await expect(
      as('member')((c) => c.notification.webhooks.create({ guildId, url: `${base}/x` })),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const hook = await as('officer')((c) =>
      c.notification.webhooks.create({ guildId, url: `${base}/hook`, events: ['member.joined'] }),
    );
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = await as('owner')((c) => c.notification.webhooks.list({ guildId }));
    expect(listed.map((h) => h.url)).toEqual([`${base}/hook`]);
    expect(JSON.stringify(listed)).not.toContain(hook.secret);
    await expect(as('member')((c) => c.notification.webhooks.list({ guildId }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(as('member')((c) => c.notification.webhooks.delete({ webhookId: hook.id }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await as('owner')((c) => c.notification.webhooks.delete({ webhookId: hook.id }));
    expect(await t.db.webhook.count()).toBe(0);
  });

  it('accepts only public https targets in production', () => {
    expect(webhookUrlProblem('https://discord.com/api/webhooks/1/abc', false)).toBeNull();
    expect(webhookUrlProblem('http://discord.com/api/webhooks/1/abc', false)).toMatch(/https/);
    expect(webhookUrlProblem('http://127.0.0.1:9/x', false)).toMatch(/https/);
    expect(webhookUrlProblem('https://127.0.0.1/x', false)).toMatch(/public/);
    expect(webhookUrlProblem('https://10.1.2.3/x', false)).toMatch(/public/);
    expect(webhookUrlProblem('https://[::1]/x', false)).toMatch(/public/);
    expect(webhookUrlProblem('https://user:pw@example.com/x', false)).toMatch(/credentials/);
    // Outside production, local receivers are fine (this test suite's own one, for instance).
    expect(webhookUrlProblem('http://127.0.0.1:9/x', true)).toBeNull();
    expect(webhookUrlProblem('http://192.168.1.1/x', true)).toMatch(/https/);
  });
});

describe('delivering', () => {
  it('posts Discord-shaped, signed messages for the events each webhook wants', async () => {
    const all = await as('officer')((c) => c.notification.webhooks.create({ guildId, url: `${base}/all` }));
    const joins = await as('officer')((c) =>
      c.notification.webhooks.create({ guildId, url: `${base}/joins`, events: ['member.joined'] }),
    );
    await joinAndLeave();
    // Written in the same transactions as the events: due right away, nothing posted yet.
    expect(await t.db.webhookDelivery.count({ where: { status: 'PENDING' } })).toBe(3);
    const report = await deliverDueWebhooks(t.db, fetch, fast);
    expect(report).toEqual({ claimed: 3, succeeded: 3, retrying: 0, failed: 0 });
    expect(received.map((r) => `${r.path} ${r.headers['x-roguelearn-event']}`).sort()).toEqual([
      '/all member.joined',
      '/all member.left',
      '/joins member.joined',
    ]);
    for (const r of received) {
      const secret = r.path === '/all' ? all.secret : joins.secret;
      expect(verifySignature(secret, r.body, r.headers[SIGNATURE_HEADER.toLowerCase()] as string)).toBe(true);
      expect(verifySignature('whsec_wrong', r.body, r.headers[SIGNATURE_HEADER.toLowerCase()] as string)).toBe(false);
      expect(Math.abs(Number(r.headers[TIMESTAMP_HEADER.toLowerCase()]) - Date.now() / 1000)).toBeLessThan(60);
      expect(r.headers['content-type']).toBe('application/json');
      const msg = JSON.parse(r.body) as DiscordMessage;
      expect(msg.embeds?.[0]).toMatchObject({
        title: expect.stringContaining('NEWBIE'),
        footer: { text: 'Hook Guild' },
      });
      expect(msg.embeds?.[0].url).toMatch(/\/guilds\/hook-guild$/);
    }
    const log = await as('owner')((c) => c.notification.webhooks.deliveries({ webhookId: all.id }));
    expect(log.items.map((d) => [d.status, d.attempts, d.lastStatusCode])).toEqual([
      ['SUCCEEDED', 1, 204],
      ['SUCCEEDED', 1, 204],
    ]);
  });

  it('retries a failing receiver with backoff and then gives up, logging the last error', async () => {
    const hook = await as('owner')((c) =>
      c.notification.webhooks.create({ guildId, url: `${base}/down`, events: ['member.joined'] }),
    );
    respond = () => 500;
    await joinAndLeave();
    const done = async () =>
      (await t.db.webhookDelivery.count({ where: { webhookId: hook.id, status: 'PENDING' } })) === 0;
    await drain({ ...fast, maxAttempts: 3 }, done);
    const [d] = await t.db.webhookDelivery.findMany({ where: { webhookId: hook.id } });
    expect(d).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      lastStatusCode: 500,
      lastError: 'HTTP 500: receiver says no',
    });
    expect(received).toHaveLength(3);
    // Identical body and delivery id on every attempt, so a receiver can dedupe.
    expect(new Set(received.map((r) => r.headers['x-roguelearn-delivery'])).size).toBe(1);
    const log = await as('officer')((c) => c.notification.webhooks.deliveries({ webhookId: hook.id }));
    expect(log.items[0]).toMatchObject({ status: 'FAILED', lastError: 'HTTP 500: receiver says no' });
  });

  it('recovers when the receiver comes back, and treats a hang as a failed attempt', async () => {
    const hook = await as('owner')((c) =>
      c.notification.webhooks.create({ guildId, url: `${base}/flaky`, events: ['member.joined'] }),
    );
    let calls = 0;
    respond = () => (++calls === 1 ? 'hang' : calls === 2 ? 503 : 200);
    await joinAndLeave();
    const done = async () =>
      (await t.db.webhookDelivery.count({ where: { webhookId: hook.id, status: 'PENDING' } })) === 0;
    await drain({ ...fast, timeoutMs: 200 }, done);
    const [d] = await t.db.webhookDelivery.findMany({ where: { webhookId: hook.id } });
    expect(d).toMatchObject({ status: 'SUCCEEDED', attempts: 3, lastStatusCode: 200, lastError: null });
    expect(calls).toBe(3);
  });
});

describe('backoff', () => {
  it('doubles per attempt, with ±20% jitter, up to the cap', () => {
    const o = { baseDelayMs: 10_000, maxDelayMs: 60_000 };
    for (let i = 0; i < 50; i++) {
      expect(backoffMs(1, o)).toBeGreaterThanOrEqual(8_000);
      expect(backoffMs(1, o)).toBeLessThanOrEqual(12_000);
      expect(backoffMs(3, o)).toBeGreaterThanOrEqual(32_000);
      expect(backoffMs(3, o)).toBeLessThanOrEqual(48_000);
      expect(backoffMs(10, o)).toBeLessThanOrEqual(72_000);
    }
  });
});

describe('restarts', () => {
  it('delivers events queued while no dispatcher was running, once a new one starts', async () => {
    await as('owner')((c) => c.notification.webhooks.create({ guildId, url: `${base}/restart` }));
    // The "old process": a dispatcher on its own client, stopped before anything is queued.
    const oldDb = createPrisma(t.url);
    const old = startWebhookDispatcher({ db: oldDb, pollMs: 50, options: fast });
    await old.stop();
    await oldDb.$disconnect();
    await joinAndLeave();
    expect(received).toHaveLength(0);
    // The "new process": fresh client and LISTEN connection, woken by NOTIFY or its first poll.
    const newDb = createPrisma(t.url);
    const notifier = createNotifier(t.url);
    const fresh = startWebhookDispatcher({ db: newDb, notifier, pollMs: 50, options: fast });
    for (let i = 0; i < 100 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await fresh.stop();
    await notifier.close();
    await newDb.$disconnect();
    expect(received.map((r) => r.headers['x-roguelearn-event']).sort()).toEqual(['member.joined', 'member.left']);
    expect(await t.db.webhookDelivery.count({ where: { status: 'SUCCEEDED' } })).toBe(2);
  });

  it('a dispatcher that dies mid-post loses nothing: another takes over after the lease, exactly once', async () => {
    await as('owner')((c) =>
      c.notification.webhooks.create({ guildId, url: `${base}/crash`, events: ['member.joined'] }),
    );
    await joinAndLeave();
    // Dispatcher A claims the delivery, then its process "dies": its post never completes.
    let release: (() => void) | null = null;
    const stuck: typeof fetch = () =>
      new Promise((_, reject) => {
        release = () => reject(new Error('process died'));
      });
    const dying = deliverDueWebhooks(t.db, stuck, { ...fast, leaseMs: 300 });
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.db.webhookDelivery.findFirstOrThrow()).attempts).toBe(1);
    // Dispatcher B sees nothing while A's lease holds...
    expect((await deliverDueWebhooks(t.db, fetch, fast)).claimed).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    // ...and delivers once it has run out.
    expect(await deliverDueWebhooks(t.db, fetch, fast)).toMatchObject({ claimed: 1, succeeded: 1 });
    // A's late failure can't overwrite B's success: results are fenced on the attempt number.
    (release as unknown as () => void)();
    await dying;
    const d = await t.db.webhookDelivery.findFirstOrThrow();
    expect(d).toMatchObject({ status: 'SUCCEEDED', attempts: 2, lastStatusCode: 204 });
    expect(received).toHaveLength(1);
  });
});
