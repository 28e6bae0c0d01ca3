// The contest scoreboard, computed from submissions (never from anything a client sent), free of
// I/O. One function serves every view: live, frozen for contestants, unfrozen for staff and after
// the end, and "as of the same relative time" for a virtual participant.
//
// ICPC: a problem counts its points when solved; penalty = minutes from the contestant's start to
//   the first accepted submission + 20 per rejected attempt before it (compile errors and judge
//   errors cost nothing). Rank by points (= problems solved when every problem is worth the
//   same), then penalty.
// IOI: a problem counts its best submission's partial score (Submission.score, 0–100, from test
//   groups) scaled to the problem's points; rank by total, ties share the place.

export const ICPC_PENALTY_MINUTES = 20;
/** Verdicts that are not the contestant's fault or not a real attempt: no penalty. */
const FREE_VERDICTS = new Set(['CE', 'IE', 'SKIPPED']);

export interface SbContest {
  scoring: 'ICPC' | 'IOI';
  startsAt: Date;
  endsAt: Date;
  freezeMinutes: number;
}
export interface SbProblem {
  problemId: string;
  label: string;
  points: number;
  ordinal: number;
}
export interface SbParticipant {
  userId: string;
  kind: 'OFFICIAL' | 'VIRTUAL';
  virtualStart: Date | null;
  user: { id: string; username: string; displayName: string };
}
export interface SbSubmission {
  id: string;
  userId: string;
  problemId: string | null;
  createdAt: Date;
  status: 'QUEUED' | 'RUNNING' | 'DONE';
  verdict: string | null;
  score: number;
}
export interface SbView {
  /** Hide the results of other official contestants' submissions made during the freeze. */
  frozen: boolean;
  /** Count only submissions made this many ms after each contestant's own start (virtual view). */
  cutoffMs: number | null;
  /** Whose row is never frozen (you know your own verdicts). */
  viewerId: string | null;
  includeVirtual: boolean;
  /** A virtual participant's own row is always included in their view. */
  alwaysInclude?: { userId: string; kind: 'OFFICIAL' | 'VIRTUAL' } | null;
}

export interface Cell {
  label: string;
  solved: boolean;
  /** Attempts whose result is visible (rejected ones, plus the accepted one). */
  attempts: number;
  /** Attempts being judged, or hidden by the freeze. */
  pending: number;
  /** ICPC: minutes from start to the accepted submission. */
  minutes: number | null;
  /** Points earned on this problem. */
  points: number;
  /** IOI: best partial score 0–100. */
  best: number;
  penalty: number;
  firstSolve: boolean;
}

export interface Row {
  rank: number;
  user: { id: string; username: string; displayName: string };
  kind: 'OFFICIAL' | 'VIRTUAL';
  score: number;
  solved: number;
  penalty: number;
  cells: Cell[];
}

export function computeScoreboard(
  contest: SbContest,
  problems: SbProblem[],
  participants: SbParticipant[],
  submissions: SbSubmission[],
  view: SbView,
) {
  const duration = contest.endsAt.getTime() - contest.startsAt.getTime();
  const freezeAt = duration - contest.freezeMinutes * 60_000;
  const ordered = [...problems].sort((a, b) => a.ordinal - b.ordinal);
  const byUser = new Map<string, SbSubmission[]>();
  for (const s of [...submissions].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  )) {
    const list = byUser.get(s.userId) ?? [];
    list.push(s);
    byUser.set(s.userId, list);
  }

  const included = participants.filter(
    (p) =>
      p.kind === 'OFFICIAL' ||
      view.includeVirtual ||
      (view.alwaysInclude?.userId === p.userId && view.alwaysInclude.kind === p.kind),
  );

  const rows: Row[] = included.map((p) => {
    const start = p.kind === 'OFFICIAL' ? contest.startsAt.getTime() : (p.virtualStart?.getTime() ?? Number.NaN);
    const hideLate = view.frozen && p.kind === 'OFFICIAL' && p.userId !== view.viewerId;
    const mine = (byUser.get(p.userId) ?? [])
      .map((s) => ({ s, elapsed: s.createdAt.getTime() - start }))
      .filter(
        ({ elapsed }) => elapsed >= 0 && elapsed <= duration && (view.cutoffMs === null || elapsed <= view.cutoffMs),
      );
    const cells = ordered.map((prob): Cell => {
      const cell: Cell = {
        label: prob.label,
        solved: false,
        attempts: 0,
        pending: 0,
        minutes: null,
        points: 0,
        best: 0,
        penalty: 0,
        firstSolve: false,
      };
      let rejected = 0;
      for (const { s, elapsed } of mine) {
        if (s.problemId !== prob.problemId) continue;
        const hidden = hideLate && elapsed >= freezeAt;
        if (contest.scoring === 'ICPC') {
          if (cell.solved) break;
          // After an attempt whose result is unknown, later ones are unknown too.
          if (hidden || s.status !== 'DONE' || cell.pending) {
            cell.pending++;
            continue;
          }
          if (s.verdict === 'AC') {
            cell.solved = true;
            cell.attempts++;
            cell.minutes = Math.floor(elapsed / 60_000);
            cell.penalty = cell.minutes + ICPC_PENALTY_MINUTES * rejected;
            cell.points = prob.points;
          } else if (!FREE_VERDICTS.has(s.verdict ?? '')) {
            rejected++;
            cell.attempts++;
          }
        } else {
          if (hidden || s.status !== 'DONE') {
            cell.pending++;
            continue;
          }
          if (FREE_VERDICTS.has(s.verdict ?? '')) continue;
          cell.attempts++;
          const score = s.verdict === 'AC' ? 100 : Math.max(0, Math.min(100, s.score));
          if (score > cell.best) {
            cell.best = score;
            cell.minutes = Math.floor(elapsed / 60_000);
          }
        }
      }
      if (contest.scoring === 'IOI') {
        cell.solved = cell.best >= 100;
        cell.points = Math.round((cell.best / 100) * prob.points * 100) / 100;
      }
      return cell;
    });
    const score = Math.round(cells.reduce((sum, c) => sum + c.points, 0) * 100) / 100;
    return {
      rank: 0,
      user: p.user,
      kind: p.kind,
      score,
      solved: cells.filter((c) => c.solved).length,
      penalty: contest.scoring === 'ICPC' ? cells.reduce((sum, c) => sum + c.penalty, 0) : 0,
      cells,
    };
  });

  rows.sort(
    (a, b) =>
      b.score - a.score ||
      a.penalty - b.penalty ||
      Number(a.kind === 'VIRTUAL') - Number(b.kind === 'VIRTUAL') ||
      a.user.username.localeCompare(b.user.username),
  );
  for (const [i, r] of rows.entries()) {
    const prev = rows[i - 1];
    r.rank = prev && prev.score === r.score && prev.penalty === r.penalty ? prev.rank : i + 1;
  }

  // First to solve each problem, among official rows (ICPC tradition; IOI: first full score).
  const problemStats = ordered.map((prob, i) => {
    let first: Row | null = null;
    for (const r of rows) {
      const c = r.cells[i];
      if (!c.solved || r.kind !== 'OFFICIAL' || c.minutes === null) continue;
      if (!first || c.minutes < (first.cells[i].minutes as number)) first = r;
    }
    if (first) first.cells[i].firstSolve = true;
    return {
      label: prob.label,
      points: prob.points,
      solved: rows.filter((r) => r.cells[i].solved).length,
      attempted: rows.filter((r) => r.cells[i].attempts + r.cells[i].pending > 0).length,
    };
  });

  return { scoring: contest.scoring, problems: problemStats, rows };
}
