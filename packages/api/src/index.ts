export { type AuthConfig, loadAuthConfig } from './config';
export { ACCESS_COOKIE, type Context, createContext, REFRESH_COOKIE } from './context';
export { DomainError } from './errors';
export { type AppRouter, appRouter, createCaller } from './root';
export type { SessionUser } from './routers/auth/service';
export type { Access, Meta } from './trpc';
