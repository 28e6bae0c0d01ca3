import { router } from '../../trpc';

/** The ai domain (see DESIGN.md); its procedures land with the issue that owns the domain. */
export const aiRouter = router({});
