// A Judge0 CE-compatible REST API over RogueLearn's judge, so existing Judge0 clients can run code
// here: POST/GET /submissions (+ /batch), GET /languages, GET /statuses, POST /authenticate.
//
// Each Judge0 submission is a RUN of `stdin` through the ordinary queue (source "api", owned by
// the API key's owner), with the requested Judge0 language id, expected_output and limits on the
// submission row; the judge enforces the limits. Judge0's verdict is derived when the submission
// is read: stdout is compared with expected_output by Judge0's rule, and our verdicts map to
// Judge0 statuses (runtime errors by the signal or exit code of the run's result row).
// The judge keeps the first 4 KiB of stdout/stderr, which bounds expected_output.
import type http from 'node:http';
import type { Db, Submission, SubmissionTestResult, Verdict } from '@roguelearn/db';
import { hashApiKey } from '@roguelearn/db/api-keys';
import { enqueueSubmission } from '@roguelearn/db/queue';
import type { Logger, RouteHandler } from '@roguelearn/service';
import { z } from 'zod';
import type { LanguageStatus } from './available';
import { DEFAULT_LIMITS } from './judge';
import { type Language, languageById } from './languages';

// ─────────────────────────────── configuration ───────────────────────────────

export const MAX_SOURCE_BYTES = 64 * 1024;
export const MAX_STDIN_BYTES = 512 * 1024;
/** The harness keeps the first 4096 bytes of stdout; longer expected output can't be compared. */
export const OUTPUT_HEAD_BYTES = 4096;
export const MAX_EXPECTED_OUTPUT_BYTES = OUTPUT_HEAD_BYTES - 1;
export const MAX_BATCH_SIZE = 20; // Judge0's MAX_SUBMISSION_BATCH_SIZE default
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Judge0 CE's defaults for the largest limits a request may ask for. */
const MAX_CPU_TIME_LIMIT_S = 15;
const MAX_MEMORY_LIMIT_KB = 512_000;
const API_PRIORITY = 0;

export interface Judge0Deps {
  db: Db;
  /** The judge's probed languages (probeLanguages); only available ones are offered. */
  languages: () => readonly LanguageStatus[];
  /** Calls `fn(submissionId)` on every submission update (SUBMISSIONS_CHANNEL); returns unsubscribe. */
  subscribe?: (fn: (submissionId: string) => void) => () => void;
  /** Extra header carrying the API key (Judge0's AUTHN_HEADER); X-Auth-Token and X-RapidAPI-Key always work. */
  apiKeyHeader?: string;
  /** How long `wait=true` waits before returning the submission as it is (default 30 s). */
  waitTimeoutMs?: number;
  /** Unjudged API submissions one owner may have before creation answers 503 "queue is full" (default 100). */
  maxQueued?: number;
  log?: Logger;
}

// ─────────────────────────────── API keys ───────────────────────────────

export { hashApiKey, issueApiKey } from '@roguelearn/db/api-keys';

// ─────────────────────────────── languages and statuses ───────────────────────────────

/**
 * Judge0 CE language ids (db/languages/active.rb in judge0/judge0, CE 1.13) for our languages.
 * Names shown by GET /languages are built from the toolchain versions the judge probed.
 */
const JUDGE0_LANGUAGES: { id: number; ours: string; aliases: number[]; label: (v: string) => string }[] = [
  { id: 50, ours: 'c', aliases: [48, 49], label: (v) => `C (GCC ${v})` }, // 48 GCC 7.4.0, 49 GCC 8.3.0, 50 GCC 9.2.0
  { id: 54, ours: 'cpp', aliases: [52, 53], label: (v) => `C++ (GCC ${v})` }, // 52/53/54 GCC 7.4.0/8.3.0/9.2.0
  { id: 62, ours: 'java', aliases: [], label: (v) => `Java (OpenJDK ${v})` }, // OpenJDK 13.0.1
  { id: 63, ours: 'javascript', aliases: [], label: (v) => `JavaScript (Node.js ${v})` }, // Node.js 12.14.0
  { id: 71, ours: 'python3', aliases: [], label: (v) => `Python (${v})` }, // Python 3.8.1 (70 is Python 2)
  { id: 74, ours: 'typescript', aliases: [], label: (v) => `TypeScript (esbuild, Node.js ${v})` }, // TypeScript 3.7.4
];

