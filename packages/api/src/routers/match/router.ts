import { router } from '../../trpc';

/** The match domain (see DESIGN.md); its procedures land with the issue that owns the domain. */
export const matchRouter = router({});
