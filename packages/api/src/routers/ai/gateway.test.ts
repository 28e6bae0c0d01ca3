// The AI gateway against a local stand-in for the Gemini REST API, with the real @google/genai SDK
// pointed at it by base URL.
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createContext } from '../../context';
import { createCaller } from '../../root';
import { testAuthConfig } from '../../testing';
import { AiError, AiGateway, type AiOptions, setAiGateway } from './gateway';
import { type GeminiStandin, startGeminiStandin } from './gemini-standin';

let t: TestDatabase;
let standin: GeminiStandin;
let ana: string;
let bob: string;
let classId: string;

const answer = z.object({ title: z.string().min(1), steps: z.array(z.string()).min(1) });
const valid = JSON.stringify({ title: 'Two pointers', steps: ['sort', 'sweep'] });

function gateway(overrides: Partial<AiOptions> = {}) {
  return new AiGateway({
    apiKey: standin.apiKey,
    baseUrl: standin.url,
    model: 'gemini-test',
    // Generous, so a loaded machine never turns a prompt answer into a timeout; the timeout test sets its own.
    timeoutMs: 5000,
    attempts: 3,
    backoffMs: 10,
    maxBackoffMs: 40,
    breakerThreshold: 3,
    breakerCooldownMs: 300,
    userDailyQuota: 1000,
    classDailyQuota: 1000,
    cacheTtlSec: 0,
    ...overrides,
  });
}

const ask = (g: AiGateway, prompt = 'Explain two pointers', userId: string | null = ana, extra = {}) =>
  g.generateStructured(t.db, { feature: 'test', userId, prompt, schema: answer, ...extra });

async function failure(p: Promise<unknown>): Promise<AiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AiError);
  return err as AiError;
}

beforeAll(async () => {
  t = await createTestDatabase();
  standin = await startGeminiStandin({ apiKey: 'test-key-never-in-browser' });
  const mk = (name: string) =>
    t.db.user.create({ data: { email: `${name}@x.io`, username: name, displayName: name } }).then((u) => u.id);
  [ana, bob] = [await mk('ana'), await mk('bob')];
  const teacher = await mk('teacher');
  classId = (
    await t.db.class.create({
      data: {
        name: 'C',
        code: 'C-1',
        inviteCode: 'c-1',
        instructorId: teacher,
        enrollments: { create: [{ userId: ana }, { userId: bob }] },
      },
    })
  ).id;
});
afterAll(async () => {
  setAiGateway(null);
  await standin.close();
  await t.drop();
});
beforeEach(async () => {
  standin.reset();
  await t.db.aiCall.deleteMany();
  await t.db.aiCache.deleteMany();
});

