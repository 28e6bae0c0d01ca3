// The matcher on real PostgreSQL: who gets paired with whom, how the skill window widens, expiry,
// and the concurrency guarantee (no user in two matches) under parallel matcher passes.
import { createPrisma, type Db } from '@roguelearn/db';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MatchRequestInput } from '../../schemas/match';
import { type Candidate, compatible, pairRequests, runMatcher, skillWindow } from './matcher';
import { defaultMatchmakingOptions } from './options';
import { getMatchStatus, requestMatch } from './service';

let t: TestDatabase;
const T0 = new Date('2030-01-01T12:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const req = (over: Partial<MatchRequestInput> = {}): MatchRequestInput => ({
  difficulty: 'MEDIUM',
  topics: [],
  language: 'python3',
  ...over,
});

let seq = 0;
/** Users straight into the table: signing 200 people up through the password hash is slow. */
async function makeUsers(n: number, rating?: (i: number) => number): Promise<string[]> {
  const rows = Array.from({ length: n }, () => {
    seq++;
    return { email: `u${seq}@m.io`, username: `u${seq}`, displayName: `User ${seq}` };
  });
  await t.db.user.createMany({ data: rows });
  const users = await t.db.user.findMany({
    where: { username: { in: rows.map((r) => r.username) } },
    select: { id: true, username: true },
  });
  const ids = rows.map((r) => users.find((u) => u.username === r.username)!.id);
  if (rating) {
    await t.db.rating.createMany({
      data: ids.map((userId, i) => ({ userId, kind: 'DUEL', rating: rating(i), gamesPlayed: 5 })),
    });
  }
  return ids;
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());
beforeEach(async () => {
  await t.db.match.deleteMany();
  await t.db.matchRequest.deleteMany();
  await t.db.notification.deleteMany();
});

const cand = (over: Partial<Candidate>): Candidate => ({
  id: Math.random().toString(36),
  userId: Math.random().toString(36),
  difficulty: 'MEDIUM',
  language: 'python3',
  topics: [],
  skill: 1500,
  createdAt: T0,
  ...over,
});

describe('compatibility rules', () => {
  const o = defaultMatchmakingOptions;

  it('widens the skill window with waiting time, up to a cap', () => {
    expect(skillWindow(0, o)).toBe(150);
    expect(skillWindow(30_000, o)).toBe(450);
    expect(skillWindow(10 * 60_000, o)).toBe(1200);
  });

  it('needs the same difficulty and language, overlapping topics (or none), and a close enough skill', () => {
    const a = cand({ topics: ['graphs', 'dp'] });
    expect(compatible(a, cand({ topics: ['dp'] }), T0, o)).toBe(true);
    expect(compatible(a, cand({ topics: [] }), T0, o)).toBe(true);
    expect(compatible(a, cand({ topics: ['strings'] }), T0, o)).toBe(false);
    expect(compatible(a, cand({ difficulty: 'HARD' }), T0, o)).toBe(false);
    expect(compatible(a, cand({ language: 'java' }), T0, o)).toBe(false);
    expect(compatible(a, cand({ userId: a.userId }), T0, o)).toBe(false);
    expect(compatible(a, cand({ skill: 1700 }), T0, o)).toBe(false);
    // The older request's wait counts: after 10 s the window is 250.
    expect(compatible(a, cand({ skill: 1700, createdAt: at(9_000) }), at(10_000), o)).toBe(true);
  });

  it('lets the longest-waiting request pick the partner closest in skill', () => {
    const first = cand({ skill: 1500, createdAt: at(0) });
    const far = cand({ skill: 1600, createdAt: at(1) });
    const near = cand({ skill: 1520, createdAt: at(2) });
    const pairs = pairRequests([near, far, first], at(3), defaultMatchmakingOptions);
    expect(pairs).toEqual([[first, near]]);
  });
});

