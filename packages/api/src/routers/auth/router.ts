import { ACCESS_COOKIE, type Context, REFRESH_COOKIE } from '../../context';
import { DomainError } from '../../errors';
import { changePasswordInput, deleteAccountInput, signInInput, signUpInput } from '../../schemas/auth';
import { authedProcedure, publicProcedure, router } from '../../trpc';
import * as auth from './service';

function setSessionCookies(ctx: Context, s: auth.IssuedSession) {
  ctx.cookies.set(ACCESS_COOKIE, s.accessToken, { maxAgeSec: ctx.config.accessTtlSec });
  ctx.cookies.set(REFRESH_COOKIE, s.refreshToken, { maxAgeSec: ctx.config.refreshTtlSec });
}

/** The session as the browser sees it: tokens stay in HttpOnly cookies, never in the response. */
function publicSession(s: auth.IssuedSession) {
  return { user: s.user, expiresAt: s.expiresAt };
}

export const authRouter = router({
  /** The signed-in user, or null. Public so pages can ask without failing. */
  me: publicProcedure.query(({ ctx }) => ctx.user),

  /** Which identity provider the browser should use. */
  provider: publicProcedure.query(({ ctx }) => ({
    kind: ctx.config.supabase ? ('supabase' as const) : ('local' as const),
  })),

  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    if (ctx.config.supabase) throw new DomainError('PRECONDITION_FAILED', 'Sign up through Supabase Auth');
    const s = await auth.signUp(ctx.db, ctx.config, input, ctx);
    setSessionCookies(ctx, s);
    return publicSession(s);
  }),

  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    if (ctx.config.supabase) throw new DomainError('PRECONDITION_FAILED', 'Sign in through Supabase Auth');
    const s = await auth.signIn(ctx.db, ctx.config, input, ctx);
    setSessionCookies(ctx, s);
    return publicSession(s);
  }),

  refresh: publicProcedure.mutation(async ({ ctx }) => {
    const token = ctx.cookies.get(REFRESH_COOKIE);
    if (!token) throw new DomainError('UNAUTHORIZED', 'Your session has expired. Sign in again.');
    const s = await auth.refresh(ctx.db, ctx.config, token);
    setSessionCookies(ctx, s);
    return publicSession(s);
  }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    await auth.signOut(ctx.db, ctx.user?.sessionId ?? null, ctx.cookies.get(REFRESH_COOKIE));
    ctx.cookies.clear(ACCESS_COOKIE);
    ctx.cookies.clear(REFRESH_COOKIE);
    return { ok: true as const };
  }),

  changePassword: authedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    await auth.changePassword(ctx.db, ctx.user, input.currentPassword, input.newPassword);
    return { ok: true as const };
  }),

  deleteAccount: authedProcedure.input(deleteAccountInput).mutation(async ({ ctx, input }) => {
    await auth.deleteAccount(ctx.db, ctx.user, input.password);
    ctx.cookies.clear(ACCESS_COOKIE);
    ctx.cookies.clear(REFRESH_COOKIE);
    return { ok: true as const };
  }),
});
