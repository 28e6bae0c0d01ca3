// The AI gateway: the only place that talks to Gemini. Server-side only; the key never leaves it.
//
// `generateStructured` asks for JSON matching a zod schema (sent as a JSON Schema through
// `responseJsonSchema`) and validates the answer with the same schema. Around the call:
//   1. cache   — AiCache, keyed by a hash of model + feature + schema + prompt, with a TTL;
//   2. quotas  — per user and per class per UTC day, counted from AiCall rows of live calls;
//   3. circuit breaker — after `threshold` consecutive failed calls the circuit opens and calls
//      fail fast; after `cooldownMs` one trial call is let through (half-open); its success
//      closes the circuit, its failure re-opens it. The state is in-process: each web replica
//      keeps its own breaker, which is what it protects (its own threads and latency);
//   4. per attempt timeout, and retries with exponential backoff and jitter on 429, 5xx,
//      timeouts, network errors and malformed output (bad JSON or failing the schema);
//   5. an AiCall audit row for every call: who, feature, model, mode, status, tokens, latency,
//      whether the cache answered.
// `run` wraps it for features: without a key (mode 'offline'), or when the live call fails, the
// feature's deterministic offline implementation answers and the result says so.
import crypto from 'node:crypto';
import { ApiError, GoogleGenAI } from '@google/genai';
import type { Db } from '@roguelearn/db';
import { z } from 'zod';
import { DomainError } from '../../errors';

export type AiMode = 'live' | 'offline';

export interface AiOptions {
  apiKey?: string;
  model: string;
  baseUrl?: string;
  /** REST version; structured output with `responseJsonSchema` lives in v1beta. */
  apiVersion: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts per call, including the first. */
  attempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  userDailyQuota: number;
  classDailyQuota: number;
  cacheTtlSec: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
}

const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);

export function aiOptionsFromEnv(env: Partial<NodeJS.ProcessEnv> = process.env): AiOptions {
  return {
    apiKey: env.GEMINI_API_KEY || undefined,
    model: env.GEMINI_MODEL || 'gemini-2.5-flash',
    baseUrl: env.GEMINI_BASE_URL || undefined,
    apiVersion: env.GEMINI_API_VERSION || 'v1beta',
    timeoutMs: num(env.AI_TIMEOUT_MS, 30_000),
    attempts: num(env.AI_ATTEMPTS, 3),
    backoffMs: num(env.AI_BACKOFF_MS, 500),
    maxBackoffMs: num(env.AI_MAX_BACKOFF_MS, 8_000),
    userDailyQuota: num(env.AI_USER_DAILY_QUOTA, 50),
    classDailyQuota: num(env.AI_CLASS_DAILY_QUOTA, 1_000),
    cacheTtlSec: num(env.AI_CACHE_TTL_SEC, 7 * 24 * 3600),
    breakerThreshold: num(env.AI_BREAKER_THRESHOLD, 5),
    breakerCooldownMs: num(env.AI_BREAKER_COOLDOWN_MS, 60_000),
  };
}

// ───────────────────────────── errors ─────────────────────────────

export type AiFailure = 'offline' | 'quota' | 'circuit-open' | 'timeout' | 'rate-limited' | 'upstream' | 'malformed';

/** A live call that did not produce a valid answer; `reason` says why, the message says it plainly. */
export class AiError extends DomainError {
  constructor(
    readonly reason: AiFailure,
    message: string,
    readonly attempts = 0,
  ) {
    super(reason === 'quota' ? 'TOO_MANY_REQUESTS' : 'PRECONDITION_FAILED', message);
    this.name = 'AiError';
  }
}

// ───────────────────────────── circuit breaker ─────────────────────────────

export type CircuitState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private state: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** May a call go out now? In half-open state exactly one trial call is admitted. */
  admit(): { ok: true; trial: boolean } | { ok: false; retryInMs: number } {
    if (this.state === 'open') {
      const waited = this.now() - this.openedAt;
      if (waited < this.cooldownMs) return { ok: false, retryInMs: this.cooldownMs - waited };
      this.state = 'half-open';
    }
    if (this.state === 'half-open') {
      if (this.trialInFlight) return { ok: false, retryInMs: 1000 };
      this.trialInFlight = true;
      return { ok: true, trial: true };
    }
    return { ok: true, trial: false };
  }

  success(): void {
    this.state = 'closed';
    this.failures = 0;
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures++;
    if (this.state === 'half-open' || this.failures >= this.threshold) {
      this.state = 'open';
      this.openedAt = this.now();
    }
  }

  snapshot() {
    // Report half-open as soon as the cooldown is over, not only once a call has tried it.
    const state =
      this.state === 'open' && this.now() - this.openedAt >= this.cooldownMs ? ('half-open' as const) : this.state;
    return {
      state,
      consecutiveFailures: this.failures,
      retryInMs: state === 'open' ? Math.max(0, this.cooldownMs - (this.now() - this.openedAt)) : 0,
    };
  }
}

