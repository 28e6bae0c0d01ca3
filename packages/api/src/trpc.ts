import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';
import type { Context } from './context';
import { DomainError } from './errors';

/** Who may call a procedure. Every procedure is built from exactly one tier. */
export type Access = 'public' | 'authed' | 'instructor' | 'admin';
export interface Meta {
  access: Access;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    // Stack traces never leave the server, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const zodError = cause instanceof z.ZodError ? z.flattenError(cause) : null;
      const domainFields = cause instanceof DomainError ? cause.fieldErrors : undefined;
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        ...shape,
        message: internal
          ? 'Something went wrong on our side. Please try again.'
          : zodError
            ? 'Please fix the highlighted fields'
            : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors: zodError?.fieldErrors ?? domainFields ?? null,
          formErrors: zodError?.formErrors ?? null,
        },
      };
    },
  });

/** Turns DomainErrors thrown by business logic into typed tRPC errors with safe messages. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
const base = t.procedure.use(domainErrors);

export const publicProcedure = base.meta({ access: 'public' });

export const authedProcedure = base.meta({ access: 'authed' }).use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const instructorProcedure = authedProcedure.meta({ access: 'instructor' }).use(({ ctx, next }) => {
  if (ctx.user.role !== 'INSTRUCTOR' && ctx.user.role !== 'ADMIN') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Instructors only' });
  }
  return next();
});

export const adminProcedure = authedProcedure.meta({ access: 'admin' }).use(({ ctx, next }) => {
  if (ctx.user.role !== 'ADMIN') throw new TRPCError({ code: 'FORBIDDEN', message: 'Administrators only' });
  return next();
});
