import { router } from '../../trpc';

/** The notification domain (see DESIGN.md); its procedures land with the issue that owns the domain. */
export const notificationRouter = router({});
