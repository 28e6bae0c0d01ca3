// A local stand-in for Supabase Auth (GoTrue) speaking just enough of its REST API for the real
// `@supabase/supabase-js` client: password sign-up/sign-in and the JWKS endpoint. Tests only.
import crypto from 'node:crypto';
import http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export async function startSupabaseStandIn() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = 'standin-key-1';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const users = new Map<string, { id: string; password: string; name?: string }>();
  let url = '';

  async function session(email: string) {
    const u = users.get(email) as { id: string; name?: string };
    const now = Math.floor(Date.now() / 1000);
    const access_token = await new SignJWT({
      email,
      role: 'authenticated',
      // A client-controlled claim that must NOT grant platform roles.
      app_metadata: { provider: 'email', role: 'admin' },
      user_metadata: { full_name: u.name },
    })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject(u.id)
      .setIssuer(`${url}/auth/v1`)
      .setAudience('authenticated')
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);
    return {
      access_token,
      token_type: 'bearer',
      expires_in: 3600,
      expires_at: now + 3600,
      refresh_token: crypto.randomBytes(16).toString('hex'),
      user: { id: u.id, aud: 'authenticated', role: 'authenticated', email, user_metadata: { full_name: u.name } },
    };
  }

  const server = http.createServer(async (req, res) => {
    const reqUrl = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    if (reqUrl.pathname === '/auth/v1/.well-known/jwks.json') return send(200, { keys: [jwk] });
    if (reqUrl.pathname === '/auth/v1/signup' && req.method === 'POST') {
      if (users.has(body.email))
        return send(422, { code: 422, error_code: 'user_already_exists', msg: 'User already registered' });
      users.set(body.email, { id: crypto.randomUUID(), password: body.password, name: body.data?.full_name });
      return send(200, await session(body.email));
    }
    if (reqUrl.pathname === '/auth/v1/token' && reqUrl.searchParams.get('grant_type') === 'password') {
      const u = users.get(body.email);
      if (!u || u.password !== body.password) {
        return send(400, { code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
      }
      return send(200, await session(body.email));
    }
    send(404, { msg: 'not found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}