function judge0Language(judge0Id: number) {
  return JUDGE0_LANGUAGES.find((l) => l.id === judge0Id || l.aliases.includes(judge0Id));
}

function languageName(ours: string, statuses: readonly LanguageStatus[]): string {
  const entry = JUDGE0_LANGUAGES.find((l) => l.ours === ours);
  const status = statuses.find((s) => s.language.id === ours);
  const version = status?.version?.match(/\d+(?:\.\d+)*/)?.[0];
  if (entry && version) return entry.label(version);
  return status?.language.name ?? languageById(ours)?.name ?? ours;
}

export const JUDGE0_STATUSES = [
  { id: 1, description: 'In Queue' },
  { id: 2, description: 'Processing' },
  { id: 3, description: 'Accepted' },
  { id: 4, description: 'Wrong Answer' },
  { id: 5, description: 'Time Limit Exceeded' },
  { id: 6, description: 'Compilation Error' },
  { id: 7, description: 'Runtime Error (SIGSEGV)' },
  { id: 8, description: 'Runtime Error (SIGXFSZ)' },
  { id: 9, description: 'Runtime Error (SIGFPE)' },
  { id: 10, description: 'Runtime Error (SIGABRT)' },
  { id: 11, description: 'Runtime Error (NZEC)' },
  { id: 12, description: 'Runtime Error (Other)' },
  { id: 13, description: 'Internal Error' },
  { id: 14, description: 'Exec Format Error' },
] as const;

/** Judge0's rule (isolate_job.rb#strip): trailing whitespace of every line and of the whole text. */
export function judge0Strip(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trimEnd();
}

export interface StatusInput {
  status: 'QUEUED' | 'RUNNING' | 'DONE';
  verdict: Verdict | null;
  stdout: string | null;
  timeMs: number | null;
  memoryKb: number | null;
  /** The judge's own message for internal errors (stored in compileOutput). */
  compileOutput: string | null;
  /** From a stored test result of the run, when there is one. */
  exitCode?: number | null;
  signal?: number | null;
  expectedOutput: string | null;
  /** Limits the client asked for (only applied when tighter than the judge's). */
  cpuTimeLimitMs?: number | null;
  memoryLimitKb?: number | null;
}

export interface StatusResult {
  id: number;
  message: string | null;
  exitCode: number | null;
  exitSignal: number | null;
}

/** Judge0's find_runtime_error_by_status_code. */
function signalStatus(signal: number): number {
  switch (signal) {
    case 11:
      return 7; // SIGSEGV
    case 25:
      return 8; // SIGXFSZ
    case 8:
      return 9; // SIGFPE
    case 6:
      return 10; // SIGABRT
    default:
      return 12; // Other (SIGKILL from the OOM killer included)
  }
}

/**
 * Maps a submission to a Judge0 status:
 * QUEUED→1, RUNNING→2; IE→13 (message = the judge's explanation); CE→6; TLE or time above a
 * requested cpu_time_limit→5; OLE→8 (SIGXFSZ: Judge0 enforces output size as a file size limit);
 * MLE or memory above a requested memory_limit→12 (Judge0 has no MLE status: a program over its
 * cgroup limit is SIGKILLed, "Runtime Error (Other)"); RE→7/8/9/10/12 by signal when known, 11
 * (NZEC) otherwise; a finished run→3, or 4 when expected_output was given and differs.
 */
