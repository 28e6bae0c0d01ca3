// A cookie-holding test client: each call builds a real request context from the cookies the
// previous responses set, exactly as a browser would send them.
import type { Db } from '@roguelearn/db';
import type { AuthConfig } from './config';
import { createContext, parseCookies } from './context';
import { createCaller } from './root';

export function testAuthConfig(overrides: Partial<AuthConfig> = {}): AuthConfig {
  return {
    jwtSecret: new TextEncoder().encode('test-secret-test-secret-test-secret!'),
    issuer: 'http://localhost:3000/auth/v1',
    accessTtlSec: 900,
    refreshTtlSec: 3600,
    secureCookies: false,
    ...overrides,
  };
}

export type Caller = ReturnType<typeof createCaller>;

export function browser(db: Db, config: AuthConfig, ip = '203.0.113.7') {
  const jar = new Map<string, string>();
  const absorb = (resHeaders: Headers) => {
    for (const line of resHeaders.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [[name, value] = []] = [...parseCookies(pair)];
      if (!name) continue;
      if (attrs.some((a) => a.trim() === 'Max-Age=0')) jar.delete(name);
      else jar.set(name, value ?? '');
    }
  };
  return {
    jar,
    async run<T>(fn: (c: Caller) => Promise<T>, extra: Record<string, string> = {}): Promise<T> {
      const headers = new Headers({ 'user-agent': 'vitest', 'x-forwarded-for': ip, ...extra });
      if (jar.size && !extra.cookie) {
        headers.set('cookie', [...jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '));
      }
      const resHeaders = new Headers();
      const ctx = await createContext({ db, config, headers, resHeaders });
      try {
        return await fn(createCaller(ctx));
      } finally {
        absorb(resHeaders);
      }
    },
  };
}
