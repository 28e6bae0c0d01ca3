import { router } from '../../trpc';

/** The analytics domain (see DESIGN.md); its procedures land with the issue that owns the domain. */
export const analyticsRouter = router({});
