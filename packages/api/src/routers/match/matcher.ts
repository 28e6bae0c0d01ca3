// The matcher: a plain function any web replica may run at any time, concurrently with others.
// One pass (1) expires requests past their expiry, (2) times out proposals nobody answered, and
// (3) pairs compatible waiting requests. Pairing locks the requests it considers with
// FOR UPDATE SKIP LOCKED, so concurrent passes work on disjoint sets; it re-reads nothing
// outside its lock, and a request leaves WAITING in the same transaction that puts it into a
// match, so no request (and, with one WAITING request per user, no user) lands in two matches.
import crypto from 'node:crypto';
import type { Db, Difficulty } from '@roguelearn/db';
import type { Notifier } from '@roguelearn/db/notify';
import { links, notifyMany } from '../notification/service';
import { tx } from '../social/shared';
import { MATCH_QUEUE_CHANNEL, type MatchmakingOptions, withDefaults } from './options';
import { expireOverdueProposals, publishStatus } from './service';

export interface Candidate {
  id: string;
  userId: string;
  difficulty: Difficulty;
  language: string;
  topics: string[];
  skill: number;
  createdAt: Date;
}

type GapOptions = Pick<MatchmakingOptions, 'baseSkillGap' | 'skillGapPerSecond' | 'maxSkillGap'>;

/** The skill gap accepted after waiting `waitMs`: generous enough, eventually, to match anyone. */
export function skillWindow(waitMs: number, o: GapOptions): number {
  return Math.min(o.maxSkillGap, o.baseSkillGap + (o.skillGapPerSecond * Math.max(0, waitMs)) / 1000);
}

/** Same difficulty and language, topics overlapping (or either side open to any), skill close enough. */
export function compatible(a: Candidate, b: Candidate, now: Date, o: GapOptions): boolean {
  if (a.userId === b.userId || a.difficulty !== b.difficulty || a.language !== b.language) return false;
  if (a.topics.length && b.topics.length && !a.topics.some((t) => b.topics.includes(t))) return false;
  const oldest = Math.min(a.createdAt.getTime(), b.createdAt.getTime());
  return Math.abs(a.skill - b.skill) <= skillWindow(now.getTime() - oldest, o);
}

/**
 * Greedy, first come first served: the longest-waiting request takes the compatible partner
 * closest in skill (the older one on a tie), then the next unpaired one chooses, and so on.
 */
export function pairRequests(
  candidates: Candidate[],
  now: Date,
  o: GapOptions,
  avoid: (userA: string, userB: string) => boolean = () => false,
): [Candidate, Candidate][] {
  const queue = [...candidates].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  const taken = new Set<string>();
  const pairs: [Candidate, Candidate][] = [];
  for (const [i, a] of queue.entries()) {
    if (taken.has(a.id)) continue;
    let best: Candidate | null = null;
    for (const b of queue.slice(i + 1)) {
      if (taken.has(b.id) || !compatible(a, b, now, o) || avoid(a.userId, b.userId)) continue;
      if (!best || Math.abs(b.skill - a.skill) < Math.abs(best.skill - a.skill)) best = b;
    }
    if (best) {
      taken.add(a.id).add(best.id);
      pairs.push([a, best]);
    }
  }
  return pairs;
}

