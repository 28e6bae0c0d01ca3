import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, testAuthConfig } from '../../testing';

const config = testAuthConfig();
let t: TestDatabase;
let viewer: ReturnType<typeof browser>;
let viewerId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  viewer = browser(t.db, config);
  const { user } = await viewer.run((c) =>
    c.auth.signUp({ email: 'me@x.io', username: 'viewer', displayName: 'Viewer', password: 'password-123' }),
  );
  viewerId = user.id;
  // 20 other students with XP 1000, 950, …, 50 (players 9 and 10 share 500), the viewer at 460: 12th of 21.
  for (let i = 0; i < 20; i++) {
    const u = await t.db.user.create({
      data: {
        email: `p${i}@x.io`,
        username: `player${String(i).padStart(2, '0')}`,
        displayName: `Player ${i}`,
        character: { create: { xp: i === 9 ? 500 : 1000 - i * 50, level: 1 + (20 - i) } },
      },
    });
    ids[`p${i}`] = u.id;
  }
  await t.db.character.upsert({
    where: { userId: viewerId },
    create: { userId: viewerId, xp: 460 },
    update: { xp: 460 },
  });
  // Staff are not ranked.
  await t.db.user.create({
    data: {
      email: 'boss@x.io',
      username: 'boss',
      displayName: 'Boss',
      role: 'INSTRUCTOR',
      character: { create: { xp: 99999 } },
    },
  });
});
afterAll(() => t.drop());

