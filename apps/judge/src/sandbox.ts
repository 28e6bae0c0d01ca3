// Runs one submission in one container: the harness (sandbox/harness.c) is PID 1, receives the
// job on stdin, compiles once, runs every test with per-test limits, and reports each result as
// a line on stdout, which we turn into events as they arrive.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { hostMounts, type Language, type Runtime } from './languages';

export const CONTAINER_LABEL = 'dev.roguelearn.judge';

export type TestVerdict = 'AC' | 'WA' | 'TLE' | 'MLE' | 'RE' | 'OLE' | 'IE' | 'SKIPPED';

export interface SandboxTest {
  id: string;
  input: string;
  expected: string;
}

export interface SandboxJob {
  language: Language;
  source: string;
  tests: SandboxTest[];
  /** Per-test limits. */
  cpuMs: number;
  memoryKb: number;
  outputBytes?: number;
  checker: { kind: 'exact' | 'tokens' | 'float'; tolerance?: number } | { kind: 'custom'; python: string };
  stopOnFail: boolean;
}

export type SandboxEvent =
  | { type: 'compile'; ok: boolean; timedOut: boolean; timeMs: number; output: string }
  | {
      type: 'test';
      id: string;
      verdict: TestVerdict;
      timeMs: number;
      memoryKb: number;
      exitCode: number;
      signal: number;
      stdout: string;
      stderr: string;
    };

export interface SandboxOptions {
  docker: Docker;
  runtime: Runtime;
  /** Image for the "host" runtime (see images.ts). */
  hostImage: string;
  /** Labels every container with the worker that owns it, for orphan clean-up. */
  owner: { host: string; pid: number; worker: string };
  compileCpuMs?: number;
  compileWallMs?: number;
}

const b64 = (s: string) => Buffer.from(s ?? '', 'base64').toString('utf8');

function encodeJob(job: SandboxJob, compileCpuMs: number, compileWallMs: number): Buffer {
  const parts: Buffer[] = [];
  const file = (name: string, content: string | Buffer) => {
    const data = typeof content === 'string' ? Buffer.from(content) : content;
    parts.push(Buffer.from(`file ${name} ${data.length}\n`), data);
  };
  const line = (s: string) => parts.push(Buffer.from(`${s}\n`));
  const mem = (cmd: string) => cmd.replaceAll('{mem_mb}', String(Math.ceil(job.memoryKb / 1024)));
  file(`box/${job.language.sourceFile}`, job.source);
  job.tests.forEach((t, i) => {
    file(`judge/in${i}`, t.input);
    file(`judge/exp${i}`, t.expected);
  });
  const wallMs = job.cpuMs * 2 + 1000;
  line(`limits ${job.cpuMs} ${wallMs} ${job.memoryKb} ${job.outputBytes ?? 64 * 1024 * 1024}`);
  if (job.language.compile) {
    line(`compile ${compileCpuMs} ${compileWallMs}`);
    line(mem(job.language.compile));
  }
  line('run');
  line(mem(job.language.run));
  if (job.checker.kind === 'custom') {
    file('judge/checker.py', job.checker.python);
    line('checker custom 0');
    line('/usr/bin/python3 /judge/checker.py');
  } else {
    line(`checker ${job.checker.kind} ${job.checker.tolerance ?? 1e-6}`);
  }
  line(`stop_on_fail ${job.stopOnFail ? 1 : 0}`);
  for (const [i, t] of job.tests.entries()) line(`test ${t.id.replace(/\s/g, '_')} judge/in${i} judge/exp${i}`);
  line('end');
  return Buffer.concat(parts);
}

function parseLine(line: string): SandboxEvent | { type: 'done' } | { type: 'error'; message: string } | null {
  const f = line.split('\t');
  switch (f[0]) {
    case 'compile':
      return {
        type: 'compile',
        ok: f[1] === 'ok',
        timedOut: f[1] === 'timeout',
        timeMs: Number(f[2]),
        output: b64(f[3]),
      };
    case 'test':
      return {
        type: 'test',
        id: f[1],
        verdict: f[2] as TestVerdict,
        timeMs: Number(f[3]),
        memoryKb: Number(f[4]),
        exitCode: Number(f[5]),
        signal: Number(f[6]),
        stdout: b64(f[7]),
        stderr: b64(f[8]),
      };
    case 'done':
      return { type: 'done' };
    case 'error':
      return { type: 'error', message: f.slice(1).join(' ') };
    default:
      return null;
  }
}

export class SandboxError extends Error {}

/**
 * Judges `job` in a fresh container, calling `onEvent` for the compile step and each test as they
 * finish. The container is removed whatever happens; `signal` aborts (the container is killed).
 */
