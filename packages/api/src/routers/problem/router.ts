import { router } from '../../trpc';

/** The problem domain (see DESIGN.md); its procedures land with the issue that owns the domain. */
export const problemRouter = router({});
