import { router } from '../../trpc';

/** The learning domain (see DESIGN.md); its procedures land with the issue that owns the domain. */
export const learningRouter = router({});
