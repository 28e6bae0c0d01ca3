import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { createClient } from '@supabase/supabase-js';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { browser, testAuthConfig } from '../../testing';
import { startSupabaseStandIn } from './supabase-standin';

let t: TestDatabase;
let standIn: Awaited<ReturnType<typeof startSupabaseStandIn>>;
let config: ReturnType<typeof testAuthConfig>;

beforeAll(async () => {
  t = await createTestDatabase();
  standIn = await startSupabaseStandIn();
  config = testAuthConfig({
    supabase: {
      url: standIn.url,
      jwksUrl: `${standIn.url}/auth/v1/.well-known/jwks.json`,
      issuer: `${standIn.url}/auth/v1`,
    },
  });
});
afterAll(async () => {
  await standIn.close();
  await t.drop();
});

const asBearer = (token: string) => browser(t.db, config).run((c) => c.user.me(), { authorization: `Bearer ${token}` });

describe('Supabase Auth path', () => {
  it('accepts a token from supabase-js, provisions the user once, and keeps roles ours', async () => {
    const supabase = createClient(standIn.url, 'anon-key', {
      auth: { persistSession: false, autoRefreshToken: false },
      // Node 20 has no global WebSocket; supabase-js insists on one for its realtime client.
      realtime: { transport: WebSocket as never },
    });
    const signUp = await supabase.auth.signUp({
      email: 'margaret@example.com',
      password: 'apollo-guidance',
      options: { data: { full_name: 'Margaret Hamilton' } },
    });
    expect(signUp.error).toBeNull();
    const { data, error } = await supabase.auth.signInWithPassword({
      email: 'margaret@example.com',
      password: 'apollo-guidance',
    });
    expect(error).toBeNull();
    const token = data.session?.access_token as string;

    const me = await asBearer(token);
    expect(me).toMatchObject({
      email: 'margaret@example.com',
      displayName: 'Margaret Hamilton',
      provider: 'SUPABASE',
      role: 'STUDENT',
    });
    await asBearer(token);
    expect(await t.db.user.count({ where: { email: 'margaret@example.com' } })).toBe(1);

    const wrong = await supabase.auth.signInWithPassword({ email: 'margaret@example.com', password: 'nope' });
    expect(wrong.error?.message).toBe('Invalid login credentials');
  });

  it('refuses a token signed by a key the project does not publish', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ email: 'mallory@example.com' })
      .setProtectedHeader({ alg: 'RS256', kid: (await exportJWK(publicKey)).kid ?? 'standin-key-1' })
      .setSubject(crypto.randomUUID())
      .setIssuer(`${standIn.url}/auth/v1`)
      .setAudience('authenticated')
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(asBearer(token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await t.db.user.count({ where: { email: 'mallory@example.com' } })).toBe(0);
  });

  it('verifies HS256 tokens with the project JWT secret when one is configured', async () => {
    const secret = new TextEncoder().encode('supabase-project-jwt-secret-0123456789');
    const hsConfig = testAuthConfig({
      supabase: {
        url: standIn.url,
        jwksUrl: 'http://127.0.0.1:9/unused',
        issuer: `${standIn.url}/auth/v1`,
        jwtSecret: secret,
      },
    });
    const sign = (key: Uint8Array) =>
      new SignJWT({ email: 'frances@example.com' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('7f1c1d1e-0000-4000-8000-000000000001')
        .setIssuer(`${standIn.url}/auth/v1`)
        .setAudience('authenticated')
        .setExpirationTime('1h')
        .sign(key);
    const ok = await browser(t.db, hsConfig).run((c) => c.auth.me(), { authorization: `Bearer ${await sign(secret)}` });
    expect(ok).toMatchObject({ email: 'frances@example.com' });
    const bad = await browser(t.db, hsConfig).run((c) => c.auth.me(), {
      authorization: `Bearer ${await sign(new TextEncoder().encode('some-other-secret-some-other-secret'))}`,
    });
    expect(bad).toBeNull();
  });
});
