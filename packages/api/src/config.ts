import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AuthConfig {
  /** HS256 key for the tokens the platform issues itself (local provider, realtime room tokens). */
  jwtSecret: Uint8Array;
  /** `iss` of locally issued tokens; Supabase uses `<project>/auth/v1`, we mirror the shape. */
  issuer: string;
  accessTtlSec: number;
  refreshTtlSec: number;
  /** Set when Supabase Auth is the identity provider. */
  supabase?: { url: string; jwtSecret?: Uint8Array; jwksUrl: string; issuer: string };
  /** Cookies get `Secure` when the site is served over https. */
  secureCookies: boolean;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Without AUTH_JWT_SECRET outside production, a random secret is kept in `.data/` so restarts
 * don't sign everyone out; production must set it explicitly.
 */
function localSecret(): string {
  if (process.env.AUTH_JWT_SECRET) return process.env.AUTH_JWT_SECRET;
  if (process.env.NODE_ENV === 'production' && !process.env.ROGUELEARN_EMBEDDED) {
    throw new Error('AUTH_JWT_SECRET must be set in production');
  }
  const file = path.join(repoRoot, '.data/jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const site = env.PUBLIC_URL ?? `http://localhost:${env.WEB_PORT ?? 3000}`;
  const supabaseUrl = env.SUPABASE_URL ?? env.NEXT_PUBLIC_SUPABASE_URL;
  const enc = new TextEncoder();
  return {
    jwtSecret: enc.encode(localSecret()),
    issuer: `${site.replace(/\/$/, '')}/auth/v1`,
    accessTtlSec: Number(env.AUTH_ACCESS_TTL_SEC ?? 900),
    refreshTtlSec: Number(env.AUTH_REFRESH_TTL_SEC ?? 30 * 24 * 3600),
    secureCookies: site.startsWith('https://'),
    supabase: supabaseUrl
      ? {
          url: supabaseUrl.replace(/\/$/, ''),
          jwtSecret: env.SUPABASE_JWT_SECRET ? enc.encode(env.SUPABASE_JWT_SECRET) : undefined,
          jwksUrl: env.SUPABASE_JWKS_URL ?? `${supabaseUrl.replace(/\/$/, '')}/auth/v1/.well-known/jwks.json`,
          issuer: `${supabaseUrl.replace(/\/$/, '')}/auth/v1`,
        }
      : undefined,
  };
}
