// AI help for students: tiered hints (nudge → approach → pseudo-code), each unlocked in order and
// paid for in XP once, and a review of a judged submission. Offline, hints are the problem
// author's and the review is built from the judge's results and static checks.
import type { Db } from '@roguelearn/db';
import type { z } from 'zod';
import { DomainError, notFound } from '../../errors';
import type { hintInput, reviewInput } from '../../schemas/ai';
import type { SessionUser } from '../auth/service';
import { applyEvent } from '../character/rules';
import { aiGateway } from './gateway';
import { offlineHint, offlineReview, type ReviewFacts } from './offline';
import { hintOutput, reviewOutput } from './outputs';

export const HINT_LABELS: Record<number, string> = { 1: 'Nudge', 2: 'Approach', 3: 'Pseudo-code' };
/** XP cost of a tier the author did not write (author-written hints carry their own cost). */
const DEFAULT_COST = (tier: number) => 5 * tier;

const isStaff = (u: SessionUser) => u.role === 'INSTRUCTOR' || u.role === 'ADMIN';

/** The class whose AI quota a request counts against: the one given (if the user belongs to it) or their first. */
export async function quotaClass(db: Db, user: SessionUser, classId?: string): Promise<string | null> {
  const member = (id?: string) => ({
    ...(id ? { id } : {}),
    OR: [{ instructorId: user.id }, { enrollments: { some: { userId: user.id } } }],
  });
  if (classId) {
    const c = await db.class.findFirst({ where: member(classId), select: { id: true } });
    if (c) return c.id;
  }
  const first = await db.class.findFirst({ where: member(), orderBy: { createdAt: 'asc' }, select: { id: true } });
  return first?.id ?? null;
}

async function visibleProblem(db: Db, user: SessionUser, problemId: string) {
  const p = await db.problem.findUnique({
    where: { id: problemId },
    select: {
      id: true,
      title: true,
      statement: true,
      constraints: true,
      category: true,
      status: true,
      authorId: true,
      tags: { select: { tag: { select: { slug: true } } } },
    },
  });
  if (!p || (p.status !== 'PUBLISHED' && !isStaff(user) && p.authorId !== user.id)) throw notFound('Problem');
  return { ...p, tags: p.tags.map((t) => t.tag.slug) };
}

/** The hint tiers of a problem for this student: cost, whether unlocked or unlockable, and the author's text once unlocked. */
export async function listHints(db: Db, user: SessionUser, problemId: string) {
  const problem = await visibleProblem(db, user, problemId);
  const hints = await db.hint.findMany({
    where: { problemId },
    select: {
      id: true,
      tier: true,
      xpCost: true,
      content: true,
      unlocks: { where: { userId: user.id }, select: { unlockedAt: true } },
    },
  });
  let previousUnlocked = true;
  return {
    mode: aiGateway().mode,
    tiers: [1, 2, 3].map((tier) => {
      const h = hints.find((x) => x.tier === tier);
      const unlocked = !!h?.unlocks.length;
      const row = {
        tier,
        label: HINT_LABELS[tier],
        xpCost: h?.xpCost ?? DEFAULT_COST(tier),
        authored: !!h,
        unlocked,
        unlockedAt: h?.unlocks[0]?.unlockedAt ?? null,
        canUnlock: !unlocked && previousUnlocked,
        content: unlocked ? (h?.content ?? offlineHint({ ...problem }, tier).hint) : null,
      };
      previousUnlocked = unlocked;
      return row;
    }),
  };
}

const HINT_SYSTEM = `You are a patient programming tutor. Give exactly one hint for the requested tier and no more:
tier 1 (nudge): one or two sentences pointing at the key observation, no algorithm names if avoidable;
tier 2 (approach): the algorithm or technique and why it fits the constraints, no code;
tier 3 (pseudo-code): short language-neutral pseudo-code of the solution, never real code.
The problem author's own hint for this tier is given as guidance; stay consistent with it.`;