describe('leaderboards', () => {
  it('ranks globally by XP, paginated, always including the viewer with ties sharing a rank', async () => {
    const page1 = await viewer.run((c) => c.leaderboard.global({ by: 'XP', page: 1, pageSize: 5 }));
    expect(page1.total).toBe(21);
    expect(page1.items.map((i) => [i.rank, i.value])).toEqual([
      [1, 1000],
      [2, 950],
      [3, 900],
      [4, 850],
      [5, 800],
    ]);
    expect(page1.items.map((i) => i.user?.username)).not.toContain('boss');
    // XP 500 twice (players 9 and 10): both 10th; the viewer at 460 is 12th, off this page.
    expect(page1.me).toMatchObject({ rank: 12, value: 460, isViewer: true, user: { username: 'viewer' } });
    const page2 = await viewer.run((c) => c.leaderboard.global({ by: 'XP', page: 2, pageSize: 5 }));
    expect(page2.items.map((i) => i.rank)).toEqual([6, 7, 8, 9, 10]);
    const page3 = await viewer.run((c) => c.leaderboard.global({ by: 'XP', page: 3, pageSize: 5 }));
    expect(page3.items.map((i) => i.rank)).toEqual([10, 12, 13, 14, 15]);
    expect(page3.items.find((i) => i.isViewer)?.rank).toBe(12);
    const past = await viewer.run((c) => c.leaderboard.global({ by: 'XP', page: 50, pageSize: 5 }));
    expect(past).toMatchObject({ total: 21, items: [], me: { rank: 12 } });
    // Anonymous visitors get the board without a "me".
    const anon = await browser(t.db, config).run((c) => c.leaderboard.global({ by: 'XP', pageSize: 3 }));
    expect(anon.me).toBeNull();
    expect(anon.items).toHaveLength(3);
  });

  it('ranks by problems solved (distinct accepted problems) and by rating (rated players only)', async () => {
    const p = await t.db.problem.create({
      data: { slug: 'one', title: 'One', statement: '.', difficulty: 'EASY', category: 'x', status: 'PUBLISHED' },
    });
    const q = await t.db.problem.create({
      data: { slug: 'two', title: 'Two', statement: '.', difficulty: 'EASY', category: 'x', status: 'PUBLISHED' },
    });
    const ac = (userId: string, problemId: string) =>
      t.db.submission.create({ data: { userId, problemId, language: 'c', code: 'x', status: 'DONE', verdict: 'AC' } });
    await ac(ids.p3, p.id);
    await ac(ids.p3, p.id);
    await ac(ids.p3, q.id);
    await ac(viewerId, p.id);
    const solved = await viewer.run((c) => c.leaderboard.global({ by: 'SOLVED', pageSize: 2 }));
    expect(solved.items[0]).toMatchObject({ rank: 1, value: 2, user: { username: 'player03' } });
    expect(solved.me).toMatchObject({ rank: 2, value: 1 });

    await t.db.rating.createMany({
      data: [
        { userId: ids.p0, kind: 'DUEL', rating: 1720, gamesPlayed: 5 },
        { userId: ids.p1, kind: 'DUEL', rating: 1480, gamesPlayed: 2 },
        { userId: ids.p2, kind: 'DUEL', rating: 1900, gamesPlayed: 0 },
      ],
    });
    const unrated = await viewer.run((c) => c.leaderboard.global({ by: 'DUEL_RATING' }));
    expect(unrated.items.map((i) => [i.rank, i.value, i.tier?.title])).toEqual([
      [1, 1720, 'Knight'],
      [2, 1480, 'Adept'],
    ]);
    expect(unrated.me).toBeNull();
    await t.db.rating.create({ data: { userId: viewerId, kind: 'DUEL', rating: 1600, gamesPlayed: 1 } });
    const rated = await viewer.run((c) => c.leaderboard.global({ by: 'DUEL_RATING' }));
    expect(rated.me).toMatchObject({ rank: 2, value: 1600, detail: 1 });
  });

  it('ranks among friends, a class and a guild, hiding private profiles from strangers only', async () => {
    for (const p of ['p0', 'p15']) {
      await t.db.friendship.create({ data: { requesterId: viewerId, addresseeId: ids[p], status: 'ACCEPTED' } });
    }
    await t.db.friendship.create({ data: { requesterId: ids.p1, addresseeId: viewerId, status: 'PENDING' } });
    await t.db.preferences.create({ data: { userId: ids.p0, publicProfile: false } });
    const friends = await viewer.run((c) => c.leaderboard.friends({ by: 'XP' }));
    expect(friends.items.map((i) => [i.rank, i.user?.username])).toEqual([
      [1, 'player00'],
      [2, 'viewer'],
      [3, 'player15'],
    ]);
    const global = await viewer.run((c) => c.leaderboard.global({ by: 'XP', pageSize: 1 }));
    expect(global.items[0]).toMatchObject({ rank: 1, value: 1000, user: null });

    const teacher = await t.db.user.create({
      data: { email: 't@x.io', username: 'teacher', displayName: 'T', role: 'INSTRUCTOR' },
    });
    const cls = await t.db.class.create({
      data: { name: 'C', code: 'c1', instructorId: teacher.id, inviteCode: 'inv-c1' },
    });
    await expect(viewer.run((c) => c.leaderboard.class({ classId: cls.id, by: 'XP' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await t.db.classEnrollment.createMany({
      data: [viewerId, ids.p5, ids.p19].map((userId) => ({ classId: cls.id, userId })),
    });
    const klass = await viewer.run((c) => c.leaderboard.class({ classId: cls.id, by: 'XP' }));
    expect(klass.items.map((i) => [i.rank, i.user?.username, i.value])).toEqual([
      [1, 'player05', 750],
      [2, 'viewer', 460],
      [3, 'player19', 50],
    ]);

    const guild = await t.db.guild.create({ data: { name: 'Owls', slug: 'owls', ownerId: ids.p7 } });
    await t.db.guildMember.createMany({
      data: [
        { guildId: guild.id, userId: ids.p7, role: 'OWNER' },
        { guildId: guild.id, userId: viewerId },
      ],
    });
    const board = await viewer.run((c) => c.leaderboard.guild({ guildId: guild.id, by: 'XP' }));
    expect(board).toMatchObject({ total: 2, me: { rank: 2 } });
  });

  it("ranks a seasonal event by its ended contests' scores, ties broken by penalty", async () => {
    const event = await t.db.seasonalEvent.create({
      data: {
        slug: 'winter-cup',
        title: 'Winter Cup',
        startsAt: new Date(Date.now() - 30 * 86_400_000),
        endsAt: new Date(Date.now() + 30 * 86_400_000),
      },
    });
    const contest = (slug: string, endsAt: Date) =>
      t.db.contest.create({
        data: { slug, title: slug, startsAt: new Date(endsAt.getTime() - 3_600_000), endsAt, eventId: event.id },
      });
    const round1 = await contest('winter-1', new Date(Date.now() - 86_400_000));
    const round2 = await contest('winter-2', new Date(Date.now() - 3_600_000));
    const live = await contest('winter-3', new Date(Date.now() + 3_600_000));
    await t.db.contestParticipant.createMany({
      data: [
        { contestId: round1.id, userId: ids.p4, score: 200, penalty: 90 },
        { contestId: round2.id, userId: ids.p4, score: 100, penalty: 30 },
        { contestId: round1.id, userId: viewerId, score: 300, penalty: 150 },
        { contestId: round1.id, userId: ids.p6, score: 300, penalty: 100 },
        // A running contest doesn't count (its scoreboard may be frozen).
        { contestId: live.id, userId: ids.p6, score: 900, penalty: 0 },
      ],
    });
    const board = await browser(t.db, config).run((c) => c.leaderboard.event({ slug: 'winter-cup' }));
    expect(board.event.title).toBe('Winter Cup');
    expect(board.items.map((i) => [i.rank, i.user?.username, i.value, i.penalty, i.detail])).toEqual([
      [1, 'player06', 300, 100, 1],
      [2, 'player04', 300, 120, 2],
      [3, 'viewer', 300, 150, 1],
    ]);
    expect((await viewer.run((c) => c.leaderboard.event({ slug: 'winter-cup' }))).me?.rank).toBe(3);
    const e = await viewer.run((c) => c.contest.event.get({ slug: 'winter-cup' }));
    expect(e.contests.map((x) => x.slug).sort()).toEqual(['winter-1', 'winter-2', 'winter-3']);
  });
});
