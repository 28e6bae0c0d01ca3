// The character sheet and its history, read from what the rules engine wrote.
import type { Db } from '@roguelearn/db';
import type { z } from 'zod';
import { notFound } from '../../errors';
import type { characterHistoryInput } from '../../schemas/character';
import type { SessionUser } from '../auth/service';
import { catchUpSubmissions, levelProgress } from './rules';

/** History rows as the UI shows them. */
function describe(reason: string, amount: number): string {
  if (reason === 'first-solve') return 'Solved a problem for the first time';
  if (reason === 'accepted') return 'Solved a problem again';
  if (reason === 'active-day') return 'Active day';
  if (reason.startsWith('streak-day-')) return `${reason.slice('streak-day-'.length)}-day streak`;
  if (reason === 'quest-step') return 'Completed a quest step';
  if (reason === 'boss-step') return 'Defeated a boss';
  if (reason === 'quest-completed') return 'Completed a quest';
  if (reason === 'node-mastered') return 'Mastered a skill';
  if (reason.startsWith('hint-tier-')) return `Unlocked a tier ${reason.slice('hint-tier-'.length)} hint`;
  if (reason === 'duel-won') return 'Won a duel';
  if (reason === 'pair-session-solved') return 'Solved a problem in a pair session';
  if (reason === 'dungeon-won') return 'Cleared a dungeon';
  if (reason.startsWith('achievement:')) return `Achievement: ${reason.slice('achievement:'.length)}`;
  if (reason.startsWith('level-')) return `Reached level ${reason.slice('level-'.length)}`;
  return amount >= 0 ? reason : `Spent: ${reason}`;
}

export async function getSheet(db: Db, viewer: SessionUser, username?: string) {
  const own = !username || username === viewer.username;
  const user = await db.user.findUnique({
    where: own ? { id: viewer.id } : { username },
    select: {
      id: true,
      username: true,
      displayName: true,
      preferences: { select: { publicProfile: true } },
      profile: { select: { avatarUrl: true } },
    },
  });
  const staff = viewer.role === 'INSTRUCTOR' || viewer.role === 'ADMIN';
  if (!user || (!own && !staff && user.preferences?.publicProfile === false)) throw notFound('Character');
  if (own) await catchUpSubmissions(db, user.id);

  const character =
    (await db.character.findUnique({ where: { userId: user.id } })) ??
    (await db.character.create({ data: { userId: user.id } }));
  const [achievements, earned, skills, recent, solved] = await Promise.all([
    db.achievement.findMany({ orderBy: { createdAt: 'asc' } }),
    db.userAchievement.findMany({ where: { userId: user.id }, select: { achievementId: true, earnedAt: true } }),
    db.skillProgress.findMany({
      where: { userId: user.id, OR: [{ points: { gt: 0 } }, { status: { in: ['IN_PROGRESS', 'COMPLETED'] } }] },
      orderBy: { updatedAt: 'desc' },
      select: {
        points: true,
        status: true,
        node: { select: { id: true, key: true, title: true, tags: true, tree: { select: { id: true, title: true } } } },
      },
    }),
    own
      ? db.xpEvent.findMany({
          where: { userId: user.id },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: 10,
          select: { id: true, amount: true, reason: true, sourceType: true, sourceId: true, createdAt: true },
        })
      : Promise.resolve([]),
    db.submission.findMany({
      where: { userId: user.id, kind: 'SUBMIT', verdict: 'AC', status: 'DONE' },
      distinct: ['problemId'],
      select: { problemId: true },
    }),
  ]);
  const earnedAt = new Map(earned.map((e) => [e.achievementId, e.earnedAt]));
  // Skill totals per tag, for a radar or a list: each node's points spread over its tags.
  const byTag = new Map<string, number>();
  for (const s of skills) for (const tag of s.node.tags) byTag.set(tag, (byTag.get(tag) ?? 0) + s.points);

  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, avatarUrl: user.profile?.avatarUrl },
    own,
    title: character.title,
    level: character.level,
    xp: character.xp,
    xpBar: levelProgress(character.level, character.xp),
    skillPoints: character.skillPoints,
    streakDays: character.streakDays,
    lastActiveDate: character.lastActiveDate,
    problemsSolved: solved.length,
    skills: skills.map((s) => ({
      nodeId: s.node.id,
      key: s.node.key,
      title: s.node.title,
      tree: s.node.tree,
      tags: s.node.tags,
      points: s.points,
      status: s.status,
    })),
    skillsByTag: [...byTag].map(([tag, points]) => ({ tag, points })).sort((a, b) => b.points - a.points),
    achievements: achievements.map((a) => ({
      key: a.key,
      title: a.title,
      description: a.description,
      icon: a.icon,
      xpReward: a.xpReward,
      earned: earnedAt.has(a.id),
      earnedAt: earnedAt.get(a.id) ?? null,
    })),
    recent: recent.map((r) => ({ ...r, label: describe(r.reason, r.amount) })),
  };
}

export async function history(db: Db, viewer: SessionUser, input: z.infer<typeof characterHistoryInput>) {
  const rows = await db.xpEvent.findMany({
    where: { userId: viewer.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: { id: true, amount: true, reason: true, sourceType: true, sourceId: true, createdAt: true },
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return {
    items: items.map((r) => ({ ...r, label: describe(r.reason, r.amount) })),
    nextCursor: hasMore ? items[items.length - 1].id : null,
  };
}
