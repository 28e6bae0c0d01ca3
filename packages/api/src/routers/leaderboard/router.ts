import { router } from '../../trpc';

/** The leaderboard domain (see DESIGN.md); its procedures land with the issue that owns the domain. */
export const leaderboardRouter = router({});
