import { type AuthConfig, createCaller, createContext, loadAuthConfig } from '@roguelearn/api';
import { headers } from 'next/headers';
import { getDb } from './db';

let authConfig: AuthConfig | undefined;

/** Loaded lazily: in production it throws without AUTH_JWT_SECRET, which must fail requests, not the build. */
export function getAuthConfig(): AuthConfig {
  authConfig ??= loadAuthConfig();
  return authConfig;
}

/** A tRPC caller for server components, acting as the visitor behind the current request. */
export async function serverCaller() {
  const ctx = await createContext({
    db: await getDb(),
    config: getAuthConfig(),
    headers: new Headers(await headers()),
  });
  return createCaller(ctx);
}