export async function getHint(db: Db, user: SessionUser, input: z.infer<typeof hintInput>) {
  const problem = await visibleProblem(db, user, input.problemId);
  if (input.tier > 1) {
    const previous = await db.hintUnlock.findFirst({
      where: { userId: user.id, hint: { problemId: problem.id, tier: input.tier - 1 } },
      select: { hintId: true },
    });
    if (!previous) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `Unlock the tier ${input.tier - 1} hint (${HINT_LABELS[input.tier - 1].toLowerCase()}) first.`,
      );
    }
  }
  // Unlocks are recorded against Hint rows; a tier its author skipped gets the generic offline text.
  const hint = await db.hint.upsert({
    where: { problemId_tier: { problemId: problem.id, tier: input.tier } },
    update: {},
    create: {
      problemId: problem.id,
      tier: input.tier,
      content: offlineHint(problem, input.tier).hint,
      xpCost: DEFAULT_COST(input.tier),
    },
  });
  const created = await db.hintUnlock.createMany({
    data: [{ userId: user.id, hintId: hint.id }],
    skipDuplicates: true,
  });
  let charged = 0;
  if (created.count) {
    const outcome = await applyEvent(db, { type: 'hint.unlocked', userId: user.id, hintId: hint.id });
    charged = Math.max(0, -(outcome.users[0]?.xpDelta ?? 0));
  }
  const prompt = [
    `Problem: ${problem.title}`,
    `Tags: ${problem.tags.join(', ')}`,
    'Statement:',
    problem.statement.slice(0, 12_000),
    'Constraints:',
    problem.constraints.slice(0, 2_000),
    `Requested tier: ${input.tier} (${HINT_LABELS[input.tier]})`,
    `Author's hint for this tier: ${hint.content}`,
  ].join('\n');
  const result = await aiGateway().run(db, {
    feature: 'hint',
    userId: user.id,
    classId: await quotaClass(db, user, input.classId),
    system: HINT_SYSTEM,
    prompt,
    schema: hintOutput,
    offline: () => ({ hint: hint.content }),
  });
  return {
    tier: input.tier,
    label: HINT_LABELS[input.tier],
    content: result.data.hint,
    xpCost: hint.xpCost,
    /** XP taken by this request: the cost the first time, 0 after. */
    charged,
    firstUnlock: created.count > 0,
    mode: result.mode,
    cached: result.cached,
    notice: result.notice,
  };
}

const REVIEW_SYSTEM = `You review a student's competitive-programming submission. Be concrete and kind.
Fill: summary (2-3 sentences), complexity (estimated time and memory complexity with a reason),
bugs (likely causes of the verdict, empty if accepted and correct), performance, style (readability issues),
suggestions (next steps). Never reveal or invent hidden test data. Do not rewrite the whole solution.`;

export async function reviewSubmission(db: Db, user: SessionUser, input: z.infer<typeof reviewInput>) {
  const s = await db.submission.findUnique({
    where: { id: input.submissionId },
    select: {
      id: true,
      userId: true,
      kind: true,
      status: true,
      language: true,
      code: true,
      verdict: true,
      testsPassed: true,
      testsTotal: true,
      timeMs: true,
      memoryKb: true,
      compileOutput: true,
      stderr: true,
      problem: { select: { title: true, statement: true, constraints: true, timeLimitMs: true, memoryLimitKb: true } },
      results: {
        orderBy: { ordinal: 'asc' },
        select: {
          ordinal: true,
          verdict: true,
          timeMs: true,
          memoryKb: true,
          testCase: { select: { isSample: true } },
        },
      },
    },
  });
  if (!s || (s.userId !== user.id && !isStaff(user))) throw notFound('Submission');
  if (s.status !== 'DONE') {
    throw new DomainError(
      'PRECONDITION_FAILED',
      'This submission is still being judged; ask for a review once it has a verdict.',
    );
  }
  const facts: ReviewFacts = {
    language: s.language,
    code: s.code,
    verdict: s.verdict,
    testsPassed: s.testsPassed,
    testsTotal: s.testsTotal,
    timeMs: s.timeMs,
    memoryKb: s.memoryKb,
    compileOutput: s.compileOutput,
    stderr: s.stderr,
    results: s.results.map((r) => ({
      ordinal: r.ordinal,
      verdict: r.verdict,
      timeMs: r.timeMs,
      memoryKb: r.memoryKb,
      sample: r.testCase?.isSample ?? false,
    })),
    problem: s.problem
      ? { title: s.problem.title, timeLimitMs: s.problem.timeLimitMs, memoryLimitKb: s.problem.memoryLimitKb }
      : null,
  };
  // Only verdicts, times and memory of tests go to the model: never hidden inputs or outputs.
  const prompt = [
    s.problem
      ? `Problem: ${s.problem.title}\n${s.problem.statement.slice(0, 8_000)}\nConstraints:\n${s.problem.constraints.slice(0, 2_000)}`
      : 'Custom run (no problem).',
    s.problem ? `Limits: ${s.problem.timeLimitMs} ms, ${Math.round(s.problem.memoryLimitKb / 1024)} MB` : '',
    `Language: ${s.language}`,
    `Verdict: ${s.verdict ?? 'none'} (${s.testsPassed}/${s.testsTotal} tests passed)`,
    `Per test: ${facts.results.map((r) => `#${r.ordinal + 1}${r.sample ? '(sample)' : ''} ${r.verdict} ${r.timeMs}ms ${r.memoryKb}KB`).join('; ')}`,
    s.compileOutput ? `Compiler output:\n${s.compileOutput.slice(0, 2_000)}` : '',
    'Code:',
    '```',
    s.code.slice(0, 20_000),
    '```',
  ]
    .filter(Boolean)
    .join('\n');
  const result = await aiGateway().run(db, {
    feature: 'review',
    userId: user.id,
    classId: await quotaClass(db, user, input.classId),
    system: REVIEW_SYSTEM,
    prompt,
    schema: reviewOutput,
    offline: () => offlineReview(facts),
  });
  return {
    submissionId: s.id,
    verdict: s.verdict,
    review: result.data,
    mode: result.mode,
    cached: result.cached,
    notice: result.notice,
  };
}
