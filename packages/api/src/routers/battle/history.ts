// Ratings as the profile shows them: current duel and contest ratings with tier, and the history
// points for the chart. A private profile's ratings are as hidden as the profile itself.
import type { Db, RatingKind } from '@roguelearn/db';
import { notFound } from '../../errors';
import { describeRating, TIERS } from './rating';

async function profileOwner(db: Db, username: string, viewerId: string | null) {
  const user = await db.user.findUnique({
    where: { username: username.toLowerCase() },
    select: { id: true, username: true, displayName: true, preferences: { select: { publicProfile: true } } },
  });
  if (!user || (user.preferences?.publicProfile === false && user.id !== viewerId)) throw notFound('User');
  return user;
}

export async function ratingsOf(db: Db, username: string, viewerId: string | null) {
  const user = await profileOwner(db, username, viewerId);
  const rows = await db.rating.findMany({ where: { userId: user.id } });
  const row = (kind: RatingKind) => rows.find((r) => r.kind === kind) ?? null;
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName },
    duel: describeRating('DUEL', row('DUEL')),
    contest: describeRating('CONTEST', row('CONTEST')),
  };
}

/** Chart points, oldest first: one per rated duel or contest. */
export async function ratingHistory(db: Db, username: string, kind: RatingKind, viewerId: string | null) {
  const user = await profileOwner(db, username, viewerId);
  const rows = await db.ratingHistory.findMany({
    where: { userId: user.id, kind },
    orderBy: { createdAt: 'asc' },
    take: 1000,
    select: {
      before: true,
      after: true,
      createdAt: true,
      battle: {
        select: {
          id: true,
          result: true,
          winnerId: true,
          participants: { select: { user: { select: { id: true, username: true } } } },
        },
      },
      contest: {
        select: {
          id: true,
          slug: true,
          title: true,
          participants: { where: { userId: user.id, kind: 'OFFICIAL' }, select: { rank: true } },
        },
      },
    },
  });
  const current = await db.rating.findUnique({ where: { userId_kind: { userId: user.id, kind } } });
  return {
    kind,
    current: describeRating(kind, current),
    tiers: TIERS.map((t) => ({
      key: t.key,
      title: t.title,
      min: Number.isFinite(t.min) ? t.min : null,
      color: t.color,
    })),
    points: rows.map((r) => ({
      at: r.createdAt,
      before: Math.round(r.before),
      rating: Math.round(r.after),
      delta: Math.round(r.after) - Math.round(r.before),
      duel: r.battle
        ? {
            id: r.battle.id,
            opponent: r.battle.participants.find((p) => p.user.id !== user.id)?.user.username ?? null,
            outcome: r.battle.winnerId === null ? 'DRAW' : r.battle.winnerId === user.id ? 'WON' : 'LOST',
          }
        : null,
      contest: r.contest
        ? {
            id: r.contest.id,
            slug: r.contest.slug,
            title: r.contest.title,
            rank: r.contest.participants[0]?.rank ?? null,
          }
        : null,
    })),
  };
}
