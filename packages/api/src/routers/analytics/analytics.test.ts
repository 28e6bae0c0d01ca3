// Class analytics on a small hand-made dataset whose numbers are worked out by hand below.
import type { Verdict } from '@roguelearn/db';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/service';
import { callerAs, makeUser, refusal } from '../authoring/fixtures';

let t: TestDatabase;
let prof: SessionUser;
let otherProf: SessionUser;
let admin: SessionUser;
const s: Record<string, SessionUser> = {};
const p: Record<string, string> = {};
let classId: string;
const range = { from: '2026-03-01', to: '2026-03-03' };
const DAY = 24 * 3600_000;

async function sub(
  who: SessionUser,
  problem: string,
  verdict: Verdict | null,
  at: string | Date,
  extra: { kind?: 'SUBMIT' | 'RUN'; source?: string } = {},
) {
  await t.db.submission.create({
    data: {
      userId: who.id,
      problemId: p[problem],
      language: 'python3',
      code: '.',
      status: verdict ? 'DONE' : 'QUEUED',
      verdict,
      createdAt: new Date(at),
      ...extra,
    },
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  prof = await makeUser(t.db, 'prof', 'INSTRUCTOR');
  otherProf = await makeUser(t.db, 'other', 'INSTRUCTOR');
  admin = await makeUser(t.db, 'root', 'ADMIN');
  for (const name of ['ann', 'ben', 'cat', 'dee', 'eve', 'zed']) s[name] = await makeUser(t.db, name);
  for (const slug of ['p1', 'p2']) {
    p[slug] = (
      await t.db.problem.create({
        data: {
          slug,
          title: slug.toUpperCase(),
          statement: '.',
          difficulty: 'EASY',
          category: 'x',
          status: 'PUBLISHED',
        },
      })
    ).id;
  }
  // zed is not in the class.
  classId = (
    await t.db.class.create({
      data: {
        name: 'Intro',
        code: 'INTRO',
        instructorId: prof.id,
        inviteCode: 'intro-code',
        enrollments: {
          create: ['ann', 'ben', 'cat', 'dee', 'eve'].map((n) => ({
            userId: s[n].id,
            joinedAt: new Date('2026-02-01T00:00:00Z'),
          })),
        },
      },
    })
  ).id;

  // March 1–3 (UTC).
  await sub(s.ann, 'p1', 'WA', '2026-02-28T23:30:00Z'); // before the range in UTC, March 1 in Tokyo
  await sub(s.ann, 'p1', 'WA', '2026-03-01T10:00:00Z');
  await sub(s.ann, 'p1', 'WA', '2026-03-01T11:00:00Z');
  await sub(s.ben, 'p1', 'AC', '2026-03-01T12:00:00Z');
  await sub(s.ann, 'p1', 'AC', '2026-03-02T09:00:00Z'); // ann: 3rd attempt in range
  await sub(s.ann, 'p2', 'AC', '2026-03-02T10:00:00Z');
  await sub(s.ann, 'p2', 'AC', '2026-03-02T10:30:00Z', { kind: 'RUN' }); // custom runs never count
  await sub(s.zed, 'p1', 'AC', '2026-03-02T11:00:00Z'); // outside the class
  await sub(prof, 'p1', 'AC', '2026-03-02T12:00:00Z', { source: 'reference' }); // verification run
  await sub(s.ben, 'p2', 'WA', '2026-03-03T08:00:00Z');
  await sub(s.ben, 'p2', 'TLE', '2026-03-03T09:00:00Z');
  await sub(s.ben, 'p2', null, '2026-03-03T23:00:00Z'); // still queued
  await t.db.analyticsEvent.create({
    data: { userId: s.cat.id, type: 'auth.sign_in', createdAt: new Date('2026-03-03T15:00:00Z') },
  });

  // Skills: a two-node tree assigned to the class.
  const tree = await t.db.skillTree.create({
    data: {
      title: 'Basics',
      classId,
      status: 'PUBLISHED',
      nodes: {
        create: [
          { key: 'loops', title: 'Loops', ordinal: 0 },
          { key: 'arrays', title: 'Arrays', ordinal: 1 },
        ],
      },
    },
    include: { nodes: { orderBy: { ordinal: 'asc' } } },
  });
  const [loops, arrays] = tree.nodes;
  await t.db.skillProgress.createMany({
    data: [
      { userId: s.ann.id, nodeId: loops.id, status: 'COMPLETED', points: 10 },
      { userId: s.ben.id, nodeId: loops.id, status: 'IN_PROGRESS', points: 4 },
      { userId: s.ann.id, nodeId: arrays.id, status: 'IN_PROGRESS', points: 2 },
      { userId: s.zed.id, nodeId: loops.id, status: 'COMPLETED', points: 10 }, // not in the class
    ],
  });

  // Recent activity, for struggling students: dee keeps failing, eve fails too but mostly solves.
  const now = Date.now();
  for (let i = 0; i < 6; i++) await sub(s.dee, 'p2', 'WA', new Date(now - DAY - i * 60_000));
  await sub(s.dee, 'p1', 'RE', new Date(now - 2 * DAY));
  for (let i = 0; i < 5; i++) await sub(s.eve, 'p2', 'WA', new Date(now - DAY - i * 60_000));
  for (let i = 0; i < 10; i++) await sub(s.eve, 'p1', 'AC', new Date(now - DAY - i * 60_000));
});
afterAll(() => t.drop());

const zeros = { AC: 0, WA: 0, TLE: 0, MLE: 0, RE: 0, CE: 0, OLE: 0, IE: 0, SKIPPED: 0, PENDING: 0 };

describe('class analytics', () => {
  it('counts submissions by verdict per day, zeros included', async () => {
    const r = await callerAs(t.db, prof).analytics.submissions({ classId, ...range });
    expect(r.days).toEqual([
      { day: '2026-03-01', total: 3, ...zeros, WA: 2, AC: 1 },
      { day: '2026-03-02', total: 2, ...zeros, AC: 2 },
      { day: '2026-03-03', total: 3, ...zeros, WA: 1, TLE: 1, PENDING: 1 },
    ]);
    expect(r.totals).toMatchObject({ total: 8, AC: 3, WA: 3, TLE: 1, PENDING: 1 });
    // Days are local days: in Tokyo (UTC+9) ann's late-February attempt is a March 1 one, and
    // ben's queued submission at 23:00 UTC falls on March 4.
    const tokyo = await callerAs(t.db, prof).analytics.submissions({ classId, ...range, timeZone: 'Asia/Tokyo' });
    expect(tokyo.days.map((d) => d.total)).toEqual([4, 2, 2]);
    // Without a class: all my classes; administrators: everyone (zed too).
    expect((await callerAs(t.db, prof).analytics.submissions(range)).totals.total).toBe(8);
    expect((await callerAs(t.db, admin).analytics.submissions(range)).totals.total).toBe(9);
    expect((await callerAs(t.db, otherProf).analytics.submissions(range)).totals.total).toBe(0);
  });

  it('computes per-problem solve rates and median attempts to the first AC', async () => {
    const r = await callerAs(t.db, prof).analytics.problems({ classId, ...range });
    expect(r).toEqual([
      {
        problemId: p.p1,
        slug: 'p1',
        title: 'P1',
        difficulty: 'EASY',
        attempters: 2,
        solvers: 2,
        solveRate: 1,
        submissions: 4,
        accepted: 2,
        medianAttemptsToAc: 2, // ann 3, ben 1
      },
      {
        problemId: p.p2,
        slug: 'p2',
        title: 'P2',
        difficulty: 'EASY',
        attempters: 2,
        solvers: 1,
        solveRate: 0.5,
        submissions: 3, // the queued one isn't judged yet
        accepted: 1,
        medianAttemptsToAc: 1,
      },
    ]);
    const all = await callerAs(t.db, admin).analytics.problems(range);
    expect(all.find((x) => x.slug === 'p1')).toMatchObject({ attempters: 3, solvers: 3 });
  });

  it('measures skill mastery across the class', async () => {
    const r = await callerAs(t.db, prof).analytics.skills({ classId });
    expect(
      r.map(({ key, students, completed, inProgress, avgPoints, mastery }) => ({
        key,
        students,
        completed,
        inProgress,
        avgPoints,
        mastery,
      })),
    ).toEqual([
      { key: 'loops', students: 5, completed: 1, inProgress: 1, avgPoints: 7, mastery: 0.2 },
      { key: 'arrays', students: 5, completed: 0, inProgress: 1, avgPoints: 2, mastery: 0 },
    ]);
  });

  it('counts active users per day', async () => {
    const r = await callerAs(t.db, prof).analytics.activeUsers({ classId, ...range });
    expect(r.days).toEqual([
      { day: '2026-03-01', users: 2 },
      { day: '2026-03-02', users: 1 },
      { day: '2026-03-03', users: 2 },
    ]);
    expect(r.distinctUsers).toBe(3);
    const summary = await callerAs(t.db, prof).analytics.summary({ classId, ...range });
    expect(summary).toMatchObject({
      students: 5,
      submissions: 8,
      accepted: 3,
      acceptanceRate: 0.375,
      activeSubmitters: 2,
      solves: 3,
    });
  });

  it('finds struggling students: failing a lot recently, or inactive', async () => {
    const r = await callerAs(t.db, prof).analytics.struggling({ classId });
    const byName = Object.fromEntries(r.map((x) => [x.username, x]));
    expect(byName.dee).toMatchObject({ reasons: ['failing'], failedRecently: 7, acceptedRecently: 0 });
    expect(byName.dee.stuckOn[0]).toMatchObject({ slug: 'p2', failures: 6 });
    expect(byName.eve).toBeUndefined(); // 5 failures among 15: not struggling
    // ann, ben and cat were last active in March.
    for (const n of ['ann', 'ben', 'cat']) expect(byName[n]?.reasons).toEqual(['inactive']);
    expect(byName.cat.daysInactive).toBeGreaterThan(200);
    expect(r[0].username).toBe('dee');
    const stricter = await callerAs(t.db, prof).analytics.struggling({ classId, minFailures: 8, inactiveDays: 365 });
    expect(stricter).toEqual([]);
  });

  it('exports CSV', async () => {
    const subs = await callerAs(t.db, prof).analytics.exportCsv({ classId, ...range, report: 'submissions' });
    expect(subs.filename).toBe('submissions_2026-03-01_2026-03-03.csv');
    expect(subs.csv.split('\r\n')).toEqual([
      'day,total,AC,WA,TLE,MLE,RE,CE,OLE,IE,SKIPPED,PENDING',
      '2026-03-01,3,1,2,0,0,0,0,0,0,0,0',
      '2026-03-02,2,2,0,0,0,0,0,0,0,0,0',
      '2026-03-03,3,0,1,1,0,0,0,0,0,0,1',
      '',
    ]);
    const problems = await callerAs(t.db, prof).analytics.exportCsv({ classId, ...range, report: 'problems' });
    expect(problems.csv).toContain('p1,P1,EASY,2,2,1,4,2,2\r\n');
    await t.db.user.update({ where: { id: s.dee.id }, data: { displayName: '=HYPERLINK("http://evil")' } });
    const struggling = await callerAs(t.db, prof).analytics.exportCsv({ classId, ...range, report: 'struggling' });
    expect(struggling.csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const roster = await callerAs(t.db, prof).analytics.exportCsv({ classId, ...range, report: 'roster' });
    expect(roster.csv.split('\r\n')).toHaveLength(7); // header, five students, final newline
  });

  it('keeps instructors to their own classes and checks the range', async () => {
    expect(await refusal(callerAs(t.db, otherProf).analytics.problems({ classId, ...range }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(callerAs(t.db, s.ann).analytics.summary({}))).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal(callerAs(t.db, prof).analytics.summary({ from: '2026-03-05', to: '2026-03-01' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(
      await refusal(callerAs(t.db, prof).analytics.summary({ from: '2024-01-01', to: '2026-03-01' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await refusal(callerAs(t.db, prof).analytics.summary({ timeZone: 'Mars/Olympus' }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    // Defaults: the last 30 days up to today.
    const d = await callerAs(t.db, prof).analytics.activeUsers({ classId });
    expect(d.days).toHaveLength(30);
  });
});