describe('runMatcher', () => {
  it('pairs compatible requests and leaves incompatible ones waiting', async () => {
    const [a, b, c, d, e, f] = await makeUsers(6, () => 1500);
    await requestMatch(t.db, a, req({ topics: ['graphs', 'dp'] }), at(0));
    await requestMatch(t.db, b, req({ topics: ['dp'] }), at(1));
    await requestMatch(t.db, c, req({ language: 'java' }), at(2));
    await requestMatch(t.db, d, req({ difficulty: 'HARD' }), at(3));
    await requestMatch(t.db, e, req({ topics: ['strings'] }), at(4));
    await requestMatch(t.db, f, req({ topics: ['greedy'] }), at(5));
    const report = await runMatcher(t.db, at(6));
    expect(report.matches.map((m) => m.userIds)).toEqual([[a, b]]);
    const waiting = await t.db.matchRequest.findMany({ where: { status: 'WAITING' }, select: { userId: true } });
    expect(waiting.map((w) => w.userId).sort()).toEqual([c, d, e, f].sort());
    expect((await getMatchStatus(t.db, a, at(6))).state).toBe('proposed');
    expect((await getMatchStatus(t.db, c, at(6))).state).toBe('waiting');
    const found = await t.db.notification.findMany({ where: { type: 'match.found' } });
    expect(found.map((n) => n.userId).sort()).toEqual([a, b].sort());
  });

  it('accepts a wider skill gap the longer the older request has waited', async () => {
    const [low, high] = await makeUsers(2, (i) => (i === 0 ? 1300 : 1700)); // a gap of 400
    await requestMatch(t.db, low, req(), at(0));
    await requestMatch(t.db, high, req(), at(0));
    expect((await runMatcher(t.db, at(1_000))).matches).toHaveLength(0); // window 160
    expect((await runMatcher(t.db, at(20_000))).matches).toHaveLength(0); // window 350
    expect((await runMatcher(t.db, at(25_000))).matches).toHaveLength(1); // window 400
  });

  it('uses the declared skill level when the user has no duel games', async () => {
    const [beginner, expert, intermediate] = await makeUsers(3);
    await t.db.profile.createMany({
      data: [
        { userId: beginner, skillLevel: 'BEGINNER' },
        { userId: expert, skillLevel: 'EXPERT' },
      ],
    });
    await requestMatch(t.db, beginner, req(), at(0));
    await requestMatch(t.db, expert, req(), at(0));
    await requestMatch(t.db, intermediate, req(), at(0));
    const stored = await t.db.matchRequest.findMany({ select: { userId: true, skill: true } });
    expect(Object.fromEntries(stored.map((s) => [s.userId, s.skill]))).toEqual({
      [beginner]: 1200,
      [expert]: 2100,
      [intermediate]: 1500,
    });
    // 300 apart: the beginner and the intermediate player meet once the window reaches 300 (15 s).
    expect((await runMatcher(t.db, at(10_000))).matches).toHaveLength(0);
    expect((await runMatcher(t.db, at(16_000))).matches.map((m) => m.userIds.sort())).toEqual([
      [beginner, intermediate].sort(),
    ]);
  });

  it('expires requests nobody matched in time', async () => {
    const [a] = await makeUsers(1);
    await requestMatch(t.db, a, req(), at(0));
    expect((await runMatcher(t.db, at(defaultMatchmakingOptions.requestTtlMs - 1))).expired).toBe(0);
    expect((await runMatcher(t.db, at(defaultMatchmakingOptions.requestTtlMs))).expired).toBe(1);
    const status = await getMatchStatus(t.db, a, at(defaultMatchmakingOptions.requestTtlMs));
    expect(status.state).toBe('idle');
    expect(status.lastRequest?.status).toBe('EXPIRED');
    // Expired requests never match, even with a compatible newcomer.
    const [b] = await makeUsers(1);
    await requestMatch(t.db, b, req(), at(defaultMatchmakingOptions.requestTtlMs + 1));
    expect((await runMatcher(t.db, at(defaultMatchmakingOptions.requestTtlMs + 2))).matches).toHaveLength(0);
  });

  it('never pairs people who blocked each other', async () => {
    const [a, b] = await makeUsers(2, () => 1500);
    await t.db.userBlock.create({ data: { blockerId: b, blockedId: a } });
    await requestMatch(t.db, a, req(), at(0));
    await requestMatch(t.db, b, req(), at(0));
    expect((await runMatcher(t.db, at(1))).matches).toHaveLength(0);
  });

  it('reports queue position, waiting counts per difficulty and the median wait', async () => {
    const [a, b, c, d] = await makeUsers(4, (i) => 1000 + i * 1000); // far apart: nobody matches
    await requestMatch(t.db, a, req(), at(0));
    await requestMatch(t.db, b, req(), at(1));
    await requestMatch(t.db, c, req({ difficulty: 'EASY' }), at(2));
    await requestMatch(t.db, d, req({ language: 'java' }), at(3));
    const s = await getMatchStatus(t.db, b, at(4));
    expect(s.request?.position).toBe(2);
    expect(s.queue).toEqual({ EASY: 1, MEDIUM: 3, HARD: 0 });
    await t.db.matchRequest.update({
      where: { id: s.request!.id },
      data: { status: 'MATCHED', matchedAt: at(40_001) },
    });
    expect((await getMatchStatus(t.db, a, at(50_000))).estimatedWaitSec.MEDIUM).toBe(40);
  });
});