export function judge0Status(s: StatusInput): StatusResult {
  const known = { exitCode: s.exitCode ?? null, exitSignal: s.signal ? s.signal : null };
  if (s.status === 'QUEUED') return { id: 1, message: null, exitCode: null, exitSignal: null };
  if (s.status === 'RUNNING') return { id: 2, message: null, exitCode: null, exitSignal: null };
  switch (s.verdict) {
    case 'IE':
    case 'SKIPPED':
      return { id: 13, message: s.compileOutput || 'Internal error', exitCode: null, exitSignal: null };
    case 'CE':
      return { id: 6, message: null, exitCode: null, exitSignal: null };
    case 'TLE':
      return { id: 5, message: 'Time limit exceeded', ...known };
    case 'OLE':
      return { id: 8, message: 'Output limit exceeded', exitCode: known.exitCode, exitSignal: known.exitSignal ?? 25 };
    case 'MLE':
      return { id: 12, message: 'Memory limit exceeded', ...known };
    case 'RE': {
      if (known.exitSignal)
        return { id: signalStatus(known.exitSignal), message: `Caught fatal signal ${known.exitSignal}`, ...known };
      return {
        id: 11,
        message: known.exitCode ? `Exited with error status ${known.exitCode}` : 'Exited with a non-zero status',
        ...known,
      };
    }
    default:
      break;
  }
  // The program ran to completion within the judge's limits (verdict null for a RUN).
  if (s.cpuTimeLimitMs != null && (s.timeMs ?? 0) > s.cpuTimeLimitMs)
    return { id: 5, message: 'Time limit exceeded', exitCode: null, exitSignal: null };
  if (s.memoryLimitKb != null && (s.memoryKb ?? 0) > s.memoryLimitKb)
    return { id: 12, message: 'Memory limit exceeded', exitCode: null, exitSignal: null };
  const done = { exitCode: known.exitCode ?? 0, exitSignal: null };
  if (s.verdict === 'WA') return { id: 4, message: null, ...done };
  if (s.verdict === 'AC' || s.expectedOutput == null) return { id: 3, message: null, ...done };
  const stdout = s.stdout ?? '';
  // Only the first OUTPUT_HEAD_BYTES of stdout are kept: a head that long means the program wrote
  // at least that much, more than any accepted expected_output (shorter than the head).
  if (Buffer.byteLength(stdout) >= OUTPUT_HEAD_BYTES) return { id: 4, message: null, ...done };
  return { id: judge0Strip(stdout) === judge0Strip(s.expectedOutput) ? 3 : 4, message: null, ...done };
}

// ─────────────────────────────── request validation ───────────────────────────────

const toNumber = (v: unknown) =>
  typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
const blankOr = (msg: string) => (iss: { input: unknown }) =>
  iss.input === undefined || iss.input === null || iss.input === '' ? "can't be blank" : msg;
const text = z.string({ error: 'must be a string' }).nullish();
const limit = (max: number) =>
  z
    .preprocess(
      toNumber,
      z
        .number({ error: 'is not a number' })
        .gt(0, { error: 'must be greater than 0' })
        .lte(max, { error: `must be less than or equal to ${max}` }),
    )
    .nullish();
const unsupported = z
  .unknown()
  .refine((v) => v === undefined || v === null || v === '' || v === false, { error: 'is not supported by this judge' })
  .optional();

const submissionSchema = z.object({
  source_code: z.string({ error: blankOr('must be a string') }).min(1, { error: "can't be blank" }),
  language_id: z.preprocess(
    toNumber,
    z.number({ error: blankOr('is not a number') }).int({ error: 'is not an integer' }),
  ),
  stdin: text,
  expected_output: text,
  cpu_time_limit: limit(MAX_CPU_TIME_LIMIT_S),
  memory_limit: limit(MAX_MEMORY_LIMIT_KB),
  // Accepted and ignored: the judge's own limits apply.
  cpu_extra_time: limit(5),
  wall_time_limit: limit(150),
  stack_limit: limit(128_000),
  max_processes_and_or_threads: limit(60),
  max_file_size: limit(4096),
  number_of_runs: z.preprocess(toNumber, z.literal(1, { error: 'must be 1' })).nullish(),
  enable_per_process_and_thread_time_limit: z.boolean().nullish(),
  enable_per_process_and_thread_memory_limit: z.boolean().nullish(),
  // Features this judge does not have: refused rather than silently ignored.
  compiler_options: unsupported,
  command_line_arguments: unsupported,
  redirect_stderr_to_stdout: unsupported,
  callback_url: unsupported,
  additional_files: unsupported,
  enable_network: unsupported,
});

