import { router } from '../../trpc';

/** The submission domain (see DESIGN.md); its procedures land with the issue that owns the domain. */
export const submissionRouter = router({});
