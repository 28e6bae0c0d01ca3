import { createPrisma, type Db } from '@roguelearn/db';
import { createNotifier, type Notifier } from '@roguelearn/db/notify';
import { notifySubmission } from '@roguelearn/db/queue';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, testAuthConfig } from '../../testing';
import type { SessionUser } from '../auth/service';
import * as contests from './contest';
import { CONTEST_SUBMIT } from './contest';
import { onSubmissionJudged, startCompetitionWorker } from './judged';
import { scoreboardStream } from './live';
import type { Cell } from './scoreboard';

const config = testAuthConfig();
let t: TestDatabase;
let others: Db[] = [];
let notifier: Notifier;
const people: Record<string, { b: ReturnType<typeof browser>; user: SessionUser }> = {};
const problems: Record<string, string> = {};
const MIN = 60_000;

async function person(name: string, role: 'STUDENT' | 'INSTRUCTOR' = 'STUDENT') {
  const b = browser(t.db, config);
  const { user } = await b.run((c) =>
    c.auth.signUp({ email: `${name}@x.io`, username: name, displayName: name.toUpperCase(), password: 'password-123' }),
  );
  if (role !== 'STUDENT') await t.db.user.update({ where: { id: user.id }, data: { role } });
  people[name] = { b, user: { ...user, role, sessionId: null } as SessionUser };
}
const as = (name: string) => people[name].b.run.bind(people[name].b);
const id = (name: string) => people[name].user.id;
const u = (name: string) => people[name].user;

/** A judged contest submission at `at`, stored as the judge would leave it. */
async function judged(
  contestId: string,
  user: string,
  problem: string,
  at: Date,
  verdict: 'AC' | 'WA' | 'CE' | null,
  opts: { score?: number; code?: string } = {},
) {
  const s = await t.db.submission.create({
    data: {
      userId: id(user),
      problemId: problems[problem],
      contestId,
      language: 'cpp',
      code: opts.code ?? `// ${user} ${problem} ${at.toISOString()}`,
      createdAt: at,
      status: verdict ? 'DONE' : 'QUEUED',
      verdict,
      score: opts.score ?? (verdict === 'AC' ? 100 : 0),
    },
  });
  return s.id;
}

const cell = (board: { rows: { user: { username: string }; cells: Cell[] }[] }, who: string, label: string) =>
  board.rows.find((r) => r.user.username === who)?.cells.find((c) => c.label === label);
const row = <R extends { user: { username: string } }>(board: { rows: R[] }, who: string) =>
  board.rows.find((r) => r.user.username === who) as R;

beforeAll(async () => {
  t = await createTestDatabase();
  others = [createPrisma(t.url), createPrisma(t.url)];
  notifier = createNotifier(t.url);
  for (const [slug, status] of [
    ['alpha', 'PUBLISHED'],
    ['beta', 'PUBLISHED'],
    ['gamma', 'DRAFT'],
  ] as const) {
    const p = await t.db.problem.create({
      data: {
        slug,
        title: slug,
        statement: `Solve ${slug}.`,
        difficulty: 'MEDIUM',
        category: 'contest',
        status,
        testCases: {
          create: [
            { ordinal: 0, input: '1\n', expectedOutput: '1\n', isSample: true },
            { ordinal: 1, input: 'SECRET-INPUT\n', expectedOutput: 'SECRET-OUTPUT\n' },
          ],
        },
      },
    });
    problems[slug] = p.id;
  }
  await person('prof', 'INSTRUCTOR');
  for (const name of ['st1', 'st2', 'st3', 'st4', 'st5', 'out']) await person(name);
});
afterAll(async () => {
  await notifier.close();
  await Promise.all(others.map((d) => d.$disconnect()));
  await t.drop();
});

