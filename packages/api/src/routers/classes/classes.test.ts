// Classes through the tRPC routers: create, invite code, CSV enrolment (unknown emails reported
// back), the roster with each student's progress, assigning trees and contests, removal.
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/service';
import { callerAs, makeUser, refusal } from '../authoring/fixtures';
import { parseEmailList } from './service';

let t: TestDatabase;
let prof: SessionUser;
let otherProf: SessionUser;
const s: Record<string, SessionUser> = {};
let classId: string;
let inviteCode: string;

beforeAll(async () => {
  t = await createTestDatabase();
  prof = await makeUser(t.db, 'prof', 'INSTRUCTOR');
  otherProf = await makeUser(t.db, 'other', 'INSTRUCTOR');
  for (const name of ['ann', 'ben', 'cat', 'dan']) s[name] = await makeUser(t.db, name);
});
afterAll(() => t.drop());

describe('parsing email lists', () => {
  it('reads plain lists and CSVs with an email column', () => {
    expect(parseEmailList('a@x.io\nB@X.io, c@x.io;\n\n a@x.io ')).toEqual({
      emails: ['a@x.io', 'b@x.io', 'c@x.io'],
      invalid: [],
    });
    expect(parseEmailList('\uFEFFName,Email\r\n"Lovelace, Ada",ada@x.io\r\nGrace,not-an-email\r\n')).toEqual({
      emails: ['ada@x.io'],
      invalid: ['not-an-email'],
    });
    expect(parseEmailList('name,,email\nAda,,ada@x.io\n,,bob@x.io').emails).toEqual(['ada@x.io', 'bob@x.io']);
    expect(parseEmailList('students\nada@x.io\nnobody here')).toEqual({
      emails: ['ada@x.io'],
      invalid: ['nobody here'],
    });
  });
});

