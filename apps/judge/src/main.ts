// The judge process: probes languages, prepares the sandbox image, removes containers orphaned
// by a crashed predecessor, then runs workers that claim jobs from PostgreSQL.
import os from 'node:os';
import { createPrisma } from '@roguelearn/db';
import { createNotifier } from '@roguelearn/db/notify';
import { SUBMISSIONS_CHANNEL } from '@roguelearn/db/queue';
import { createLogger, createOpsServer, createRegistry, listen, onShutdown, promClient } from '@roguelearn/service';
import { type LanguageStatus, probeLanguages } from './available';
import { connectDocker, dockerStatus } from './docker';
import { ensureHostImage } from './images';
import { judge0Routes } from './judge0';
import type { Runtime } from './languages';
import { removeOrphans } from './sandbox';
import { startWorker } from './worker';

const log = createLogger('judge');
const url = process.env.DATABASE_URL;
if (!url) {
  log.error('DATABASE_URL is required (scripts/start.mjs sets it for the embedded database)');
  process.exit(1);
}
const runtime = (process.env.JUDGE_RUNTIME ?? 'host') as Runtime;
const concurrency = Number(process.env.JUDGE_CONCURRENCY ?? Math.max(1, os.cpus().length - 1));
const db = createPrisma(url);
const docker = connectDocker();
const registry = createRegistry('judge');
const workerId = `${os.hostname()}:${process.pid}`;

new promClient.Gauge({
  name: 'judge_queue_depth',
  help: 'Judge jobs waiting to be claimed',
  registers: [registry],
  async collect() {
    this.set(await db.judgeJob.count({ where: { status: 'PENDING' } }));
  },
});
const judged = new promClient.Counter({
  name: 'judge_jobs_total',
  help: 'Jobs judged',
  labelNames: ['verdict'],
  registers: [registry],
});
const failures = new promClient.Counter({
  name: 'judge_job_failures_total',
  help: 'Judging attempts that failed',
  registers: [registry],
});
const sandboxSeconds = new promClient.Histogram({
  name: 'judge_sandbox_seconds',
  help: 'Time a submission spent in its sandbox',
  buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
  registers: [registry],
});
const busy = new promClient.Gauge({ name: 'judge_busy_slots', help: 'Slots judging right now', registers: [registry] });

const d = await dockerStatus(docker);
let available = new Set<string>();
let langs: LanguageStatus[] = [];
let worker: ReturnType<typeof startWorker> | null = null;
if (d.ok) {
  const removed = await removeOrphans(docker, os.hostname(), (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  if (removed) log.warn('removed orphaned sandbox containers', { removed });
  const hostImage = runtime === 'host' ? await ensureHostImage(docker, (m) => log.info(m)) : '';
  langs = await probeLanguages(docker, runtime);
  available = new Set(langs.filter((l) => l.available).map((l) => l.language.id));
  for (const l of langs) {
    if (l.available) log.info('language available', { id: l.language.id, version: l.version });
    else log.warn('language unavailable', { id: l.language.id, reason: l.reason });
  }
  worker = startWorker({
    db,
    databaseUrl: url,
    workerId,
    available,
    concurrency,
    leaseMs: Number(process.env.JUDGE_LEASE_MS ?? 30_000),
    pollMs: Number(process.env.JUDGE_POLL_MS ?? 2000),
    log,
    sandbox: { docker, runtime, hostImage, owner: { host: os.hostname(), pid: process.pid, worker: workerId } },
    onJudged: (o) => {
      judged.inc({ verdict: o.verdict ?? 'OK' });
      sandboxSeconds.observe(o.sandboxMs / 1000);
      busy.set(worker?.busy() ?? 0);
    },
    onFailure: () => failures.inc(),
  });
} else {
  log.warn('docker engine unreachable; submissions wait in the queue until a judge with Docker runs', {
    error: d.error,
  });
}

const notifier = createNotifier(url, (err) => log.warn('listen connection error', { err }));
const server = createOpsServer({
  registry,
  log,
  // The Judge0-compatible API, so existing Judge0 clients can use this judge.
  routes: [
    judge0Routes({
      db,
      languages: () => langs,
      subscribe: (fn) => notifier.subscribe(SUBMISSIONS_CHANNEL, fn),
      apiKeyHeader: process.env.JUDGE0_AUTHN_HEADER,
      log,
    }),
  ],
  async health() {
    await db.$queryRaw`SELECT 1`;
    const docker_ = await dockerStatus(docker);
    return {
      db: 'up',
      docker: docker_.ok ? `up (${docker_.version})` : `down: ${docker_.error}`,
      worker: workerId,
      concurrency: worker ? concurrency : 0,
      languages: [...available],
    };
  },
});
const port = await listen(server, Number(process.env.JUDGE_PORT ?? 2358), process.env.JUDGE_HOST ?? '0.0.0.0');
log.info('listening', { port, runtime, concurrency, workerId });

onShutdown(
  log,
  async () => {
    await worker?.stop(Number(process.env.JUDGE_SHUTDOWN_GRACE_MS ?? 20_000));
    await new Promise<void>((r) => server.close(() => r()));
    await db.$disconnect();
  },
  60_000,
);