describe('contest authoring and access', () => {
  it('lets instructors create contests with validated windows, and hides problems until the start', async () => {
    const start = new Date(Date.now() + 60 * MIN);
    const base = {
      slug: 'weekly-1',
      title: 'Weekly 1',
      startsAt: start,
      endsAt: new Date(start.getTime() + 120 * MIN),
      freezeMinutes: 30,
      problems: [
        { problemId: problems.alpha, label: 'A' },
        { problemId: problems.beta, label: 'B' },
      ],
    };
    await expect(as('st1')((c) => c.contest.create(base))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as('prof')((c) => c.contest.create({ ...base, freezeMinutes: 120 }))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      as('prof')((c) =>
        c.contest.create({ ...base, problems: [...base.problems, { problemId: problems.gamma, label: 'a' }] }),
      ),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // /contests/new and /contests/events/… are pages.
    for (const reserved of ['new', 'events']) {
      await expect(as('prof')((c) => c.contest.create({ ...base, slug: reserved }))).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    const created = await as('prof')((c) => c.contest.create(base));
    await expect(as('prof')((c) => c.contest.create(base))).rejects.toMatchObject({ code: 'CONFLICT' });

    const seen = await as('st1')((c) => c.contest.get({ slug: 'weekly-1' }));
    expect(seen).toMatchObject({ phase: 'upcoming', problemCount: 2, problems: [], canEdit: false });
    expect(seen.me).toMatchObject({ registered: false, canRegister: true });
    await expect(as('st1')((c) => c.contest.problem({ contestId: created.id, label: 'A' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await as('st1')((c) => c.contest.register({ contestId: created.id }));
    expect((await as('st1')((c) => c.contest.get({ slug: 'weekly-1' }))).me?.registered).toBe(true);
    await expect(
      as('st1')((c) => c.contest.submit({ contestId: created.id, label: 'A', language: 'cpp', code: 'int main(){}' })),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await as('prof')((c) => c.contest.get({ slug: 'weekly-1' }))).problems).toHaveLength(2);
    // Editable before the start; scoring can't change once it runs.
    await as('prof')((c) => c.contest.update({ contestId: created.id, title: 'Weekly #1' }));
    await t.db.contest.update({ where: { id: created.id }, data: { startsAt: new Date(Date.now() - MIN) } });
    await expect(as('prof')((c) => c.contest.update({ contestId: created.id, scoring: 'IOI' }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('shows class contests only to the class, and serves statements without hidden tests', async () => {
    const cls = await t.db.class.create({
      data: { name: 'CS101', code: 'cs101', instructorId: id('prof'), inviteCode: 'join-cs101' },
    });
    await t.db.classEnrollment.create({ data: { classId: cls.id, userId: id('st2') } });
    const c = await as('prof')((c) =>
      c.contest.create({
        slug: 'cs101-quiz',
        title: 'CS101 quiz',
        startsAt: new Date(Date.now() - MIN),
        endsAt: new Date(Date.now() + 60 * MIN),
        visibility: 'CLASS',
        classId: cls.id,
        problems: [{ problemId: problems.gamma, label: 'A' }],
      }),
    );
    await expect(as('out')((x) => x.contest.get({ slug: 'cs101-quiz' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await as('out')((x) => x.contest.list())).items.map((i) => i.slug)).not.toContain('cs101-quiz');
    expect((await as('st2')((x) => x.contest.list({ when: 'running' }))).items.map((i) => i.slug)).toContain(
      'cs101-quiz',
    );
    await as('st2')((x) => x.contest.register({ contestId: c.id }));
    // A draft problem is readable as a contest problem, samples only.
    const statement = await as('st2')((x) => x.contest.problem({ contestId: c.id, label: 'A' }));
    // The count of every test (for progress), but only the samples' contents.
    expect(statement).toMatchObject({ label: 'A', title: 'gamma', testCount: 2, samples: [{ input: '1\n' }] });
    expect(JSON.stringify(statement)).not.toMatch(/SECRET/);
  });
});

describe('scoreboard', () => {
  let contestId: string;
  let t0: Date;

  beforeAll(async () => {
    // Running for 100 minutes of 120, frozen since minute 90.
    t0 = new Date(Date.now() - 100 * MIN);
    const c = await t.db.contest.create({
      data: {
        slug: 'icpc-round',
        title: 'ICPC round',
        startsAt: t0,
        endsAt: new Date(t0.getTime() + 120 * MIN),
        freezeMinutes: 30,
        scoring: 'ICPC',
        createdById: id('prof'),
        problems: {
          create: [
            { problemId: problems.alpha, label: 'A', ordinal: 0 },
            { problemId: problems.beta, label: 'B', ordinal: 1 },
          ],
        },
        participants: { create: ['st1', 'st2', 'st3'].map((n) => ({ userId: id(n) })) },
      },
    });
    contestId = c.id;
    const at = (m: number) => new Date(t0.getTime() + m * MIN);
    await judged(contestId, 'st1', 'alpha', at(10), 'WA');
    await judged(contestId, 'st1', 'alpha', at(20), 'AC');
    await judged(contestId, 'st1', 'beta', at(95), 'AC'); // during the freeze
    await judged(contestId, 'st2', 'alpha', at(5), 'CE'); // free
    await judged(contestId, 'st2', 'alpha', at(30), 'AC');
    await judged(contestId, 'st2', 'beta', at(40), 'WA');
    await judged(contestId, 'st2', 'beta', at(45), 'WA');
    await judged(contestId, 'st2', 'beta', at(80), 'AC');
    await judged(contestId, 'st3', 'alpha', at(60), null); // still being judged
  });

  it('computes ICPC penalty: minutes to AC + 20 per rejected attempt, compile errors free', async () => {
    const board = await as('prof')((c) => c.contest.scoreboard({ contestId }));
    expect(board.frozen).toBe(false);
    expect(board.frozenForContestants).toBe(true);
    expect(cell(board, 'st1', 'A')).toMatchObject({
      solved: true,
      attempts: 2,
      minutes: 20,
      penalty: 40,
      firstSolve: true,
    });
    expect(cell(board, 'st2', 'A')).toMatchObject({ solved: true, attempts: 1, minutes: 30, penalty: 30 });
    expect(cell(board, 'st2', 'B')).toMatchObject({ solved: true, attempts: 3, minutes: 80, penalty: 120 });
    expect(cell(board, 'st3', 'A')).toMatchObject({ solved: false, pending: 1 });
    // st1: 40 + 95 = 135 < st2: 30 + 120 = 150, both on 200 points (2 solved).
    expect(board.rows.map((r) => [r.user.username, r.rank, r.score, r.solved, r.penalty])).toEqual([
      ['st1', 1, 200, 2, 135],
      ['st2', 2, 200, 2, 150],
      ['st3', 3, 0, 0, 0],
    ]);
  });

  it('hides submissions made during the freeze from contestants, but not from instructors or their own author', async () => {
    const seenBySt3 = await as('st3')((c) => c.contest.scoreboard({ contestId }));
    expect(seenBySt3.frozen).toBe(true);
    expect(cell(seenBySt3, 'st1', 'B')).toMatchObject({ solved: false, pending: 1 });
    expect(seenBySt3.rows.map((r) => r.user.username)).toEqual(['st2', 'st1', 'st3']);
    const anonymous = await browser(t.db, config).run((c) => c.contest.scoreboard({ contestId }));
    expect(cell(anonymous, 'st1', 'B')?.solved).toBe(false);
    // st1 knows their own verdict.
    const seenBySt1 = await as('st1')((c) => c.contest.scoreboard({ contestId }));
    expect(cell(seenBySt1, 'st1', 'B')).toMatchObject({ solved: true });
    // After the end, everyone sees the final standings.
    const after = await contests.scoreboard(t.db, u('st3'), contestId, false, new Date(t0.getTime() + 121 * MIN));
    expect(after.frozen).toBe(false);
    expect(row(after, 'st1').rank).toBe(1);
  });

  it('updates live when a contestant solves a problem', async () => {
    const controller = new AbortController();
    const boards: Awaited<ReturnType<typeof contests.scoreboard>>[] = [];
    const reading = (async () => {
      for await (const b of scoreboardStream(t.db, u('prof'), contestId, false, notifier, controller.signal)) {
        boards.push(b);
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const pending = await t.db.submission.findFirstOrThrow({ where: { contestId, userId: id('st3') } });
    await t.db.submission.update({ where: { id: pending.id }, data: { status: 'DONE', verdict: 'AC', score: 100 } });
    await notifySubmission(t.db, pending.id);
    await onSubmissionJudged(t.db, pending.id);
    for (let i = 0; i < 40 && !cell(boards.at(-1)!, 'st3', 'A')?.solved; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    controller.abort();
    await reading;
    expect(cell(boards[0], 'st3', 'A')).toMatchObject({ solved: false, pending: 1 });
    expect(cell(boards.at(-1)!, 'st3', 'A')).toMatchObject({ solved: true, minutes: 60 });
    // The judge hook also stored st3's standing.
    const stored = await t.db.contestParticipant.findFirstOrThrow({ where: { contestId, userId: id('st3') } });
    expect(stored).toMatchObject({ score: 100, penalty: 60 });
  });

  it('virtual participation: own clock, and everyone as of the same time since the start', async () => {
    const end = new Date(t0.getTime() + 120 * MIN);
    const vStart = new Date(end.getTime() + 60 * MIN);
    await expect(contests.startVirtual(t.db, u('st4'), contestId, new Date(end.getTime() - MIN))).rejects.toMatchObject(
      {
        code: 'CONFLICT',
      },
    );
    await expect(contests.startVirtual(t.db, u('st1'), contestId, vStart)).rejects.toMatchObject({ code: 'CONFLICT' });
    const v = await contests.startVirtual(t.db, u('st4'), contestId, vStart);
    expect(v.endsAt.getTime() - v.startedAt.getTime()).toBe(120 * MIN);
    await t.db.submission.create({
      data: {
        userId: id('st4'),
        problemId: problems.alpha,
        contestId,
        language: 'cpp',
        code: 'x',
        createdAt: new Date(vStart.getTime() + 12 * MIN),
        status: 'DONE',
        verdict: 'AC',
        score: 100,
      },
    });
    // 25 minutes into the virtual run: st1's AC at 20 counts, st2's at 30 not yet.
    const board = await contests.scoreboard(t.db, u('st4'), contestId, false, new Date(vStart.getTime() + 25 * MIN));
    expect(board.virtualMinutes).toBe(25);
    expect(cell(board, 'st1', 'A')).toMatchObject({ solved: true, minutes: 20 });
    expect(cell(board, 'st2', 'A')?.solved).toBe(false);
    expect(row(board, 'st4')).toMatchObject({ kind: 'VIRTUAL', rank: 1, penalty: 12 });
    // Others don't see virtual rows unless they ask, after the end.
    const official = await contests.scoreboard(t.db, u('st2'), contestId, false, new Date(vStart.getTime() + 25 * MIN));
    expect(official.rows.map((r) => r.user.username)).not.toContain('st4');
    const all = await contests.scoreboard(t.db, u('st2'), contestId, true, new Date(vStart.getTime() + 200 * MIN));
    expect(row(all, 'st4')).toMatchObject({ kind: 'VIRTUAL', score: 100 });
  });

  it('enforces per-contest submission rate limits', async () => {
    const c = await t.db.contest.create({
      data: {
        slug: 'rate-limited',
        title: 'Rate limited',
        startsAt: new Date(Date.now() - MIN),
        endsAt: new Date(Date.now() + 60 * MIN),
        createdById: id('prof'),
        problems: { create: [{ problemId: problems.alpha, label: 'A', ordinal: 0 }] },
      },
    });
    // Submitting to a running public contest registers you.
    for (let i = 0; i < CONTEST_SUBMIT.perMinute; i++) {
      await as('st5')((x) =>
        x.contest.submit({ contestId: c.id, label: 'A', language: 'cpp', code: `int main(){return ${i};}` }),
      );
    }
    await expect(
      as('st5')((x) => x.contest.submit({ contestId: c.id, label: 'A', language: 'cpp', code: 'int main(){}' })),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const mine = await as('st5')((x) => x.contest.mySubmissions({ contestId: c.id }));
    expect(mine).toHaveLength(CONTEST_SUBMIT.perMinute);
    expect(mine[0]).toMatchObject({ label: 'A', status: 'QUEUED' });
    expect(await t.db.contestParticipant.count({ where: { contestId: c.id, userId: id('st5') } })).toBe(1);
  });
});

describe('IOI scoring', () => {
  it('counts the best partial score per problem, scaled to its points', async () => {
    const t0 = new Date(Date.now() - 30 * MIN);
    const c = await t.db.contest.create({
      data: {
        slug: 'ioi-round',
        title: 'IOI round',
        startsAt: t0,
        endsAt: new Date(t0.getTime() + 60 * MIN),
        scoring: 'IOI',
        createdById: id('prof'),
        problems: {
          create: [
            { problemId: problems.alpha, label: 'A', points: 100, ordinal: 0 },
            { problemId: problems.gamma, label: 'B', points: 200, ordinal: 1 },
          ],
        },
        participants: { create: ['st1', 'st2', 'st3'].map((n) => ({ userId: id(n) })) },
      },
    });
    const at = (m: number) => new Date(t0.getTime() + m * MIN);
    await judged(c.id, 'st1', 'gamma', at(5), 'WA', { score: 40 });
    await judged(c.id, 'st1', 'gamma', at(10), 'WA', { score: 70 });
    await judged(c.id, 'st1', 'gamma', at(15), 'WA', { score: 50 });
    await judged(c.id, 'st1', 'alpha', at(20), 'AC');
    await judged(c.id, 'st2', 'gamma', at(8), 'AC');
    await judged(c.id, 'st3', 'alpha', at(9), 'WA', { score: 25 });
    await judged(c.id, 'st3', 'gamma', at(9), 'WA', { score: 87.5 });
    const board = await as('st3')((x) => x.contest.scoreboard({ contestId: c.id }));
    expect(cell(board, 'st1', 'B')).toMatchObject({ best: 70, points: 140, attempts: 3, solved: false });
    expect(cell(board, 'st3', 'B')).toMatchObject({ best: 87.5, points: 175 });
    // No penalty in IOI: equal totals share the place.
    expect(board.rows.map((r) => [r.user.username, r.rank, r.score])).toEqual([
      ['st1', 1, 240],
      ['st2', 2, 200],
      ['st3', 2, 200],
    ]);
  });
});

describe('finalize: final ranks, ratings once, integrity', () => {
  it('applies Codeforces-style ratings exactly once, even when finalized twice at once, and flags copied code', async () => {
    const t0 = new Date(Date.now() - 120 * MIN);
    const c = await t.db.contest.create({
      data: {
        slug: 'rated-round',
        title: 'Rated round',
        startsAt: t0,
        endsAt: new Date(t0.getTime() + 90 * MIN),
        createdById: id('prof'),
        problems: {
          create: [
            { problemId: problems.alpha, label: 'A', ordinal: 0 },
            { problemId: problems.beta, label: 'B', ordinal: 1 },
          ],
        },
        participants: { create: ['st1', 'st2', 'st3', 'st4', 'st5'].map((n) => ({ userId: id(n) })) },
      },
    });
    const at = (m: number) => new Date(t0.getTime() + m * MIN);
    const solution = `#include <bits/stdc++.h>
using namespace std;
int main() { int n; cin >> n; vector<long long> v(n);
  for (int i = 0; i < n; i++) cin >> v[i];
  long long best = 0, cur = 0;
  for (int i = 0; i < n; i++) { cur = max(v[i], cur + v[i]); best = max(best, cur); }
  cout << best << endl; return 0; }`;
    const copied = solution
      .replace(/\bbest\b/g, 'answer')
      .replace(/\bcur\b/g, 'running')
      .replace(/\bv\b/g, 'arr');
    await judged(c.id, 'st1', 'alpha', at(5), 'AC', { code: solution });
    await judged(c.id, 'st1', 'beta', at(15), 'AC');
    await judged(c.id, 'st2', 'alpha', at(7), 'AC', { code: copied });
    await judged(c.id, 'st3', 'alpha', at(50), 'AC');
    await judged(c.id, 'st4', 'alpha', at(60), 'WA');
    // st5 registered but never submitted: not rated.

    await expect(as('st1')((x) => x.contest.finalize({ contestId: c.id }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const prof = u('prof');
    const results = await Promise.all(others.map((d) => contests.finalize(d, prof, c.id)));
    expect(results.filter((r) => r.ratingsApplied)).toHaveLength(1);
    const again = await as('prof')((x) => x.contest.finalize({ contestId: c.id }));
    expect(again.ratingsApplied).toBe(false);

    const history = await t.db.ratingHistory.findMany({ where: { contestId: c.id } });
    expect(history).toHaveLength(4);
    const ratings = await t.db.rating.findMany({ where: { kind: 'CONTEST' } });
    expect(ratings.every((r) => r.gamesPlayed === 1)).toBe(true);
    expect(ratings.map((r) => r.userId)).not.toContain(id('st5'));
    const sum = history.reduce((s, h) => s + (h.after - h.before), 0);
    // Codeforces' anti-inflation correction: about −1 per contestant, never a big swing.
    expect(sum).toBeLessThanOrEqual(0);
    expect(sum).toBeGreaterThanOrEqual(-4 * 2);
    expect(again.changes.map((ch) => [ch.user.username, ch.rank])).toEqual([
      ['st1', 1],
      ['st2', 2],
      ['st3', 3],
      ['st4', 4],
    ]);
    const [first, , , last] = again.changes;
    expect(first.delta).toBeGreaterThan(0);
    expect(last.delta).toBeLessThan(0);
    const stored = await t.db.contestParticipant.findMany({ where: { contestId: c.id }, orderBy: { rank: 'asc' } });
    // st4 (one rejected attempt) and st5 (nothing) share the last place.
    expect(stored.map((p) => p.rank)).toEqual([1, 2, 3, 4, 4]);

    const chart = await as('out')((x) => x.contest.get({ slug: 'rated-round' }));
    expect(chart.ratingsAppliedAt).not.toBeNull();
    const points = await as('out')((x) => x.battle.rating.history({ username: 'st1', kind: 'CONTEST' }));
    expect(points.points).toEqual([
      expect.objectContaining({ before: 1500, contest: expect.objectContaining({ slug: 'rated-round', rank: 1 }) }),
    ]);

    // Integrity: st1 and st2's accepted code for A differs only in names.
    expect(results.some((r) => r.flaggedPairs === 1)).toBe(true);
    const report = await as('prof')((x) => x.contest.integrityReport({ contestId: c.id }));
    expect(report?.pairs).toHaveLength(1);
    expect(report?.pairs[0]).toMatchObject({ label: 'A', similarity: 1 });
    expect([report?.pairs[0].submissionA.user.username, report?.pairs[0].submissionB.user.username].sort()).toEqual([
      'st1',
      'st2',
    ]);
  });
});

describe('automatic finalization (background workers)', () => {
  const ended = async (slug: string, opts: { rated?: boolean; endedMinutesAgo?: number } = {}) => {
    const end = new Date(Date.now() - (opts.endedMinutesAgo ?? 5) * MIN);
    return t.db.contest.create({
      data: {
        slug,
        title: slug,
        startsAt: new Date(end.getTime() - 60 * MIN),
        endsAt: end,
        rated: opts.rated ?? true,
        createdById: id('prof'),
        problems: { create: [{ problemId: problems.alpha, label: 'A', ordinal: 0 }] },
        participants: { create: ['st1', 'st2', 'st3'].map((n) => ({ userId: id(n) })) },
      },
    });
  };

  it('finalizes each ended rated contest exactly once with two workers racing, after its last verdict', async () => {
    const ready = await ended('auto-ready');
    const judging = await ended('auto-judging');
    const stuck = await ended('auto-stuck', { endedMinutesAgo: 20 });
    const unrated = await ended('auto-unrated', { rated: false });
    for (const c of [ready, judging, stuck, unrated]) {
      const at = (m: number) => new Date(c.startsAt.getTime() + m * MIN);
      await judged(c.id, 'st1', 'alpha', at(5), 'AC');
      await judged(c.id, 'st2', 'alpha', at(9), 'AC');
      await judged(c.id, 'st3', 'alpha', at(59), c === ready || c === unrated ? 'WA' : null);
    }

    const runs = await Promise.all(others.map((d) => contests.finalizeEndedContests(d)));
    const all = runs.flat();
    expect(all.filter((cid) => cid === ready.id)).toHaveLength(1);
    // Past the grace a stuck verdict no longer holds the ratings back.
    expect(all.filter((cid) => cid === stuck.id)).toHaveLength(1);
    expect(all).not.toContain(judging.id);
    expect(all).not.toContain(unrated.id);
    expect(await t.db.ratingHistory.count({ where: { contestId: ready.id } })).toBe(3);
    expect(await t.db.contest.findUnique({ where: { id: unrated.id } })).toMatchObject({ ratingsAppliedAt: null });
    expect(
      (await t.db.contestParticipant.findMany({ where: { contestId: ready.id }, orderBy: { rank: 'asc' } })).map(
        (p) => p.rank,
      ),
    ).toEqual([1, 2, 3]);
    expect(await contests.finalizeEndedContests(t.db)).toEqual([]);

    // The last verdict arrives: two real competition workers race to finalize the contest.
    await t.db.submission.updateMany({
      where: { contestId: judging.id, status: 'QUEUED' },
      data: { status: 'DONE', verdict: 'WA' },
    });
    const workers = others.map((d) => startCompetitionWorker({ db: d, sweepMs: 20 }));
    try {
      await expect
        .poll(() => t.db.contest.findUnique({ where: { id: judging.id } }).then((c) => c?.ratingsAppliedAt), {
          timeout: 10_000,
        })
        .not.toBeNull();
      // Let both workers sweep a few more times.
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const history = await t.db.ratingHistory.findMany({ where: { contestId: judging.id } });
    expect(history).toHaveLength(3);
    expect(new Set(history.map((h) => h.userId)).size).toBe(3);

    // The author's finalize afterwards changes no rating and still reports the changes.
    const manual = await contests.finalize(t.db, u('prof'), judging.id);
    expect(manual.ratingsApplied).toBe(false);
    expect(manual.changes).toHaveLength(3);
    expect(await t.db.ratingHistory.count({ where: { contestId: judging.id } })).toBe(3);
  });
});
