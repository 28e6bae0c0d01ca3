// Live views over SSE, fed by LISTEN/NOTIFY so they work across web replicas: a duel (both
// players' progress, "typing", the result), my open duels (incoming challenges, queue), and a
// contest scoreboard. Each stream yields the current state at once, then again whenever a NOTIFY
// (or a server-side deadline: countdown over, time up, freeze) may have changed it.
import type { Db } from '@roguelearn/db';
import type { Notifier } from '@roguelearn/db/notify';
import { SUBMISSIONS_CHANNEL } from '@roguelearn/db/queue';
import type { SessionUser } from '../auth/service';
import { scoreboard } from './contest';
import {
  DUEL,
  type DuelView,
  getDuel,
  listDuels,
  markLeft,
  markPresent,
  pendingBattleSubmissions,
  queueStatus,
} from './duel';
import { BATTLES_CHANNEL, CONTESTS_CHANNEL, inbox, parseJson } from './shared';

/** Re-check at least this often, in case a NOTIFY was missed while the connection was down. */
const RECHECK_MS = 5000;

const same = (a: object, b: object) => {
  const strip = (v: object) => JSON.stringify({ ...v, serverNow: null });
  return strip(a) === strip(b);
};

const isOver = (d: DuelView) => d.status === 'FINISHED' || d.status === 'CANCELLED';

/** Milliseconds until the next moment the duel changes by the clock alone (capped at RECHECK_MS). */
function untilNextDeadline(d: DuelView, now = Date.now()) {
  const moments = [
    d.startedAt,
    d.endsAt,
    d.endsAt ? new Date(d.endsAt.getTime() + DUEL.judgeGraceMs) : null,
    ...d.players.map((p) => p.awayUntil),
  ]
    .filter((t): t is Date => !!t && t.getTime() > now)
    .map((t) => t.getTime() - now + 50);
  return Math.min(RECHECK_MS, ...moments);
}

export type DuelEvent = { type: 'state'; duel: DuelView } | { type: 'typing'; userId: string };

/**
 * A duel, live. For a player, an open stream is also their presence: when it closes, the forfeit
 * grace period starts; while any of their streams is open, it is lifted.
 */
export async function* duelStream(
  db: Db,
  user: SessionUser,
  battleId: string,
  notifier: Notifier | undefined,
  signal?: AbortSignal,
): AsyncGenerator<DuelEvent> {
  let view = await getDuel(db, user, battleId);
  const player = view.players.some((p) => p.user.id === user.id);
  const away = () => view.players.find((p) => p.user.id === user.id)?.awayUntil;
  if (player && away() && (await markPresent(db, battleId, user.id))) view = await getDuel(db, user, battleId);
  yield { type: 'state', duel: view };
  if (!notifier || isOver(view)) return;

  let pending = await pendingBattleSubmissions(db, battleId);
  const box = inbox<{ typing: string | null }>(
    notifier,
    {
      [BATTLES_CHANNEL]: (payload) => {
        const m = parseJson(payload) as { b?: string; t?: string } | null;
        return m?.b === battleId ? { typing: m.t ?? null } : null;
      },
      // Test-by-test progress of the duel's submissions (the judge NOTIFYs each result).
      [SUBMISSIONS_CHANNEL]: (id) => (pending.has(id) ? { typing: null } : null),
    },
    signal,
  );
  try {
    while (!signal?.aborted) {
      const events = await box.next(untilNextDeadline(view));
      if (signal?.aborted) break;
      for (const e of events) if (e.typing && e.typing !== user.id) yield { type: 'typing', userId: e.typing };
      if (events.length && events.every((e) => e.typing)) continue;
      let next = await getDuel(db, user, battleId);
      if (player && next.players.find((p) => p.user.id === user.id)?.awayUntil) {
        // Another tab of ours closed, but this one is still here.
        await markPresent(db, battleId, user.id);
        next = await getDuel(db, user, battleId);
      }
      pending = await pendingBattleSubmissions(db, battleId);
      if (!same(view, next)) yield { type: 'state', duel: next };
      view = next;
      if (isOver(view)) return;
    }
  } finally {
    box.close();
    if (player && !isOver(view)) await markLeft(db, battleId, user.id).catch(() => {});
  }
}

/** My open duels and queue state, live: incoming challenges, a match found, a duel starting. */
export async function* myDuelsStream(db: Db, user: SessionUser, notifier: Notifier | undefined, signal?: AbortSignal) {
  const snapshot = async () => ({
    duels: (await listDuels(db, user, { status: 'open', limit: 20 })).items,
    queue: await queueStatus(db, user),
  });
  let current = await snapshot();
  yield current;
  if (!notifier) return;
  const box = inbox<true>(
    notifier,
    {
      [BATTLES_CHANNEL]: (payload) => {
        const m = parseJson(payload) as { u?: string[]; t?: string } | null;
        return !m?.t && m?.u?.includes(user.id) ? true : null;
      },
    },
    signal,
  );
  try {
    while (!signal?.aborted) {
      await box.next(15_000);
      if (signal?.aborted) break;
      const next = await snapshot();
      if (JSON.stringify(next) !== JSON.stringify(current)) yield next;
      current = next;
    }
  } finally {
    box.close();
  }
}

/** A contest scoreboard, live, as `viewer` may see it (frozen or not, virtual time or not). */
export async function* scoreboardStream(
  db: Db,
  viewer: SessionUser | null,
  contestId: string,
  includeVirtual: boolean,
  notifier: Notifier | undefined,
  signal?: AbortSignal,
) {
  let board = await scoreboard(db, viewer, contestId, includeVirtual);
  yield board;
  if (!notifier) return;
  const pendingOf = async () =>
    new Set(
      (await db.submission.findMany({ where: { contestId, status: { not: 'DONE' } }, select: { id: true } })).map(
        (s) => s.id,
      ),
    );
  let pending = await pendingOf();
  const box = inbox<true>(
    notifier,
    {
      [CONTESTS_CHANNEL]: (id) => (id === contestId ? true : null),
      [SUBMISSIONS_CHANNEL]: (id) => (pending.has(id) ? true : null),
    },
    signal,
  );
  try {
    while (!signal?.aborted) {
      const events = await box.next(board.virtualMinutes !== null ? RECHECK_MS : 3 * RECHECK_MS);
      if (signal?.aborted) break;
      // A burst of verdicts (one NOTIFY per test) becomes one recomputation.
      if (events.length) await box.next(250);
      const next = await scoreboard(db, viewer, contestId, includeVirtual);
      pending = await pendingOf();
      if (!same(board, next)) yield next;
      board = next;
    }
  } finally {
    box.close();
  }
}
