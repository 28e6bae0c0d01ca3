import { router } from '../../trpc';

/** The battle domain (see DESIGN.md); its procedures land with the issue that owns the domain. */
export const battleRouter = router({});