// ───────────────────────────── the gateway ─────────────────────────────

export interface StructuredRequest<S extends z.ZodType> {
  feature: string;
  userId: string | null;
  classId?: string | null;
  prompt: string;
  system?: string;
  schema: S;
  /** Overrides the default cache TTL; 0 disables caching for this call. */
  cacheTtlSec?: number;
}

export interface StructuredResult<T> {
  data: T;
  mode: 'live';
  cached: boolean;
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  attempts: number;
}

export interface FeatureResult<T> {
  data: T;
  /** Which implementation produced `data`. */
  mode: AiMode;
  cached: boolean;
  model: string;
  /** Set when live AI was wanted but the offline implementation answered instead, and why. */
  notice: string | null;
}

interface AttemptFailure {
  kind: 'timeout' | 'rate-limited' | 'upstream' | 'malformed' | 'rejected';
  retryable: boolean;
  detail: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startOfUtcDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Statuses of calls that reached Gemini and so count towards quotas. */
const BILLABLE = ['ok', 'failed'];

function jsonSchemaFor(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function describeIssues(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

export class AiGateway {
  readonly options: AiOptions;
  readonly breaker: CircuitBreaker;
  private client: GoogleGenAI | null;

  constructor(options: Partial<AiOptions> = {}) {
    this.options = { ...aiOptionsFromEnv({}), ...options };
    this.breaker = new CircuitBreaker(this.options.breakerThreshold, this.options.breakerCooldownMs);
    this.client = this.options.apiKey
      ? new GoogleGenAI({
          apiKey: this.options.apiKey,
          apiVersion: this.options.apiVersion,
          ...(this.options.baseUrl ? { httpOptions: { baseUrl: this.options.baseUrl } } : {}),
        })
      : null;
  }

  get mode(): AiMode {
    return this.client ? 'live' : 'offline';
  }

  /** What the UI may know: never the key, never the base URL. */
  status() {
    return {
      mode: this.mode,
      model: this.client ? this.options.model : 'offline',
      circuit: this.breaker.snapshot(),
      quotas: { perUserDaily: this.options.userDailyQuota, perClassDaily: this.options.classDailyQuota },
    };
  }

  /** Live calls (cache hits excluded) this user, or this class's members, made today. */
  async usageToday(db: Db, who: { userId?: string | null; classId?: string | null }): Promise<number> {
    if (!who.userId && !who.classId) return 0;
    return db.aiCall.count({
      where: {
        createdAt: { gte: startOfUtcDay() },
        mode: 'live',
        cached: false,
        status: { in: BILLABLE },
        ...(who.userId
          ? { userId: who.userId }
          : {
              // AiCall has no class column: a class's usage is its members' and instructor's usage.
              user: {
                OR: [
                  { enrollments: { some: { classId: who.classId as string } } },
                  { classesTaught: { some: { id: who.classId as string } } },
                ],
              },
            }),
      },
    });
  }

  private async audit(
    db: Db,
    row: {
      userId: string | null;
      feature: string;
      mode: AiMode;
      status: string;
      cached?: boolean;
      inputTokens?: number;
      outputTokens?: number;
      latencyMs?: number;
      error?: string | null;
      model?: string;
    },
  ): Promise<void> {
    try {
      await db.aiCall.create({
        data: {
          userId: row.userId,
          feature: row.feature,
          model: row.model ?? (row.mode === 'live' ? this.options.model : 'offline'),
          mode: row.mode,
          status: row.status,
          cached: row.cached ?? false,
          inputTokens: row.inputTokens ?? 0,
          outputTokens: row.outputTokens ?? 0,
          latencyMs: Math.round(row.latencyMs ?? 0),
          error: row.error?.slice(0, 1000) ?? null,
        },
      });
    } catch (err) {
      // Auditing must never turn a good answer into an error.
      console.error(JSON.stringify({ level: 'error', msg: 'ai audit row failed', err: String(err) }));
    }
  }

  cacheKey(feature: string, system: string, prompt: string, schema: z.ZodType): string {
    return crypto
      .createHash('sha256')
      .update([this.options.model, feature, JSON.stringify(jsonSchemaFor(schema)), system, prompt].join('\u0000'))
      .digest('hex');
  }

  private classify(err: unknown, timedOut: boolean): AttemptFailure {
    if (timedOut) return { kind: 'timeout', retryable: true, detail: `no answer within ${this.options.timeoutMs} ms` };
    if (err instanceof ApiError) {
      const msg = err.message.replace(/\s+/g, ' ').slice(0, 300);
      if (err.status === 429) return { kind: 'rate-limited', retryable: true, detail: `HTTP 429: ${msg}` };
      if (err.status >= 500) return { kind: 'upstream', retryable: true, detail: `HTTP ${err.status}: ${msg}` };
      return { kind: 'rejected', retryable: false, detail: `HTTP ${err.status}: ${msg}` };
    }
    // fetch failures (connection refused/reset) are transient as far as we can tell.
    return { kind: 'upstream', retryable: true, detail: `network error: ${String((err as Error)?.message ?? err)}` };
  }

  private failureMessage(f: AttemptFailure, attempts: number): string {
    const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
    switch (f.kind) {
      case 'timeout':
        return `Gemini did not answer in time (${f.detail}; ${tries}).`;
      case 'rate-limited':
        return `Gemini is rate limiting requests (${f.detail}; ${tries}).`;
      case 'malformed':
        return `Gemini returned malformed output (${f.detail}; ${tries}).`;
      case 'rejected':
        return `Gemini rejected the request (${f.detail}).`;
      default:
        return `Gemini failed (${f.detail}; ${tries}).`;
    }
  }

  /** One live, validated, structured answer, or an AiError saying plainly why not. */
  async generateStructured<S extends z.ZodType>(
    db: Db,
    req: StructuredRequest<S>,
  ): Promise<StructuredResult<z.output<S>>> {
    const started = performance.now();
    const { feature, userId } = req;
    const system = req.system ?? '';
    if (!this.client) throw new AiError('offline', 'AI is in offline mode: no GEMINI_API_KEY is configured.');
    const client = this.client;
    const model = this.options.model;

    const ttl = req.cacheTtlSec ?? this.options.cacheTtlSec;
    const key = this.cacheKey(feature, system, req.prompt, req.schema);
    if (ttl > 0) {
      const hit = await db.aiCache.findUnique({ where: { key } });
      if (hit && hit.expiresAt > new Date()) {
        const parsed = req.schema.safeParse(hit.response);
        if (parsed.success) {
          const latencyMs = performance.now() - started;
          await this.audit(db, { userId, feature, mode: 'live', status: 'ok', cached: true, latencyMs });
          return {
            data: parsed.data,
            mode: 'live',
            cached: true,
            model,
            inputTokens: 0,
            outputTokens: 0,
            latencyMs,
            attempts: 0,
          };
        }
      }
    }

    if (userId && (await this.usageToday(db, { userId })) >= this.options.userDailyQuota) {
      await this.audit(db, { userId, feature, mode: 'live', status: 'quota', error: 'user daily quota' });
      throw new AiError(
        'quota',
        `You have used today's ${this.options.userDailyQuota} AI requests. The quota resets at midnight UTC.`,
      );
    }
    if (req.classId && (await this.usageToday(db, { classId: req.classId })) >= this.options.classDailyQuota) {
      await this.audit(db, { userId, feature, mode: 'live', status: 'quota', error: 'class daily quota' });
      throw new AiError(
        'quota',
        `This class has used today's ${this.options.classDailyQuota} AI requests. The quota resets at midnight UTC.`,
      );
    }

    const gate = this.breaker.admit();
    if (!gate.ok) {
      await this.audit(db, { userId, feature, mode: 'live', status: 'circuit-open', error: 'circuit open' });
      throw new AiError(
        'circuit-open',
        `Gemini has been failing; AI calls are paused for ${Math.ceil(gate.retryInMs / 1000)} s.`,
      );
    }

    const responseJsonSchema = jsonSchemaFor(req.schema);
    // A half-open trial gets one attempt: it is a probe, not a request to push through.
    const attempts = gate.trial ? 1 : Math.max(1, this.options.attempts);
    let inputTokens = 0;
    let outputTokens = 0;
    let last: AttemptFailure | null = null;
    let made = 0;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        const base = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** (attempt - 1));
        await sleep(base / 2 + Math.random() * (base / 2));
      }
      made++;
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.options.timeoutMs);
      let text: string | undefined;
      try {
        const res = await client.models.generateContent({
          model,
          contents: req.prompt,
          config: {
            ...(system ? { systemInstruction: system } : {}),
            responseMimeType: 'application/json',
            responseJsonSchema,
            abortSignal: controller.signal,
          },
        });
        inputTokens += res.usageMetadata?.promptTokenCount ?? 0;
        outputTokens += (res.usageMetadata?.candidatesTokenCount ?? 0) + (res.usageMetadata?.thoughtsTokenCount ?? 0);
        text = res.text;
      } catch (err) {
        last = this.classify(err, timedOut);
      } finally {
        clearTimeout(timer);
      }
      if (text === undefined) {
        if (!last) last = { kind: 'malformed', retryable: true, detail: 'the answer had no text' };
        if (!last.retryable) break;
        continue;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        last = { kind: 'malformed', retryable: true, detail: `not JSON: ${JSON.stringify(text.slice(0, 80))}` };
        continue;
      }
      const parsed = req.schema.safeParse(json);
      if (!parsed.success) {
        last = {
          kind: 'malformed',
          retryable: true,
          detail: `does not match the schema: ${describeIssues(parsed.error)}`,
        };
        continue;
      }
      this.breaker.success();
      const latencyMs = performance.now() - started;
      if (ttl > 0) {
        const expiresAt = new Date(Date.now() + ttl * 1000);
        const response = parsed.data as object;
        await db.aiCache
          .upsert({
            where: { key },
            create: { key, response, expiresAt },
            update: { response, expiresAt, createdAt: new Date() },
          })
          .catch(() => {});
      }
      await this.audit(db, { userId, feature, mode: 'live', status: 'ok', inputTokens, outputTokens, latencyMs });
      return {
        data: parsed.data,
        mode: 'live',
        cached: false,
        model,
        inputTokens,
        outputTokens,
        latencyMs,
        attempts: made,
      };
    }