type Errors = Record<string, string[]>;

interface ValidSubmission {
  judge0LanguageId: number;
  ours: string;
  source: string;
  stdin: string | null;
  expectedOutput: string | null;
  cpuTimeLimitS: number | null;
  memoryLimitKb: number | null;
}

const BASE64 = /^[A-Za-z0-9+/=_\-\s]*$/;

function validate(
  raw: unknown,
  base64: boolean,
  available: readonly LanguageStatus[],
): { ok: true; value: ValidSubmission } | { ok: false; errors: Errors } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, errors: { submission: ['must be a JSON object'] } };
  const parsed = submissionSchema.safeParse(raw);
  const errors: Errors = {};
  const add = (field: string, msg: string) => {
    errors[field] = [...(errors[field] ?? []), msg];
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(String(issue.path[0] ?? 'submission'), issue.message);
    return { ok: false, errors };
  }
  const body = parsed.data;
  const decode = (field: string, value: string | null | undefined): string | null => {
    if (value == null) return null;
    if (!base64) return value;
    if (!BASE64.test(value)) {
      add(field, 'is not valid Base64');
      return null;
    }
    return Buffer.from(
      value.replace(/[-_]/g, (c) => (c === '-' ? '+' : '/')),
      'base64',
    ).toString('utf8');
  };
  const source = decode('source_code', body.source_code) ?? '';
  const stdin = decode('stdin', body.stdin);
  const expectedOutput = decode('expected_output', body.expected_output);
  if (!errors.source_code && !source) add('source_code', "can't be blank");
  if (Buffer.byteLength(source) > MAX_SOURCE_BYTES)
    add('source_code', `is too long (maximum is ${MAX_SOURCE_BYTES} bytes)`);
  if (stdin != null && Buffer.byteLength(stdin) > MAX_STDIN_BYTES)
    add('stdin', `is too long (maximum is ${MAX_STDIN_BYTES} bytes)`);
  if (expectedOutput != null && Buffer.byteLength(expectedOutput) > MAX_EXPECTED_OUTPUT_BYTES)
    add(
      'expected_output',
      `is too long (maximum is ${MAX_EXPECTED_OUTPUT_BYTES} bytes: the judge keeps ${OUTPUT_HEAD_BYTES} bytes of output)`,
    );
  const language = judge0Language(body.language_id);
  if (!language) add('language_id', `language with id ${body.language_id} doesn't exist`);
  else if (!available.some((l) => l.available && l.language.id === language.ours))
    add('language_id', `language with id ${body.language_id} is not available on this judge`);
  if (Object.keys(errors).length || !language) return { ok: false, errors };
  return {
    ok: true,
    value: {
      judge0LanguageId: body.language_id,
      ours: language.ours,
      source,
      stdin,
      expectedOutput,
      cpuTimeLimitS: body.cpu_time_limit ?? null,
      memoryLimitKb: body.memory_limit ?? null,
    },
  };
}

/** Judge0 answers 422 with field → messages; `error` summarises them for clients that read only that. */
function errorBody(errors: Errors): Record<string, unknown> {
  const error = Object.entries(errors)
    .map(([field, msgs]) => `${field} ${msgs.join(', ')}`)
    .join('; ');
  return { error, ...errors };
}

// ─────────────────────────────── presentation ───────────────────────────────

interface Meta {
  languageId: number;
  expectedOutput: string | null;
  cpuTimeLimit: number | null;
  memoryLimit: number | null;
}

type Row = Submission & { results: SubmissionTestResult[] };

