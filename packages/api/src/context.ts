import type { Db } from '@roguelearn/db';
import type { Notifier } from '@roguelearn/db/notify';
import type { AuthConfig } from './config';
import { resolveSessionUser, type SessionUser } from './routers/auth/service';

export const ACCESS_COOKIE = 'rl_access';
export const REFRESH_COOKIE = 'rl_refresh';

export interface CookieOptions {
  maxAgeSec: number;
  httpOnly?: boolean;
}

export interface Context {
  db: Db;
  config: AuthConfig;
  user: SessionUser | null;
  ip: string;
  userAgent: string | null;
  /** Shared LISTEN connection for live updates; absent where nothing subscribes (scripts). */
  notifier?: Notifier;
  cookies: {
    get(name: string): string | undefined;
    set(name: string, value: string, opts: CookieOptions): void;
    clear(name: string): void;
  };
}

export function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

function serializeCookie(name: string, value: string, maxAgeSec: number, secure: boolean, httpOnly = true): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${maxAgeSec}`,
    'SameSite=Lax',
    httpOnly ? 'HttpOnly' : '',
    secure ? 'Secure' : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** Builds the context for an HTTP request: verifies the bearer token or session cookies. */
export async function createContext(opts: {
  db: Db;
  config: AuthConfig;
  headers: Headers;
  resHeaders?: Headers;
  notifier?: Notifier;
}): Promise<Context> {
  const { db, config, headers, resHeaders, notifier } = opts;
  const jar = parseCookies(headers.get('cookie'));
  const cookies: Context['cookies'] = {
    get: (name) => jar.get(name),
    set: (name, value, o) => {
      jar.set(name, value);
      resHeaders?.append('set-cookie', serializeCookie(name, value, o.maxAgeSec, config.secureCookies, o.httpOnly));
    },
    clear: (name) => {
      jar.delete(name);
      resHeaders?.append('set-cookie', serializeCookie(name, '', 0, config.secureCookies));
    },
  };
  const bearer = headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  const { user, newAccessToken } = await resolveSessionUser(db, config, {
    accessToken: bearer ?? jar.get(ACCESS_COOKIE),
    refreshToken: bearer ? null : jar.get(REFRESH_COOKIE),
  });
  if (newAccessToken) cookies.set(ACCESS_COOKIE, newAccessToken, { maxAgeSec: config.accessTtlSec });
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return {
    db,
    config,
    user,
    ip: forwarded || headers.get('x-real-ip') || 'unknown',
    userAgent: headers.get('user-agent'),
    notifier,
    cookies,
  };
}