export async function runInSandbox(
  opts: SandboxOptions,
  job: SandboxJob,
  onEvent: (e: SandboxEvent) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const { docker } = opts;
  const compileCpuMs = opts.compileCpuMs ?? 10_000;
  const compileWallMs = opts.compileWallMs ?? 20_000;
  const payload = encodeJob(job, compileCpuMs, compileWallMs);
  const dataMb = Math.ceil(payload.length / 1024 / 1024);
  // Memory covers the program, the runtime's own overhead, the compiler, and the tmpfs data.
  const memoryBytes =
    (Math.max(job.memoryKb + job.language.memoryOverheadKb, 384 * 1024) + 64 * 1024) * 1024 + dataMb * 2 * 1024 * 1024;
  const host = opts.runtime === 'host';
  const container = await docker.createContainer({
    Image: host ? opts.hostImage : job.language.image,
    Entrypoint: ['/opt/rl/harness'],
    Cmd: [],
    User: '0:0',
    // No WorkingDir: Docker would create /box with mode 0755 and the tmpfs would inherit it.
    Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'HOME=/tmp', 'LANG=C.UTF-8', 'TMPDIR=/tmp'],
    OpenStdin: true,
    StdinOnce: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    NetworkDisabled: true,
    Labels: {
      [CONTAINER_LABEL]: '1',
      [`${CONTAINER_LABEL}.host`]: opts.owner.host,
      [`${CONTAINER_LABEL}.pid`]: String(opts.owner.pid),
      [`${CONTAINER_LABEL}.worker`]: opts.owner.worker,
    },
    HostConfig: {
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      // The harness keeps only what it needs to drop to uid 65534 and to kill what the program
      // started; the program itself runs with no capabilities at all.
      CapDrop: ['ALL'],
      CapAdd: ['SETUID', 'SETGID', 'KILL'],
      SecurityOpt: ['no-new-privileges'],
      PidsLimit: 64,
      Memory: memoryBytes,
      MemorySwap: memoryBytes,
      NanoCpus: 1_000_000_000,
      Ulimits: [{ Name: 'nofile', Soft: 256, Hard: 256 }],
      Tmpfs: {
        '/box': 'rw,exec,nosuid,nodev,size=128m,mode=1777',
        '/judge': `rw,noexec,nosuid,nodev,size=${Math.max(64, dataMb * 2 + 80)}m,mode=0700`,
        '/tmp': 'rw,exec,nosuid,nodev,size=64m,mode=1777',
      },
      Binds: host ? hostMounts() : [],
    },
  });
  const out = new PassThrough();
  const err = new PassThrough();
  let stderr = '';
  err.on('data', (d) => {
    stderr += d;
  });
  const onAbort = () => void container.kill().catch(() => {});
  try {
    const stream = await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true });
    const streamEnded = new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
    });
    container.modem.demuxStream(stream, out, err);
    await container.start();
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.end(payload);

    // Generous overall budget: compile, every test's wall limit, and container overhead.
    const budgetMs = compileWallMs + job.tests.length * (job.cpuMs * 2 + 1500) + 10_000;
    const overall = setTimeout(onAbort, budgetMs);
    let done = false;
    let failure: string | null = null;
    let buffer = '';
    let chain = Promise.resolve();
    out.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const ev = parseLine(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
        if (!ev) continue;
        if (ev.type === 'done') done = true;
        else if (ev.type === 'error') failure = ev.message;
        // Events are delivered in order, one at a time, even when onEvent is async.
        else chain = chain.then(() => onEvent(ev));
      }
    });
    try {
      // The attach stream can deliver its last bytes just after the container exits.
      await Promise.all([container.wait(), streamEnded]);
      await chain;
    } finally {
      clearTimeout(overall);
    }
    if (signal?.aborted) throw new SandboxError('judging was aborted');
    if (failure) throw new SandboxError(`harness: ${failure}`);
    if (!done) throw new SandboxError(`sandbox ended early${stderr ? `: ${stderr.slice(0, 500)}` : ''}`);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await container.remove({ force: true }).catch(() => {});
  }
}

/** Removes containers left by workers on this host that are no longer running (crashes, kill -9). */
export async function removeOrphans(docker: Docker, host: string, isAlive: (pid: number) => boolean): Promise<number> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${CONTAINER_LABEL}.host=${host}`] } });
  let removed = 0;
  for (const c of list) {
    const pid = Number(c.Labels[`${CONTAINER_LABEL}.pid`]);
    if (pid && pid !== process.pid && isAlive(pid)) continue;
    if (pid === process.pid) continue;
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => {});
    removed++;
  }
  return removed;
}
