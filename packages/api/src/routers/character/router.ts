import { router } from '../../trpc';

/** The character domain (see DESIGN.md); its procedures land with the issue that owns the domain. */
export const characterRouter = router({});
