import { router } from '../../trpc';

/** The social domain (see DESIGN.md); its procedures land with the issue that owns the domain. */
export const socialRouter = router({});
