// Fair play: a flag when two contestants' accepted code is near-identical. The similarity is a
// Jaccard index over token 5-grams after normalising away what copying usually changes: comments,
// whitespace, identifier names, literal values. Renaming variables or reformatting does not hide
// a copy; two honest solutions of a short problem can still look alike, so tiny programs are not
// compared and a flag is a prompt for an instructor's review (PlagiarismPair.review), not a verdict.
import type { Db } from '@roguelearn/db';
import { forbidden, notFound } from '../../errors';
import type { SessionUser } from '../auth/service';
import { publicUserSelect } from './shared';

const KEYWORDS = new Set(
  (
    'if else elif for while do return break continue switch case default try catch except finally throw raise ' +
    'def class struct function fn lambda new delete import from include using namespace public private protected ' +
    'static const let var final void int long short char bool boolean float double string auto unsigned signed ' +
    'true false null None True False nil this self in not and or is pass yield async await with as global ' +
    'template typename typedef sizeof extends implements interface enum package'
  ).split(' '),
);

/** Tokens of `code` with comments, layout, names and literal values normalised away. */
export function normalizedTokens(code: string): string[] {
  const stripped = code
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/("""|''')[\s\S]*?\1/g, ' S ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/#[^\n]*/g, ' ');
  const tokens: string[] = [];
  const re = /"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`|\d[\w.]*|[A-Za-z_$][\w$]*|[^\s\w]/g;
  for (const m of stripped.matchAll(re)) {
    const t = m[0];
    if (/^["'`]/.test(t)) tokens.push('S');
    else if (/^\d/.test(t)) tokens.push('N');
    else if (/^[A-Za-z_$]/.test(t)) tokens.push(KEYWORDS.has(t) ? t : 'I');
    else tokens.push(t);
  }
  return tokens;
}

export function shingles(tokens: string[], k = 5): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + k <= tokens.length; i++) out.add(tokens.slice(i, i + k).join(' '));
  return out;
}

/** Below this many tokens, programs are too short for similarity to mean anything. */
export const MIN_TOKENS = 25;

/** Jaccard similarity of two programs' normalised token 5-grams, 0…1; null when too short to judge. */
export function codeSimilarity(a: string, b: string): number | null {
  const ta = normalizedTokens(a);
  const tb = normalizedTokens(b);
  if (ta.length < MIN_TOKENS || tb.length < MIN_TOKENS) return null;
  const sa = shingles(ta);
  const sb = shingles(tb);
  let common = 0;
  for (const s of sa) if (sb.has(s)) common++;
  const union = sa.size + sb.size - common;
  return union === 0 ? 0 : common / union;
}

/**
 * Compares every pair of official contestants' latest accepted submissions per problem and stores
 * a PlagiarismReport with a PlagiarismPair for each pair at or above `threshold`.
 */
export async function checkContestIntegrity(db: Db, me: SessionUser, contestId: string, threshold = 0.8) {
  const c = await db.contest.findUnique({
    where: { id: contestId },
    select: { id: true, startsAt: true, endsAt: true, createdById: true },
  });
  if (!c) throw notFound('Contest');
  if (me.role !== 'ADMIN' && !(me.role === 'INSTRUCTOR' && c.createdById === me.id)) {
    throw forbidden('Only the contest’s author or an administrator can do that');
  }
  const problems = await db.contestProblem.findMany({ where: { contestId }, select: { problemId: true, label: true } });
  const accepted = await db.submission.findMany({
    where: { contestId, verdict: 'AC', kind: 'SUBMIT', createdAt: { gte: c.startsAt, lte: c.endsAt } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, userId: true, problemId: true, code: true },
  });
  const pairs: { a: (typeof accepted)[number]; b: (typeof accepted)[number]; similarity: number; label: string }[] = [];
  for (const p of problems) {
    const latest = new Map<string, (typeof accepted)[number]>();
    for (const s of accepted) if (s.problemId === p.problemId && !latest.has(s.userId)) latest.set(s.userId, s);
    const subs = [...latest.values()];
    for (let i = 0; i < subs.length; i++) {
      for (let j = i + 1; j < subs.length; j++) {
        const sim = codeSimilarity(subs[i].code, subs[j].code);
        if (sim !== null && sim >= threshold) pairs.push({ a: subs[i], b: subs[j], similarity: sim, label: p.label });
      }
    }
  }
  const report = await db.plagiarismReport.create({
    data: {
      contestId,
      threshold,
      status: 'DONE',
      createdById: me.id,
      completedAt: new Date(),
      pairs: {
        create: pairs.map((p) => ({
          submissionAId: p.a.id,
          submissionBId: p.b.id,
          similarity: p.similarity,
          fragments: [{ label: p.label }],
        })),
      },
    },
    select: { id: true },
  });
  return integrityReport(db, me, contestId, report.id);
}

/** The latest (or given) integrity report of a contest, with who and which problem. */
export async function integrityReport(db: Db, me: SessionUser, contestId: string, reportId?: string) {
  const c = await db.contest.findUnique({ where: { id: contestId }, select: { createdById: true } });
  if (!c) throw notFound('Contest');
  if (me.role !== 'ADMIN' && !(me.role === 'INSTRUCTOR' && c.createdById === me.id)) {
    throw forbidden('Only the contest’s author or an administrator can do that');
  }
  const report = await db.plagiarismReport.findFirst({
    where: { contestId, ...(reportId ? { id: reportId } : {}) },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      threshold: true,
      status: true,
      createdAt: true,
      completedAt: true,
      pairs: {
        orderBy: { similarity: 'desc' },
        select: {
          id: true,
          similarity: true,
          fragments: true,
          review: true,
          submissionA: { select: { id: true, language: true, user: { select: publicUserSelect } } },
          submissionB: { select: { id: true, language: true, user: { select: publicUserSelect } } },
        },
      },
    },
  });
  if (!report) return null;
  return {
    ...report,
    pairs: report.pairs.map(({ fragments, ...p }) => ({
      ...p,
      similarity: Math.round(p.similarity * 1000) / 1000,
      label: (Array.isArray(fragments) && (fragments[0] as { label?: string } | undefined)?.label) || null,
    })),
  };
}
