// Turns a claimed job into a verdict: loads the submission and its tests, runs them in the
// sandbox, writes each test's result as it arrives (so students watch progress live), then
// writes the verdict fenced by the lease.
import type { Db, Prisma, Verdict } from '@roguelearn/db';
import { type ClaimedJob, completeJob, notifySubmission } from '@roguelearn/db/queue';
import { languageById } from './languages';
import { runInSandbox, type SandboxEvent, type SandboxJob, type SandboxOptions, type TestVerdict } from './sandbox';

const OUTPUT_HEAD = 4096;
/** Limits for runs without a problem and without their own (the language's time factor applies). */
export const DEFAULT_LIMITS = { cpuMs: 2000, memoryKb: 262_144 };

export interface JudgeDeps {
  db: Db;
  sandbox: SandboxOptions;
  workerId: string;
  /** Language ids this worker can run (probed at start). */
  available: Set<string>;
}

export interface JudgeOutcome {
  status: 'judged' | 'lost-lease';
  verdict: Verdict | null;
  sandboxMs: number;
}

/** Overall verdict: the first failing test's, in test order; AC when every test passed. */
export function overallVerdict(results: { verdict: TestVerdict }[]): Verdict {
  const failed = results.find((r) => r.verdict !== 'AC' && r.verdict !== 'SKIPPED');
  return (failed?.verdict as Verdict | undefined) ?? 'AC';
}

/**
 * Partial score out of 100: a group's weight counts only when every test in it passed (IOI
 * style); tests outside groups count by their own weight.
 */
export function score(
  tests: { ordinal: number; weight: number; groupId: string | null }[],
  groups: { id: string; weight: number }[],
  passed: Set<number>,
): number {
  let total = 0;
  let earned = 0;
  for (const g of groups) {
    const members = tests.filter((t) => t.groupId === g.id);
    if (!members.length) continue;
    total += g.weight;
    if (members.every((t) => passed.has(t.ordinal))) earned += g.weight;
  }
  for (const t of tests.filter((t) => !t.groupId || !groups.some((g) => g.id === t.groupId))) {
    total += t.weight;
    if (passed.has(t.ordinal)) earned += t.weight;
  }
  return total === 0 ? 0 : Math.round((earned / total) * 10000) / 100;
}

function head(s: string): string {
  return s.length > OUTPUT_HEAD ? `${s.slice(0, OUTPUT_HEAD)}\n… (truncated)` : s;
}