describe('concurrency', () => {
  it('lets a user hold only one waiting request, however many they fire at once', async () => {
    const [a] = await makeUsers(1);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => requestMatch(t.db, a, req(), at(0))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await t.db.matchRequest.count({ where: { userId: a, status: 'WAITING' } })).toBe(1);
  });

  it('200 requests arriving while 4 matchers run in parallel: every pair valid, nobody in two matches', async () => {
    const N = 200;
    const MATCHERS = 4;
    // 4 queues (2 difficulties x 2 languages) of 50, skills less than the narrowest window (150)
    // apart: exactly 100 pairs possible.
    const users = await makeUsers(N, (i) => 1300 + ((i * 37) % 150));
    const clients: Db[] = Array.from({ length: MATCHERS }, () => createPrisma(t.url));
    const perMatcher = Array.from({ length: MATCHERS }, () => 0);
    let arrived = false;
    const started = performance.now();
    const loops = clients.map(async (db, k) => {
      // Run until every request has arrived and none is left waiting (a few idle passes in a row
      // are not enough: another matcher may still hold the last rows). The deadline only keeps a
      // broken matcher from hanging the run; the assertions below then fail.
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const r = await runMatcher(db, new Date(), { batchSize: 16 });
        perMatcher[k] += r.matches.length;
        if (arrived && r.matches.length === 0 && (await db.matchRequest.count({ where: { status: 'WAITING' } })) === 0)
          break;
        await new Promise((res) => setTimeout(res, 5 + Math.random() * 10));
      }
    });
    // Requests come in concurrently too, in waves of 20 (a burst all at once can outwait the
    // connection pools on a loaded machine), spread over the 4 clients' pools.
    try {
      for (let start = 0; start < users.length; start += 20) {
        await Promise.all(
          users.slice(start, start + 20).map((u, j) => {
            const i = start + j;
            return requestMatch(
              clients[i % MATCHERS],
              u,
              req({ difficulty: i % 2 ? 'EASY' : 'HARD', language: i % 4 < 2 ? 'python3' : 'cpp' }),
            );
          }),
        );
      }
    } finally {
      // Stop the matcher loops even when a request failed, before the database goes away.
      arrived = true;
      await Promise.all(loops);
    }
    const elapsed = performance.now() - started;
    await Promise.all(clients.map((c) => c.$disconnect()));

    const parts = await t.db.matchParticipant.findMany({
      include: { request: true, match: { select: { status: true } } },
    });
    const byMatch = new Map<string, typeof parts>();
    for (const p of parts) byMatch.set(p.matchId, [...(byMatch.get(p.matchId) ?? []), p]);
    // Every match has two different users with compatible requests.
    for (const ps of byMatch.values()) {
      expect(ps).toHaveLength(2);
      expect(ps[0].userId).not.toBe(ps[1].userId);
      expect(ps[0].request.difficulty).toBe(ps[1].request.difficulty);
      expect(ps[0].request.language).toBe(ps[1].request.language);
    }
    // Nobody is in two matches, no request was used twice.
    expect(new Set(parts.map((p) => p.userId)).size).toBe(parts.length);
    expect(new Set(parts.map((p) => p.requestId)).size).toBe(parts.length);
    expect(byMatch.size).toBe(N / 2);
    expect(await t.db.matchRequest.count({ where: { status: 'MATCHED' } })).toBe(N);
    expect(perMatcher.reduce((a, b) => a + b, 0)).toBe(N / 2);
    console.log(
      `[matcher] ${N} requests, ${MATCHERS} parallel matchers: ${byMatch.size} matches in ${Math.round(elapsed)} ms; per matcher ${perMatcher.join('/')}`,
    );
  }, 120_000);
});
