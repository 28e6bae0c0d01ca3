import { z } from 'zod';

/** What a leaderboard ranks by: a rating (duel or contest), total XP, or distinct problems solved. */
export const leaderboardMetrics = ['DUEL_RATING', 'CONTEST_RATING', 'XP', 'SOLVED'] as const;

const page = {
  by: z.enum(leaderboardMetrics).default('CONTEST_RATING'),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
};

export const globalLeaderboardInput = z.object(page).default({ by: 'CONTEST_RATING', page: 1, pageSize: 25 });
export const friendsLeaderboardInput = globalLeaderboardInput;
export const classLeaderboardInput = z.object({ ...page, classId: z.uuid({ error: 'Unknown class' }) });
export const guildLeaderboardInput = z.object({ ...page, guildId: z.uuid({ error: 'Unknown guild' }) });
export const eventLeaderboardInput = z.object({
  slug: z.string().trim().toLowerCase().min(1).max(60),
  page: page.page,
  pageSize: page.pageSize,
});
