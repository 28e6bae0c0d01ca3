import type { Db } from '@roguelearn/db';
import type { z } from 'zod';
import { notFound } from '../../errors';
import type { updatePreferencesInput, updateProfileInput } from '../../schemas/user';

const publicUser = { id: true, username: true, displayName: true, role: true, createdAt: true } as const;

export async function getMe(db: Db, userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      ...publicUser,
      email: true,
      provider: true,
      profile: true,
      preferences: true,
      character: true,
      ratings: { select: { kind: true, rating: true, gamesPlayed: true } },
      _count: { select: { submissions: true, achievements: true } },
    },
  });
  if (!user) throw notFound('User');
  return user;
}

export async function getPublicProfile(db: Db, username: string, viewerId: string | null) {
  const user = await db.user.findUnique({
    where: { username },
    select: {
      ...publicUser,
      profile: {
        select: { bio: true, avatarUrl: true, location: true, website: true, github: true, skillLevel: true },
      },
      preferences: { select: { publicProfile: true } },
      character: { select: { level: true, xp: true, title: true, streakDays: true } },
      ratings: { select: { kind: true, rating: true, gamesPlayed: true } },
      achievements: { select: { earnedAt: true, achievement: { select: { key: true, title: true, icon: true } } } },
    },
  });
  // A private profile is indistinguishable from a missing one to everyone but its owner.
  if (!user || (user.preferences?.publicProfile === false && user.id !== viewerId)) throw notFound('User');
  const { preferences: _p, ...rest } = user;
  return rest;
}

export async function updateProfile(db: Db, userId: string, input: z.infer<typeof updateProfileInput>) {
  const { displayName, ...profile } = input;
  const clean = Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, v === '' ? null : v]));
  return db.user.update({
    where: { id: userId },
    data: {
      ...(displayName ? { displayName } : {}),
      profile: { upsert: { create: clean, update: clean } },
    },
    select: { displayName: true, profile: true },
  });
}

export async function updatePreferences(db: Db, userId: string, input: z.infer<typeof updatePreferencesInput>) {
  return db.preferences.upsert({ where: { userId }, create: { userId, ...input }, update: input });
}

export async function setSkillLevel(
  db: Db,
  userId: string,
  skillLevel: 'BEGINNER' | 'INTERMEDIATE' | 'ADVANCED' | 'EXPERT',
) {
  return db.profile.upsert({ where: { userId }, create: { userId, skillLevel }, update: { skillLevel } });
}

/** Accepted friendships in either direction, newest first. */
export async function listFriends(db: Db, userId: string) {
  const rows = await db.friendship.findMany({
    where: { status: 'ACCEPTED', OR: [{ requesterId: userId }, { addresseeId: userId }] },
    orderBy: { respondedAt: 'desc' },
    select: {
      respondedAt: true,
      requester: { select: { ...publicUser, lastSeenAt: true, character: { select: { level: true } } } },
      addressee: { select: { ...publicUser, lastSeenAt: true, character: { select: { level: true } } } },
    },
  });
  return rows.map((r) => ({
    since: r.respondedAt,
    user: r.requester.id === userId ? r.addressee : r.requester,
  }));
}
