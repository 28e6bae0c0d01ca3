// Access tokens have Supabase's claim shape whoever issues them, so everything past verification
// is the same for the embedded default and for Supabase Auth.
import crypto from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { AuthConfig } from '../../config';

export interface AccessClaims extends JWTPayload {
  sub: string;
  email?: string;
  role?: string;
  session_id?: string;
  app_metadata?: { provider?: string; role?: string };
  user_metadata?: Record<string, unknown>;
}

export interface VerifiedToken {
  provider: 'local' | 'supabase';
  sub: string;
  email?: string;
  sessionId?: string;
  displayName?: string;
}

export async function signAccessToken(
  config: AuthConfig,
  user: { id: string; email: string; role: string; username: string; displayName: string },
  sessionId: string,
): Promise<string> {
  return new SignJWT({
    email: user.email,
    role: 'authenticated',
    session_id: sessionId,
    aal: 'aal1',
    app_metadata: { provider: 'email', providers: ['email'], role: user.role.toLowerCase() },
    user_metadata: { username: user.username, display_name: user.displayName },
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(config.issuer)
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime(`${config.accessTtlSec}s`)
    .sign(config.jwtSecret);
}

const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function jwks(url: string) {
  let set = jwksCache.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
    jwksCache.set(url, set);
  }
  return set;
}

/**
 * Verifies signature, expiry, issuer and audience. Returns null for any token we must not trust
 * (tampered, expired, unknown issuer); never throws for bad tokens.
 */
export async function verifyAccessToken(config: AuthConfig, token: string): Promise<VerifiedToken | null> {
  let iss: string | undefined;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    return null;
  }
  try {
    if (iss === config.issuer) {
      const { payload } = await jwtVerify<AccessClaims>(token, config.jwtSecret, {
        issuer: config.issuer,
        audience: 'authenticated',
        algorithms: ['HS256'],
      });
      return { provider: 'local', sub: payload.sub, email: payload.email, sessionId: payload.session_id };
    }
    const sb = config.supabase;
    if (sb && iss === sb.issuer) {
      const opts = { issuer: sb.issuer, audience: 'authenticated' };
      const { payload } = sb.jwtSecret
        ? await jwtVerify<AccessClaims>(token, sb.jwtSecret, { ...opts, algorithms: ['HS256'] })
        : await jwtVerify<AccessClaims>(token, jwks(sb.jwksUrl), { ...opts, algorithms: ['RS256', 'ES256'] });
      const meta = payload.user_metadata ?? {};
      const name = meta.display_name ?? meta.full_name ?? meta.name;
      return {
        provider: 'supabase',
        sub: payload.sub,
        email: payload.email,
        displayName: typeof name === 'string' ? name : undefined,
      };
    }
    return null;
  } catch (err) {
    if (err instanceof errors.JOSEError) return null;
    throw err;
  }
}

export function newRefreshToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}