const DEFAULT_FIELDS = ['token', 'time', 'memory', 'stdout', 'stderr', 'compile_output', 'message', 'status'];
const ALL_FIELDS = [
  'source_code',
  'language_id',
  'compiler_options',
  'command_line_arguments',
  'stdin',
  'expected_output',
  'cpu_time_limit',
  'cpu_extra_time',
  'wall_time_limit',
  'memory_limit',
  'stack_limit',
  'max_processes_and_or_threads',
  'enable_per_process_and_thread_time_limit',
  'enable_per_process_and_thread_memory_limit',
  'max_file_size',
  'redirect_stderr_to_stdout',
  'callback_url',
  'additional_files',
  'enable_network',
  'number_of_runs',
  'stdout',
  'stderr',
  'compile_output',
  'message',
  'exit_code',
  'exit_signal',
  'status',
  'status_id',
  'created_at',
  'finished_at',
  'token',
  'time',
  'wall_time',
  'memory',
  'language',
];
const TEXT_FIELDS = new Set([
  'source_code',
  'stdin',
  'expected_output',
  'stdout',
  'stderr',
  'compile_output',
  'message',
]);

function parseFields(param: string | null): { fields: string[] } | { invalid: string[] } {
  if (!param?.trim()) return { fields: DEFAULT_FIELDS };
  const requested = param
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (requested.includes('*')) return { fields: ALL_FIELDS };
  const invalid = requested.filter((f) => !ALL_FIELDS.includes(f));
  return invalid.length ? { invalid } : { fields: requested };
}

function present(
  row: Row,
  meta: Meta | undefined,
  statuses: readonly LanguageStatus[],
  fields: string[],
  base64: boolean,
): Record<string, unknown> {
  const language = languageById(row.language);
  const timeFactor = language?.timeFactor ?? 1;
  // The limits the judge enforced: the client's, or the judge's defaults for a run.
  const judgeCpuMs = DEFAULT_LIMITS.cpuMs * timeFactor;
  const cpuTimeLimitMs = meta?.cpuTimeLimit != null ? meta.cpuTimeLimit * 1000 : null;
  const memoryLimitKb = meta?.memoryLimit ?? null;
  const result = row.results[0];
  const st = judge0Status({
    status: row.status,
    verdict: row.verdict,
    stdout: row.stdout,
    timeMs: row.timeMs,
    memoryKb: row.memoryKb,
    compileOutput: row.compileOutput,
    exitCode: result?.exitCode ?? null,
    signal: result?.signal != null ? Number(result.signal) : null,
    expectedOutput: meta?.expectedOutput ?? null,
    cpuTimeLimitMs,
    memoryLimitKb,
  });
  const ran = row.status === 'DONE' && row.verdict !== 'CE' && row.verdict !== 'IE' && row.verdict !== 'SKIPPED';
  const nonEmpty = (s: string | null) => (s ? s : null);
  const judge0Id = meta?.languageId ?? JUDGE0_LANGUAGES.find((l) => l.ours === row.language)?.id ?? null;
  const status = JUDGE0_STATUSES.find((s) => s.id === st.id) ?? JUDGE0_STATUSES[12];
  const all: Record<string, unknown> = {
    source_code: row.code,
    language_id: judge0Id,
    compiler_options: null,
    command_line_arguments: null,
    stdin: row.customInput,
    expected_output: meta?.expectedOutput ?? null,
    cpu_time_limit: ((cpuTimeLimitMs ?? judgeCpuMs) / 1000).toFixed(3),
    cpu_extra_time: null,
    wall_time_limit: null,
    memory_limit: memoryLimitKb ?? DEFAULT_LIMITS.memoryKb,
    stack_limit: null,
    max_processes_and_or_threads: null,
    enable_per_process_and_thread_time_limit: false,
    enable_per_process_and_thread_memory_limit: false,
    max_file_size: null,
    redirect_stderr_to_stdout: false,
    callback_url: null,
    additional_files: null,
    enable_network: false,
    number_of_runs: 1,
    stdout: ran ? nonEmpty(row.stdout) : null,
    stderr: ran ? nonEmpty(row.stderr) : null,
    compile_output: row.verdict === 'IE' || row.verdict === 'SKIPPED' ? null : nonEmpty(row.compileOutput),
    message: st.message,
    exit_code: st.exitCode,
    exit_signal: st.exitSignal,
    status: { id: status.id, description: status.description },
    status_id: status.id,
    created_at: row.createdAt.toISOString(),
    finished_at: row.status === 'DONE' ? (row.judgedAt?.toISOString() ?? null) : null,
    token: row.id,
    time: ran && row.timeMs != null ? (row.timeMs / 1000).toFixed(3) : null,
    wall_time: null,
    memory: ran ? row.memoryKb : null,
    language: judge0Id == null ? null : { id: judge0Id, name: languageName(row.language, statuses) },
  };
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = all[f];
    out[f] = base64 && TEXT_FIELDS.has(f) && typeof v === 'string' ? Buffer.from(v, 'utf8').toString('base64') : v;
  }
  return out;
}