describe('a class', () => {
  it('is created with an invite code that students join with', async () => {
    const c = await callerAs(t.db, prof).classes.create({ name: 'Algorithms', code: 'algo-26', description: 'Fall' });
    expect(c.code).toBe('ALGO-26');
    expect(c.inviteCode).toMatch(/^[a-z2-9]{10}$/);
    classId = c.id;
    inviteCode = c.inviteCode;
    expect(await refusal(callerAs(t.db, otherProf).classes.create({ name: 'Copy', code: 'ALGO-26' }))).toMatchObject({
      code: 'CONFLICT',
    });

    // The join page names the class first, and says when the visitor already belongs to it.
    expect(await callerAs(t.db, s.ann).classes.preview({ code: inviteCode.toUpperCase() })).toMatchObject({
      name: 'Algorithms',
      code: 'ALGO-26',
      students: 0,
      relation: null,
    });
    expect((await callerAs(t.db, prof).classes.preview({ code: inviteCode })).relation).toBe('teaching');

    const joined = await callerAs(t.db, s.ann).classes.join({ code: inviteCode });
    expect(joined).toMatchObject({ id: classId, alreadyEnrolled: false });
    expect((await callerAs(t.db, s.ann).classes.join({ code: inviteCode })).alreadyEnrolled).toBe(true);
    expect(await refusal(callerAs(t.db, s.ben).classes.join({ code: 'wrong-code' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(callerAs(t.db, prof).classes.join({ code: inviteCode }))).toMatchObject({
      code: 'BAD_REQUEST',
    });

    // A new code retires the old one.
    const rotated = await callerAs(t.db, prof).classes.rotateInvite({ classId });
    expect(rotated.inviteCode).not.toBe(inviteCode);
    expect(await refusal(callerAs(t.db, s.ben).classes.join({ code: inviteCode }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(callerAs(t.db, s.ben).classes.preview({ code: inviteCode }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await callerAs(t.db, s.ann).classes.preview({ code: rotated.inviteCode })).toMatchObject({
      students: 1,
      relation: 'enrolled',
    });
  });

  it('enrols by CSV and reports unknown emails back', async () => {
    const csv = [
      'name,email',
      'Ben,BEN@example.com',
      'Cat,cat@example.com',
      'Ann,ann@example.com',
      'Ghost,ghost@example.com',
      'Prof,prof@example.com',
      'Typo,cat-at-example.com',
      'Ben again,ben@example.com',
    ].join('\n');
    const r = await callerAs(t.db, prof).classes.enrollCsv({ classId, csv });
    expect(r.enrolled.map((e) => e.username)).toEqual(['ben', 'cat']);
    expect(r.alreadyEnrolled).toEqual(['ann@example.com', 'prof@example.com']);
    expect(r.unknown).toEqual(['ghost@example.com']);
    expect(r.invalid).toEqual(['cat-at-example.com']);
    expect(await t.db.classEnrollment.count({ where: { classId } })).toBe(3);
    expect(
      await refusal(callerAs(t.db, otherProf).classes.enrollCsv({ classId, csv: 'dan@example.com' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('shows each student’s progress in the roster', async () => {
    const p1 = await t.db.problem.create({
      data: { slug: 'p1', title: 'P1', statement: '.', difficulty: 'EASY', category: 'x', status: 'PUBLISHED' },
    });
    const p2 = await t.db.problem.create({
      data: { slug: 'p2', title: 'P2', statement: '.', difficulty: 'EASY', category: 'x', status: 'PUBLISHED' },
    });
    const sub = (
      u: SessionUser,
      problemId: string,
      verdict: 'AC' | 'WA',
      at: string,
      kind: 'SUBMIT' | 'RUN' = 'SUBMIT',
    ) =>
      t.db.submission.create({
        data: {
          userId: u.id,
          problemId,
          language: 'python3',
          code: '.',
          status: 'DONE',
          verdict,
          kind,
          createdAt: new Date(at),
        },
      });
    await sub(s.ann, p1.id, 'WA', '2026-11-01T10:00:00Z');
    await sub(s.ann, p1.id, 'AC', '2026-11-01T11:00:00Z');
    await sub(s.ann, p1.id, 'AC', '2026-11-02T11:00:00Z');
    await sub(s.ann, p2.id, 'AC', '2026-11-03T11:00:00Z');
    await sub(s.ann, p2.id, 'AC', '2026-11-04T11:00:00Z', 'RUN');
    await sub(s.ben, p2.id, 'WA', '2026-11-02T09:00:00Z');
    await t.db.character.create({ data: { userId: s.ann.id, xp: 420, level: 4 } });
    const tree = await t.db.skillTree.create({
      data: {
        title: 'Basics',
        authorId: prof.id,
        classId,
        status: 'PUBLISHED',
        nodes: {
          create: [
            { key: 'loops', title: 'Loops' },
            { key: 'arrays', title: 'Arrays' },
          ],
        },
      },
      include: { nodes: true },
    });
    await t.db.skillProgress.create({
      data: { userId: s.ann.id, nodeId: tree.nodes[0].id, status: 'COMPLETED', points: 10 },
    });

    const r = await callerAs(t.db, prof).classes.roster({ classId });
    expect(r).toMatchObject({ nodesTotal: 2, questsTotal: 0 });
    const row = (name: string) => r.students.find((x) => x.username === name);
    expect(row('ann')).toMatchObject({
      xp: 420,
      level: 4,
      problemsSolved: 2,
      submissions: 4,
      accepted: 3,
      nodesCompleted: 1,
    });
    // Joining the class is tracked activity, later than any submission here.
    expect(row('ann')?.lastActivityAt?.getTime()).toBeGreaterThan(Date.parse('2026-11-04T11:00:00Z'));
    expect(row('ben')).toMatchObject({ xp: 0, level: 1, problemsSolved: 0, submissions: 1, nodesCompleted: 0 });
    expect(row('cat')).toMatchObject({ submissions: 0, lastActivityAt: expect.any(Date) }); // joined: tracked event
    expect(await refusal(callerAs(t.db, otherProf).classes.roster({ classId }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gets trees and upcoming contests assigned, and lists them', async () => {
    const tree = await t.db.skillTree.create({ data: { title: 'Graphs', authorId: prof.id } });
    const soon = await t.db.contest.create({
      data: {
        slug: 'weekly',
        title: 'Weekly',
        startsAt: new Date(Date.now() + 86400_000),
        endsAt: new Date(Date.now() + 90000_000),
        createdById: prof.id,
      },
    });
    const running = await t.db.contest.create({
      data: {
        slug: 'live',
        title: 'Live',
        startsAt: new Date(Date.now() - 60_000),
        endsAt: new Date(Date.now() + 3600_000),
        createdById: prof.id,
      },
    });
    await callerAs(t.db, prof).classes.assign({ classId, skillTreeId: tree.id });
    const after = await callerAs(t.db, prof).classes.assign({ classId, contestId: soon.id });
    expect(after.skillTrees.map((x) => x.title).sort()).toEqual(['Basics', 'Graphs']);
    expect(after.contests.map((x) => [x.slug, x.visibility])).toEqual([['weekly', 'CLASS']]);
    expect(await refusal(callerAs(t.db, prof).classes.assign({ classId, contestId: running.id }))).toMatchObject({
      code: 'CONFLICT',
    });
    const foreignTree = await t.db.skillTree.create({ data: { title: 'Not mine', authorId: otherProf.id } });
    expect(await refusal(callerAs(t.db, prof).classes.assign({ classId, skillTreeId: foreignTree.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    const unassigned = await callerAs(t.db, prof).classes.unassign({ classId, contestId: soon.id });
    expect(unassigned.contests).toEqual([]);
    expect((await t.db.contest.findUniqueOrThrow({ where: { id: soon.id } })).visibility).toBe('PUBLIC');

    const mine = await callerAs(t.db, prof).classes.mine();
    expect(mine).toEqual([expect.objectContaining({ id: classId, students: 3, skillTrees: 2, contests: 0 })]);
    expect(await callerAs(t.db, otherProf).classes.mine()).toEqual([]);
  });

  it('removes a student', async () => {
    await callerAs(t.db, prof).classes.removeStudent({ classId, userId: s.ben.id });
    expect((await callerAs(t.db, prof).classes.roster({ classId })).students.map((x) => x.username).sort()).toEqual([
      'ann',
      'cat',
    ]);
    expect(await refusal(callerAs(t.db, prof).classes.removeStudent({ classId, userId: s.ben.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    const log = await t.db.auditLog.findMany({ where: { targetId: classId }, select: { action: true } });
    expect(log.map((l) => l.action)).toEqual(
      expect.arrayContaining(['class.created', 'class.enrolled', 'class.assigned', 'class.student_removed']),
    );
  });
});