export interface MatcherReport {
  expired: number;
  timedOut: number;
  matches: { matchId: string; userIds: [string, string] }[];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** One matcher pass at time `now` (injectable, so tests can make requests age). */
export async function runMatcher(
  db: Db,
  now = new Date(),
  options: Partial<MatchmakingOptions> = {},
): Promise<MatcherReport> {
  const o = withDefaults(options);
  const expired = await tx(db, async (t) => {
    const rows = await t.$queryRaw<{ userId: string }[]>`
      UPDATE "MatchRequest" SET status = 'EXPIRED'
       WHERE id IN (
         SELECT id FROM "MatchRequest"
          WHERE status = 'WAITING' AND "expiresAt" <= ${now}
          LIMIT 1000
          FOR UPDATE SKIP LOCKED)
      RETURNING "userId"`;
    await publishStatus(
      t,
      rows.map((r) => r.userId),
    );
    return rows.length;
  });
  const timedOut = await expireOverdueProposals(db, now);
  const matches = await tx(db, async (t) => {
    const candidates = await t.$queryRaw<Candidate[]>`
      SELECT id, "userId", difficulty::text AS difficulty, language, topics, skill, "createdAt"
        FROM "MatchRequest"
       WHERE status = 'WAITING' AND "expiresAt" > ${now}
       ORDER BY "createdAt", id
       LIMIT ${o.batchSize}
       FOR UPDATE SKIP LOCKED`;
    if (candidates.length < 2) return [];
    const userIds = [...new Set(candidates.map((c) => c.userId))];
    const [blocks, declined] = await Promise.all([
      t.userBlock.findMany({
        where: { blockerId: { in: userIds }, blockedId: { in: userIds } },
        select: { blockerId: true, blockedId: true },
      }),
      t.match.findMany({
        where: {
          status: 'DECLINED',
          createdAt: { gt: new Date(now.getTime() - o.rematchCooldownMs) },
          participants: { some: { userId: { in: userIds } } },
        },
        select: { participants: { select: { userId: true } } },
      }),
    ]);
    // People who blocked each other, or just turned each other down, aren't proposed again.
    const avoid = new Set([
      ...blocks.map((b) => pairKey(b.blockerId, b.blockedId)),
      ...declined.flatMap((m) =>
        m.participants.length === 2 ? [pairKey(m.participants[0].userId, m.participants[1].userId)] : [],
      ),
    ]);
    const pairs = pairRequests(candidates, now, o, (a, b) => avoid.has(pairKey(a, b)));
    if (!pairs.length) return [];
    const made = pairs.map(([a, b]) => ({ matchId: crypto.randomUUID(), a, b }));
    const acceptDeadline = new Date(now.getTime() + o.acceptWindowMs);
    await t.match.createMany({
      data: made.map((m) => ({ id: m.matchId, status: 'PROPOSED', acceptDeadline, createdAt: now })),
    });
    await t.matchParticipant.createMany({
      data: made.flatMap((m) => [
        { matchId: m.matchId, userId: m.a.userId, requestId: m.a.id },
        { matchId: m.matchId, userId: m.b.userId, requestId: m.b.id },
      ]),
    });
    const { count } = await t.matchRequest.updateMany({
      where: { id: { in: made.flatMap((m) => [m.a.id, m.b.id]) }, status: 'WAITING' },
      data: { status: 'MATCHED', matchedAt: now },
    });
    // Cannot happen while the rows are locked; if it ever did, roll everything back.
    if (count !== made.length * 2)
      throw new Error(`matcher: expected ${made.length * 2} requests to match, got ${count}`);
    await notifyMany(
      t,
      made.flatMap((m) =>
        [m.a, m.b].map((r) => ({
          userId: r.userId,
          notification: {
            type: 'match.found',
            title: `Partner found: accept within ${Math.round(o.acceptWindowMs / 1000)} s`,
            link: links.match(),
            data: { matchId: m.matchId },
          },
        })),
      ),
    );
    await publishStatus(
      t,
      made.flatMap((m) => [m.a.userId, m.b.userId]),
    );
    return made.map((m) => ({ matchId: m.matchId, userIds: [m.a.userId, m.b.userId] as [string, string] }));
  });
  return { expired, timedOut, matches };
}

export interface MatcherLoop {
  stop(): Promise<void>;
}

/**
 * The loop a web process starts once: a pass every `intervalMs` (which also bounds how late an
 * expiry or a timeout is noticed), and right away when a NOTIFY says someone joined the queue.
 * Several replicas running it at once is safe and spreads the work.
 */
export function startMatcher(opts: {
  db: Db;
  notifier?: Notifier;
  intervalMs?: number;
  options?: Partial<MatchmakingOptions>;
  onError?: (err: unknown) => void;
  onReport?: (report: MatcherReport) => void;
}): MatcherLoop {
  const { db, notifier, intervalMs = 1000, options, onError = () => {}, onReport } = opts;
  let stopped = false;
  let dirty = false;
  let wake: (() => void) | null = null;
  const unsubscribe = notifier?.subscribe(MATCH_QUEUE_CHANNEL, () => {
    dirty = true;
    wake?.();
  });
  const loop = (async () => {
    while (!stopped) {
      dirty = false;
      try {
        const report = await runMatcher(db, new Date(), options);
        onReport?.(report);
      } catch (err) {
        onError(err);
      }
      if (stopped || dirty) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, intervalMs);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      unsubscribe?.();
      wake?.();
      await loop;
    },
  };
}