// ─────────────────────────────── HTTP plumbing ───────────────────────────────

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(data)),
    ...headers,
  });
  res.end(data);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.error ?? status));
  }
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    throw new HttpError(413, { error: `request body is larger than ${MAX_BODY_BYTES} bytes` });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  }
  if (tooLarge) throw new HttpError(413, { error: `request body is larger than ${MAX_BODY_BYTES} bytes` });
  const raw = Buffer.concat(chunks).toString('utf8').trim();
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, { error: 'request body is not valid JSON' });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ─────────────────────────────── the routes ───────────────────────────────

interface Caller {
  ownerId: string;
  keyId: string;
}

export function judge0Routes(deps: Judge0Deps): RouteHandler {
  const { db } = deps;
  const waitTimeoutMs = deps.waitTimeoutMs ?? 30_000;
  const maxQueued = deps.maxQueued ?? 100;
  const headers = [deps.apiKeyHeader, 'x-auth-token', 'x-rapidapi-key']
    .filter((h): h is string => Boolean(h))
    .map((h) => h.toLowerCase());

  async function authenticate(req: http.IncomingMessage): Promise<Caller> {
    let key: string | undefined;
    for (const h of headers) {
      const v = req.headers[h];
      key = Array.isArray(v) ? v[0] : v;
      if (key) break;
    }
    if (!key)
      throw new HttpError(401, { error: `authentication required: send your API key in the X-Auth-Token header` });
    const row =
      key.length <= 512
        ? await db.apiKey.findUnique({
            where: { keyHash: hashApiKey(key.trim()) },
            select: { id: true, ownerId: true, revokedAt: true, lastUsedAt: true, owner: { select: { status: true } } },
          })
        : null;
    if (!row || row.revokedAt || row.owner.status !== 'ACTIVE') throw new HttpError(401, { error: 'invalid API key' });
    // At most one write a minute per key.
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
      await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
    return { ownerId: row.ownerId, keyId: row.id };
  }

  /** Judge0 answers 503 when its queue is full; here the queue is shared, so the bound is per owner. */
  async function checkQueue(caller: Caller, adding: number): Promise<void> {
    const queued = await db.submission.count({
      where: { userId: caller.ownerId, source: 'api', status: { not: 'DONE' } },
    });
    if (queued + adding > maxQueued) throw new HttpError(503, { error: 'queue is full' });
  }

  async function create(caller: Caller, value: ValidSubmission): Promise<string> {
    const submission = await enqueueSubmission(db, {
      userId: caller.ownerId,
      language: value.ours,
      code: value.source,
      kind: 'RUN',
      customInput: value.stdin,
      source: 'api',
      priority: API_PRIORITY,
      apiLanguageId: value.judge0LanguageId,
      expectedOutput: value.expectedOutput,
      // The judge enforces requested limits for real; larger ones than ours are capped.
      cpuLimitMs: value.cpuTimeLimitS != null ? Math.round(value.cpuTimeLimitS * 1000) : null,
      memoryLimitKb: value.memoryLimitKb,
    });
    return submission.id;
  }

  /** The caller's API submissions among `tokens`, with their request metadata. */
  async function load(caller: Caller, tokens: string[]): Promise<Map<string, { row: Row; meta?: Meta }>> {
    const ids = [...new Set(tokens.filter((t) => UUID.test(t)).map((t) => t.toLowerCase()))];
    const found = new Map<string, { row: Row; meta?: Meta }>();
    if (!ids.length) return found;
    const rows = await db.submission.findMany({
      where: { id: { in: ids }, userId: caller.ownerId, source: 'api' },
      include: { results: { where: { ordinal: 0 }, take: 1 } },
    });
    for (const row of rows) {
      found.set(row.id, {
        row,
        meta: {
          languageId: row.apiLanguageId ?? JUDGE0_LANGUAGES.find((l) => l.ours === row.language)?.id ?? 0,
          expectedOutput: row.expectedOutput,
          cpuTimeLimit: row.cpuLimitMs != null ? row.cpuLimitMs / 1000 : null,
          memoryLimit: row.memoryLimitKb,
        },
      });
    }
    return found;
  }

  /** Resolves when the submission is judged, the client went away, or the wait timed out. */
  async function waitDone(id: string, res: http.ServerResponse): Promise<void> {
    const deadline = Date.now() + waitTimeoutMs;
    let pending = false;
    let wake: (() => void) | null = null;
    const unsubscribe = deps.subscribe?.((payload) => {
      if (payload !== id) return;
      pending = true;
      wake?.();
    });
    let gone = false;
    const onClose = () => {
      gone = true;
      wake?.();
    };
    res.once('close', onClose);
    try {
      for (;;) {
        pending = false;
        const row = await db.submission.findUnique({ where: { id }, select: { status: true } });
        if (!row || row.status === 'DONE' || gone) return;
        const left = deadline - Date.now();
        if (left <= 0) return;
        if (pending) continue;
        // Notifications wake us at once; polling covers a missed one (or no notifier at all).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, deps.subscribe ? 1000 : 200));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    } finally {
      unsubscribe?.();
      res.off('close', onClose);
    }
  }

  function flags(url: URL) {
    const parsed = parseFields(url.searchParams.get('fields'));
    if ('invalid' in parsed) throw new HttpError(400, { error: `invalid fields: [${parsed.invalid.join(', ')}]` });
    return { fields: parsed.fields, base64: url.searchParams.get('base64_encoded') === 'true' };
  }

  function languagesList() {
    const statuses = deps.languages();
    return JUDGE0_LANGUAGES.filter((l) => statuses.some((s) => s.available && s.language.id === l.ours)).map((l) => ({
      id: l.id,
      name: languageName(l.ours, statuses),
    }));
  }

  type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, param?: string) => Promise<void>;

  const routes: { path: RegExp; methods: Record<string, Handler> }[] = [
    {
      path: /^\/submissions$/,
      methods: {
        async POST(req, res, url) {
          const caller = await authenticate(req);
          const { fields, base64 } = flags(url);
          const result = validate(await readJson(req), base64, deps.languages());
          if (!result.ok) return send(res, 422, errorBody(result.errors));
          await checkQueue(caller, 1);
          const token = await create(caller, result.value);
          if (url.searchParams.get('wait') !== 'true') return send(res, 201, { token });
          await waitDone(token, res);
          const found = (await load(caller, [token])).get(token);
          if (!found) throw new Error('submission vanished');
          send(res, 201, present(found.row, found.meta, deps.languages(), fields, base64));
        },
      },
    },
    {
      path: /^\/submissions\/batch$/,
      methods: {
        async POST(req, res, url) {
          const caller = await authenticate(req);
          const base64 = url.searchParams.get('base64_encoded') === 'true';
          const body = (await readJson(req)) as { submissions?: unknown };
          const items = Array.isArray(body?.submissions) ? body.submissions : [];
          if (items.length === 0)
            return send(res, 400, { error: 'there should be at least one submission in a batch' });
          if (items.length > MAX_BATCH_SIZE)
            return send(res, 400, {
              error: `number of submissions in a batch should be less than or equal to ${MAX_BATCH_SIZE}`,
            });
          const languages = deps.languages();
          await checkQueue(caller, items.length);
          const out: Record<string, unknown>[] = [];
          for (const item of items) {
            const result = validate(item, base64, languages);
            out.push(result.ok ? { token: await create(caller, result.value) } : errorBody(result.errors));
          }
          send(res, out.some((o) => 'token' in o) ? 201 : 422, out);
        },
        async GET(req, res, url) {
          const caller = await authenticate(req);
          const { fields, base64 } = flags(url);
          const tokens = (url.searchParams.get('tokens') ?? '')
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean);
          if (tokens.length === 0)
            return send(res, 400, { error: 'there should be at least one submission in a batch' });
          if (tokens.length > MAX_BATCH_SIZE)
            return send(res, 400, {
              error: `number of submissions in a batch should be less than or equal to ${MAX_BATCH_SIZE}`,
            });
          const found = await load(caller, tokens);
          const languages = deps.languages();
          send(res, 200, {
            submissions: tokens.map((t) => {
              const f = found.get(t.toLowerCase());
              return f ? present(f.row, f.meta, languages, fields, base64) : null;
            }),
          });
        },
      },
    },
    {
      path: /^\/submissions\/([^/]+)$/,
      methods: {
        async GET(req, res, url, token = '') {
          const caller = await authenticate(req);
          const { fields, base64 } = flags(url);
          const found = (await load(caller, [token])).get(token.toLowerCase());
          if (!found) return send(res, 404, { error: 'submission not found' });
          send(res, 200, present(found.row, found.meta, deps.languages(), fields, base64));
        },
      },
    },
    {
      path: /^\/languages$/,
      methods: {
        async GET(req, res) {
          await authenticate(req);
          send(res, 200, languagesList());
        },
      },
    },
    {
      path: /^\/languages\/([^/]+)$/,
      methods: {
        async GET(req, res, _url, id = '') {
          await authenticate(req);
          const entry = languagesList().find((l) => String(l.id) === id);
          const lang: Language | undefined = entry
            ? languageById(JUDGE0_LANGUAGES.find((l) => l.id === entry.id)?.ours ?? '')
            : undefined;
          if (!entry || !lang) return send(res, 404, { error: 'language not found' });
          send(res, 200, {
            id: entry.id,
            name: entry.name,
            is_archived: false,
            source_file: lang.sourceFile,
            compile_cmd: lang.compile ?? null,
            run_cmd: lang.run,
          });
        },
      },
    },
    {
      path: /^\/statuses$/,
      methods: {
        async GET(req, res) {
          await authenticate(req);
          send(res, 200, JUDGE0_STATUSES);
        },
      },
    },
    {
      path: /^\/authenticate$/,
      methods: {
        async POST(req, res) {
          await authenticate(req);
          res.writeHead(200).end();
        },
      },
    },
  ];

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    let matched: { route: (typeof routes)[number]; param?: string } | null = null;
    for (const route of routes) {
      const m = route.path.exec(pathname);
      if (m) {
        let param: string | undefined = m[1];
        try {
          param = param ? decodeURIComponent(param) : undefined;
        } catch {
          // Malformed escapes: keep it raw; it will match nothing.
        }
        matched = { route, param };
        break;
      }
    }
    if (!matched) return false;
    const handler = matched.route.methods[req.method ?? 'GET'];
    try {
      if (!handler) {
        send(res, 405, { error: 'method not allowed' }, { allow: Object.keys(matched.route.methods).join(', ') });
        return true;
      }
      await handler(req, res, url, matched.param);
    } catch (err) {
      if (err instanceof HttpError) {
        if (!res.headersSent) send(res, err.status, err.body);
      } else {
        deps.log?.error('judge0 request failed', { err, method: req.method, path: pathname });
        if (!res.headersSent) send(res, 500, { error: 'internal error' });
        else res.end();
      }
    }
    return true;
  };
}
