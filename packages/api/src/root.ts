import { adminRouter, flagsRouter } from './routers/admin/router';
import { aiRouter } from './routers/ai/router';
import { analyticsRouter } from './routers/analytics/router';
import { apiKeyRouter } from './routers/apikey/router';
import { authRouter } from './routers/auth/router';
import { authoringRouter } from './routers/authoring/router';
import { contestRouter } from './routers/battle/contest-router';
import { battleRouter } from './routers/battle/router';
import { characterRouter } from './routers/character/router';
import { classesRouter } from './routers/classes/router';
import { collabRouter } from './routers/collab/router';
import { integrityRouter } from './routers/integrity/router';
import { leaderboardRouter } from './routers/leaderboard/router';
import { learningRouter } from './routers/learning/router';
import { matchRouter } from './routers/match/router';
import { meetingRouter } from './routers/meeting/router';
import { notificationRouter } from './routers/notification/router';
import { problemRouter } from './routers/problem/router';
import { savesRouter } from './routers/saves/router';
import { socialRouter } from './routers/social/router';
import { submissionRouter } from './routers/submission/router';
import { userRouter } from './routers/user/router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  user: userRouter,
  admin: adminRouter,
  character: characterRouter,
  learning: learningRouter,
  problem: problemRouter,
  submission: submissionRouter,
  apiKey: apiKeyRouter,
  battle: battleRouter,
  contest: contestRouter,
  match: matchRouter,
  social: socialRouter,
  meeting: meetingRouter,
  ai: aiRouter,
  leaderboard: leaderboardRouter,
  notification: notificationRouter,
  analytics: analyticsRouter,
  saves: savesRouter,
  collab: collabRouter,
  authoring: authoringRouter,
  classes: classesRouter,
  integrity: integrityRouter,
  flags: flagsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