describe('structured output', () => {
  it('sends the schema, accepts a valid answer and audits the call with tokens', async () => {
    standin.queue({ text: valid, promptTokens: 42, outputTokens: 17 });
    const res = await ask(gateway());
    expect(res).toMatchObject({
      data: { title: 'Two pointers', steps: ['sort', 'sweep'] },
      mode: 'live',
      cached: false,
    });
    expect(standin.requests).toHaveLength(1);
    const req = standin.requests[0];
    expect(req.model).toBe('gemini-test');
    expect(req.apiKey).toBe('test-key-never-in-browser');
    expect(req.prompt).toBe('Explain two pointers');
    expect(req.body.generationConfig?.responseMimeType).toBe('application/json');
    expect(req.body.generationConfig?.responseJsonSchema).toMatchObject({
      type: 'object',
      required: ['title', 'steps'],
      properties: { steps: { type: 'array', items: { type: 'string' } } },
    });
    const [call] = await t.db.aiCall.findMany();
    expect(call).toMatchObject({
      userId: ana,
      feature: 'test',
      model: 'gemini-test',
      mode: 'live',
      status: 'ok',
      cached: false,
      inputTokens: 42,
      outputTokens: 17,
    });
  });

  it('retries malformed output (not JSON, wrong shape) and accepts a later valid answer', async () => {
    standin.queue(
      { text: 'Sure! Here is your JSON:' },
      { text: JSON.stringify({ title: '', steps: [] }) },
      { text: valid },
    );
    const res = await ask(gateway());
    expect(res.data.title).toBe('Two pointers');
    expect(res.attempts).toBe(3);
    expect(standin.requests).toHaveLength(3);
  });

  it('reports malformed output clearly once the attempts run out', async () => {
    standin.respond(() => ({ text: '{"title": 7}' }));
    const err = await failure(ask(gateway()));
    expect(err.reason).toBe('malformed');
    expect(err.message).toMatch(/malformed output .*does not match the schema.*title.*3 attempts/);
    expect(standin.requests).toHaveLength(3);
    const [call] = await t.db.aiCall.findMany();
    expect(call).toMatchObject({ status: 'failed', mode: 'live' });
    expect(call.error).toMatch(/^malformed/);
  });

  it('times out a silent server, retries, and says so', async () => {
    const impatient = () => gateway({ timeoutMs: 250 });
    standin.queue({ hang: true }, { text: valid });
    expect((await ask(impatient())).data.title).toBe('Two pointers');

    standin.reset();
    standin.respond(() => ({ hang: true }));
    const started = Date.now();
    const err = await failure(ask(impatient()));
    expect(err.reason).toBe('timeout');
    expect(err.message).toMatch(/did not answer in time \(no answer within 250 ms; 3 attempts\)/);
    expect(standin.requests).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 250);
  });

  it('retries 429 and 500 with backoff, then succeeds', async () => {
    standin.queue({ status: 429 }, { status: 500 }, { text: valid });
    const res = await ask(gateway());
    expect(res.attempts).toBe(3);
    expect(standin.requests).toHaveLength(3);
  });

  it('reports persistent 429 and 5xx answers clearly', async () => {
    standin.respond(() => ({ status: 429, message: 'Resource has been exhausted (e.g. check quota).' }));
    const limited = await failure(ask(gateway()));
    expect(limited.reason).toBe('rate-limited');
    expect(limited.message).toMatch(/rate limiting requests \(HTTP 429: .*3 attempts\)/);

    standin.reset();
    standin.respond(() => ({ status: 500, message: 'Internal error encountered.' }));
    const broken = await failure(ask(gateway()));
    expect(broken.reason).toBe('upstream');
    expect(broken.message).toMatch(/Gemini failed \(HTTP 500: .*3 attempts\)/);
    expect(standin.requests).toHaveLength(3);
  });

  it('does not retry a request Gemini rejects (4xx other than 429)', async () => {
    standin.respond(() => ({ status: 400, message: 'Invalid JSON schema' }));
    const err = await failure(ask(gateway()));
    expect(err.message).toMatch(/rejected the request \(HTTP 400/);
    expect(standin.requests).toHaveLength(1);
  });

  it('refuses to call out without a key', async () => {
    const err = await failure(ask(new AiGateway({ apiKey: undefined })));
    expect(err.reason).toBe('offline');
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive failed calls, fails fast, half-opens after the cooldown and closes on success', async () => {
    const g = gateway({ attempts: 1, breakerThreshold: 3, breakerCooldownMs: 300 });
    standin.respond(() => ({ status: 503 }));
    for (let i = 0; i < 3; i++) expect((await failure(ask(g))).reason).toBe('upstream');
    expect(g.status().circuit.state).toBe('open');
    expect(standin.requests).toHaveLength(3);

    const fast = await failure(ask(g));
    expect(fast.reason).toBe('circuit-open');
    expect(fast.message).toMatch(/paused for 1 s/);
    expect(standin.requests).toHaveLength(3); // nothing went out

    await new Promise((r) => setTimeout(r, 320));
    expect(g.status().circuit.state).toBe('half-open');
    standin.respond(() => ({ text: valid }));
    expect((await ask(g)).data.title).toBe('Two pointers');
    expect(g.status().circuit).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    expect((await ask(g)).mode).toBe('live');
    const statuses = (await t.db.aiCall.findMany({ orderBy: { createdAt: 'asc' } })).map((c) => c.status);
    expect(statuses).toEqual(['failed', 'failed', 'failed', 'circuit-open', 'ok', 'ok']);
  });

  it('re-opens when the half-open trial fails, and the trial gets a single attempt', async () => {
    const g = gateway({ attempts: 3, breakerThreshold: 1, breakerCooldownMs: 200 });
    standin.respond(() => ({ status: 500 }));
    await failure(ask(g));
    expect(standin.requests).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 220));
    await failure(ask(g)); // the trial: one attempt only
    expect(standin.requests).toHaveLength(4);
    expect(g.status().circuit.state).toBe('open');
    expect((await failure(ask(g))).reason).toBe('circuit-open');
  });
});

