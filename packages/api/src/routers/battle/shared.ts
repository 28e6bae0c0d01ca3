// Helpers shared by duels, contests and ratings: channels, role checks, locked rating rows, and
// a small inbox over the process's LISTEN connection for the live subscriptions.
import type { Db, DbTx, RatingKind } from '@roguelearn/db';
import type { Notifier } from '@roguelearn/db/notify';
import type { SessionUser } from '../auth/service';

/** NOTIFY payload: `{"b": battleId, "u": [userIds], "t"?: typingUserId}`. */
export const BATTLES_CHANNEL = 'battle_updates';
/** NOTIFY payload: a contest id (its scoreboard may have changed). */
export const CONTESTS_CHANNEL = 'contest_updates';

export const isStaff = (u: Pick<SessionUser, 'role'> | null | undefined) =>
  u?.role === 'INSTRUCTOR' || u?.role === 'ADMIN';

export const publicUserSelect = { id: true, username: true, displayName: true } as const;

/** Runs `fn` in a transaction long enough for lock waits under contention. */
export function tx<T>(db: Db, fn: (tx: DbTx) => Promise<T>): Promise<T> {
  return db.$transaction(fn, { maxWait: 10_000, timeout: 20_000 });
}

export async function publishBattle(t: DbTx, battleId: string, userIds: string[], typing?: string) {
  const payload = JSON.stringify({ b: battleId, u: userIds, ...(typing ? { t: typing } : {}) });
  await t.$executeRaw`SELECT pg_notify(${BATTLES_CHANNEL}, ${payload})`;
}

export async function publishContest(t: DbTx, contestId: string) {
  await t.$executeRaw`SELECT pg_notify(${CONTESTS_CHANNEL}, ${contestId})`;
}

export interface RatingRow {
  userId: string;
  rating: number;
  deviation: number;
  volatility: number;
  gamesPlayed: number;
  updatedAt: Date;
}

/**
 * The rating rows of `userIds` for `kind`, created at the defaults if missing and locked FOR
 * UPDATE (in user id order, so two transactions can't deadlock) until the transaction ends.
 */
export async function lockRatings(t: DbTx, userIds: string[], kind: RatingKind): Promise<Map<string, RatingRow>> {
  const ids = [...new Set(userIds)].sort();
  if (!ids.length) return new Map();
  await t.rating.createMany({ data: ids.map((userId) => ({ userId, kind })), skipDuplicates: true });
  const rows = await t.$queryRaw<RatingRow[]>`
    SELECT "userId", rating, deviation, volatility, "gamesPlayed", "updatedAt" FROM "Rating"
     WHERE "userId" = ANY(${ids}::uuid[]) AND kind = ${kind}::"RatingKind"
     ORDER BY "userId" FOR UPDATE`;
  return new Map(rows.map((r) => [r.userId, r]));
}

/**
 * Payloads from several channels, queued until the subscription loop asks for them. `next`
 * sleeps until something arrives, `timeoutMs` passes (a periodic re-check in case a NOTIFY was
 * missed while the connection was down) or the client goes away.
 */
export function inbox<T>(
  notifier: Notifier,
  channels: Record<string, (payload: string) => T | null>,
  signal?: AbortSignal,
) {
  const queue: T[] = [];
  let wake: (() => void) | null = null;
  const unsubscribes = Object.entries(channels).map(([channel, parse]) =>
    notifier.subscribe(channel, (payload) => {
      const value = parse(payload);
      if (value === null) return;
      queue.push(value);
      wake?.();
    }),
  );
  return {
    async next(timeoutMs: number): Promise<T[]> {
      if (!queue.length && !signal?.aborted) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            wake = null;
            resolve();
          };
          const timer = setTimeout(done, Math.max(0, timeoutMs));
          wake = done;
          signal?.addEventListener('abort', done, { once: true });
        });
      }
      return queue.splice(0);
    },
    close() {
      for (const u of unsubscribes) u();
    },
  };
}

export function parseJson(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return null;
  }
}

/** Problem fields a contestant may see: statement and samples, never hidden tests. */
export const statementSelect = {
  id: true,
  slug: true,
  title: true,
  statement: true,
  inputFormat: true,
  outputFormat: true,
  constraints: true,
  difficulty: true,
  timeLimitMs: true,
  memoryLimitKb: true,
  starterCode: { select: { language: true, code: true } },
  testCases: {
    where: { isSample: true },
    orderBy: { ordinal: 'asc' },
    select: { ordinal: true, input: true, expectedOutput: true, explanation: true },
  },
} as const;

export function shapeStatement<T extends { testCases: unknown[] }>(p: T) {
  const { testCases, ...rest } = p;
  return { ...rest, samples: testCases };
}
