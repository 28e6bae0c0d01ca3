import { router } from '../../trpc';

/** The saves domain (see DESIGN.md); its procedures land with the issue that owns the domain. */
export const savesRouter = router({});