describe('quotas and cache', () => {
  it('enforces the per-user daily quota without calling Gemini', async () => {
    const g = gateway({ userDailyQuota: 2 });
    standin.respond(() => ({ text: valid }));
    await ask(g, 'one');
    await ask(g, 'two');
    const err = await failure(ask(g, 'three'));
    expect(err.reason).toBe('quota');
    expect(err.code).toBe('TOO_MANY_REQUESTS');
    expect(err.message).toMatch(/today's 2 AI requests/);
    expect(standin.requests).toHaveLength(2);
    // Someone else still has their own quota.
    expect((await ask(g, 'four', bob)).mode).toBe('live');
  });

  it('enforces the per-class daily quota across the class’s members', async () => {
    const g = gateway({ classDailyQuota: 3 });
    standin.respond(() => ({ text: valid }));
    await ask(g, 'a1', ana, { classId });
    await ask(g, 'a2', ana, { classId });
    await ask(g, 'b1', bob, { classId });
    const err = await failure(ask(g, 'b2', bob, { classId }));
    expect(err.message).toMatch(/This class has used today's 3 AI requests/);
    expect(await g.usageToday(t.db, { classId })).toBe(3);
  });

  it('answers a repeated prompt from the cache without a call, and cache hits cost no quota', async () => {
    const g = gateway({ cacheTtlSec: 60, userDailyQuota: 1 });
    standin.respond(() => ({ text: valid }));
    const first = await ask(g, 'same prompt');
    const second = await ask(g, 'same prompt');
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ cached: true, data: first.data });
    expect(standin.requests).toHaveLength(1);
    const calls = await t.db.aiCall.findMany({ orderBy: { createdAt: 'asc' } });
    expect(calls.map((c) => [c.status, c.cached])).toEqual([
      ['ok', false],
      ['ok', true],
    ]);
    // An expired entry is not used.
    await t.db.aiCache.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await failure(ask(g, 'same prompt'))).reason).toBe('quota');
  });
});

describe('features and the status procedure', () => {
  it('runs the offline implementation without a key and when the live call fails, saying which', async () => {
    const offline = new AiGateway({ apiKey: undefined });
    const res = await offline.run(t.db, {
      feature: 'test',
      userId: ana,
      prompt: 'x',
      schema: answer,
      offline: () => ({ title: 'offline', steps: ['a'] }),
    });
    expect(res).toMatchObject({ mode: 'offline', notice: null, data: { title: 'offline' } });
    expect((await t.db.aiCall.findFirst())?.mode).toBe('offline');

    standin.respond(() => ({ status: 500 }));
    const fallback = await gateway({ attempts: 1 }).run(t.db, {
      feature: 'test',
      userId: ana,
      prompt: 'x',
      schema: answer,
      offline: () => ({ title: 'offline', steps: ['a'] }),
    });
    expect(fallback.mode).toBe('offline');
    expect(fallback.notice).toMatch(/Gemini failed .*Showing the offline result/);
  });

  it('tells anyone the mode, and never the key or the upstream address', async () => {
    setAiGateway(gateway());
    const ctx = await createContext({ db: t.db, config: testAuthConfig(), headers: new Headers() });
    const status = await createCaller(ctx).ai.status();
    expect(status).toMatchObject({ mode: 'live', model: 'gemini-test', circuit: { state: 'closed' }, usedToday: null });
    const text = JSON.stringify(status);
    expect(text).not.toContain('test-key-never-in-browser');
    expect(text).not.toContain(standin.url);

    setAiGateway(new AiGateway({ apiKey: undefined }));
    expect((await createCaller(ctx).ai.status()).mode).toBe('offline');
  });
});