export async function judgeJob(deps: JudgeDeps, job: ClaimedJob, signal?: AbortSignal): Promise<JudgeOutcome> {
  const { db } = deps;
  const submission = await db.submission.findUniqueOrThrow({
    where: { id: job.submissionId },
    include: {
      problem: { include: { testCases: { orderBy: { ordinal: 'asc' } }, testGroups: true } },
      contest: { select: { id: true, scoring: true } },
    },
  });
  const language = languageById(submission.language);
  const finish = (data: Prisma.SubmissionUpdateInput) =>
    completeJob(db, job.id, deps.workerId, async (tx) => {
      await tx.submission.update({
        where: { id: submission.id },
        data: { status: 'DONE', judgedAt: new Date(), ...data },
      });
      await notifySubmission(tx, submission.id);
    });

  if (!language || !deps.available.has(language.id)) {
    const ok = await finish({
      verdict: 'IE',
      compileOutput: `The language "${submission.language}" is not available on this judge.`,
    });
    return { status: ok ? 'judged' : 'lost-lease', verdict: 'IE', sandboxMs: 0 };
  }

  await db.submission.update({ where: { id: submission.id }, data: { status: 'RUNNING' } });
  await notifySubmission(db, submission.id);

  const isRun = submission.kind === 'RUN';
  const problem = submission.problem;
  const tests = isRun
    ? [
        {
          id: 'run',
          ordinal: 0,
          input: submission.customInput ?? '',
          expectedOutput: '',
          isSample: true,
          weight: 1,
          groupId: null,
        },
      ]
    : (problem?.testCases ?? []);
  const sandboxJob: SandboxJob = {
    language,
    source: submission.code,
    // The sandbox test id is the index into `tests`; ordinals need not be contiguous.
    tests: tests.map((t, i) => ({ id: String(i), input: t.input, expected: t.expectedOutput })),
    cpuMs: submission.cpuLimitMs ?? Math.round((problem?.timeLimitMs ?? DEFAULT_LIMITS.cpuMs) * language.timeFactor),
    memoryKb: submission.memoryLimitKb ?? problem?.memoryLimitKb ?? DEFAULT_LIMITS.memoryKb,
    checker:
      isRun || !problem
        ? { kind: 'exact' }
        : problem.checker === 'CUSTOM' && problem.customChecker
          ? { kind: 'custom', python: problem.customChecker }
          : {
              kind:
                problem.checker === 'CUSTOM'
                  ? 'tokens'
                  : (problem.checker.toLowerCase() as 'exact' | 'tokens' | 'float'),
              tolerance: problem.checkerTolerance ?? 1e-6,
            },
    // ICPC contests stop at the first failure; IOI needs every test for partial scores, and
    // practice runs everything.
    stopOnFail: submission.contest?.scoring === 'ICPC',
  };

  let compile: Extract<SandboxEvent, { type: 'compile' }> | null = null;
  const results: Extract<SandboxEvent, { type: 'test' }>[] = [];
  const started = Date.now();
  await runInSandbox(
    deps.sandbox,
    sandboxJob,
    async (ev) => {
      if (ev.type === 'compile') {
        compile = ev;
        return;
      }
      results.push(ev);
      const test = tests[Number(ev.id)];
      // Output of hidden tests never leaves the judge; a run's own output is the user's.
      const visible = isRun || test.isSample;
      const row = {
        testCaseId: isRun ? null : test.id,
        verdict: ev.verdict as Verdict,
        timeMs: ev.timeMs,
        memoryKb: ev.memoryKb,
        exitCode: ev.exitCode,
        signal: ev.signal ? String(ev.signal) : null,
        stdout: visible ? head(ev.stdout) : null,
        stderr: visible ? head(ev.stderr) : null,
      };
      await db.submissionTestResult.upsert({
        where: { submissionId_ordinal: { submissionId: submission.id, ordinal: test.ordinal } },
        create: { submissionId: submission.id, ordinal: test.ordinal, ...row },
        update: row,
      });
      await db.submission.update({
        where: { id: submission.id },
        data: { testsPassed: results.filter((r) => r.verdict === 'AC').length, testsTotal: tests.length },
      });
      await notifySubmission(db, submission.id);
    },
    signal,
  );
  const sandboxMs = Date.now() - started;
  const compiled = compile as Extract<SandboxEvent, { type: 'compile' }> | null;

  if (compiled && !compiled.ok) {
    const message = compiled.timedOut ? `Compilation exceeded the time limit.\n${compiled.output}` : compiled.output;
    const ok = await finish({ verdict: 'CE', compileOutput: head(message), testsTotal: tests.length, testsPassed: 0 });
    return { status: ok ? 'judged' : 'lost-lease', verdict: 'CE', sandboxMs };
  }

  const timeMs = Math.max(0, ...results.map((r) => r.timeMs));
  const memoryKb = Math.max(0, ...results.map((r) => r.memoryKb));
  if (isRun) {
    const r = results[0];
    // A custom run has no expected output: success is "ran to completion", not a verdict.
    const verdict: Verdict | null = !r || r.verdict === 'AC' || r.verdict === 'WA' ? null : (r.verdict as Verdict);
    const ok = await finish({
      verdict,
      stdout: head(r?.stdout ?? ''),
      stderr: head(r?.stderr ?? ''),
      timeMs,
      memoryKb,
      compileOutput: compiled?.output || null,
    });
    return { status: ok ? 'judged' : 'lost-lease', verdict, sandboxMs };
  }

  const passed = new Set(results.filter((r) => r.verdict === 'AC').map((r) => tests[Number(r.id)].ordinal));
  const verdict = overallVerdict(results);
  const ok = await finish({
    verdict,
    score: score(tests, problem?.testGroups ?? [], passed),
    testsPassed: passed.size,
    testsTotal: tests.length,
    timeMs,
    memoryKb,
    compileOutput: compiled?.output || null,
  });
  return { status: ok ? 'judged' : 'lost-lease', verdict, sandboxMs };
}