    this.breaker.failure();
    const failure = last ?? { kind: 'upstream', retryable: false, detail: 'unknown failure' };
    const message = this.failureMessage(failure, made);
    await this.audit(db, {
      userId,
      feature,
      mode: 'live',
      status: 'failed',
      inputTokens,
      outputTokens,
      latencyMs: performance.now() - started,
      error: `${failure.kind}: ${failure.detail}`,
    });
    throw new AiError(failure.kind === 'rejected' ? 'upstream' : failure.kind, message, made);
  }

  /**
   * A feature call: live when a key is configured, else (or when the live call fails, is over
   * quota or the circuit is open) the deterministic offline implementation, with a notice.
   */
  async run<S extends z.ZodType>(
    db: Db,
    req: StructuredRequest<S> & { offline: () => z.output<S> | Promise<z.output<S>> },
  ): Promise<FeatureResult<z.output<S>>> {
    if (this.client) {
      try {
        const live = await this.generateStructured(db, req);
        return { data: live.data, mode: 'live', cached: live.cached, model: live.model, notice: null };
      } catch (err) {
        if (!(err instanceof AiError)) throw err;
        const data = await req.offline();
        return {
          data,
          mode: 'offline',
          cached: false,
          model: 'offline',
          notice: `${err.message} Showing the offline result.`,
        };
      }
    }
    const started = performance.now();
    const data = await req.offline();
    await this.audit(db, {
      userId: req.userId,
      feature: req.feature,
      mode: 'offline',
      status: 'ok',
      latencyMs: performance.now() - started,
    });
    return { data, mode: 'offline', cached: false, model: 'offline', notice: null };
  }
}

// One gateway per process (so one circuit breaker per process), built from the environment on
// first use. Tests install their own.
let current: AiGateway | null = null;

export function aiGateway(): AiGateway {
  current ??= new AiGateway(aiOptionsFromEnv());
  return current;
}

export function setAiGateway(gateway: AiGateway | null): void {
  current = gateway;
}
