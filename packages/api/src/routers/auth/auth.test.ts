import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../context';
import { appRouter } from '../../root';
import { browser, testAuthConfig } from '../../testing';
import { SIGN_IN_LIMITS } from './service';
import { signAccessToken } from './tokens';

const config = testAuthConfig();
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const ada = { email: 'Ada@Example.com', username: 'Ada_L', displayName: 'Ada Lovelace', password: 'analytical-engine' };

/** Calls the real HTTP handler, so the error formatter's output is what a browser would get. */
async function post(path: string, body: unknown) {
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(`http://localhost/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: body }),
    }),
    router: appRouter,
    createContext: ({ req, resHeaders }) => createContext({ db: t.db, config, headers: req.headers, resHeaders }),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe('sign-up validation', () => {
  it('explains each bad field and never sends a stack trace', async () => {
    const res = await post('auth.signUp', { email: 'not-an-email', username: 'a', displayName: '', password: 'short' });
    expect(res.status).toBe(400);
    const err = res.body.error.json;
    expect(err.data.code).toBe('BAD_REQUEST');
    expect(err.data.fieldErrors).toEqual({
      email: ['Enter a valid email address'],
      username: ['Username must be at least 3 characters'],
      displayName: ['Enter a display name'],
      password: ['Password must be at least 8 characters'],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/stack|at .*\.ts:\d+/);
  });

  it('refuses a duplicate email, case-insensitively, with a conflict on the email field', async () => {
    const first = await post('auth.signUp', ada);
    expect(first.status).toBe(200);
    expect(first.headers.getSetCookie().join('\n')).toMatch(/rl_access=.*HttpOnly/);
    const dup = await post('auth.signUp', { ...ada, email: 'ada@EXAMPLE.com', username: 'someone_else' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.json.message).toBe('An account with this email already exists');
    expect(dup.body.error.json.data.fieldErrors).toEqual({ email: ['An account with this email already exists'] });
    const dupName = await post('auth.signUp', { ...ada, email: 'other@example.com' });
    expect(dupName.body.error.json.data.fieldErrors).toEqual({ username: ['This username is taken'] });
  });
});

describe('sessions', () => {
  const grace = {
    email: 'grace@example.com',
    username: 'grace',
    displayName: 'Grace Hopper',
    password: 'cobol-forever',
  };

  it('signs up, stays signed in, signs out, and signs in again', async () => {
    const b = browser(t.db, config);
    const s = await b.run((c) => c.auth.signUp(grace));
    expect(s.user).toMatchObject({ email: 'grace@example.com', username: 'grace', role: 'STUDENT' });
    expect(JSON.stringify(s)).not.toContain(b.jar.get('rl_access'));
    expect(await b.run((c) => c.auth.me())).toMatchObject({ username: 'grace' });
    expect((await b.run((c) => c.user.me())).character?.level).toBe(1);

    await b.run((c) => c.auth.signOut());
    expect(b.jar.size).toBe(0);
    expect(await b.run((c) => c.auth.me())).toBeNull();
    await expect(b.run((c) => c.user.me())).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    await b.run((c) => c.auth.signIn({ email: 'GRACE@example.com', password: grace.password }));
    expect(await b.run((c) => c.auth.me())).toMatchObject({ username: 'grace' });
  });

  it('revokes the access token of a signed-out session even before it expires', async () => {
    const b = browser(t.db, config);
    await b.run((c) => c.auth.signIn({ email: grace.email, password: grace.password }));
    const stolen = b.jar.get('rl_access') as string;
    await b.run((c) => c.auth.signOut());
    const attacker = browser(t.db, config);
    await expect(attacker.run((c) => c.user.me(), { authorization: `Bearer ${stolen}` })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('rotates the refresh token: the old one stops working', async () => {
    const b = browser(t.db, config);
    await b.run((c) => c.auth.signIn({ email: grace.email, password: grace.password }));
    const oldRefresh = b.jar.get('rl_refresh') as string;
    await b.run((c) => c.auth.refresh());
    expect(b.jar.get('rl_refresh')).not.toBe(oldRefresh);
    expect(await b.run((c) => c.auth.me())).toMatchObject({ username: 'grace' });
    const replay = browser(t.db, config);
    replay.jar.set('rl_refresh', oldRefresh);
    await expect(replay.run((c) => c.auth.refresh())).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('mints a new access token from the refresh cookie when the access token has expired', async () => {
    const b = browser(t.db, config);
    await b.run((c) => c.auth.signIn({ email: grace.email, password: grace.password }));
    b.jar.delete('rl_access');
    expect(await b.run((c) => c.auth.me())).toMatchObject({ username: 'grace' });
    expect(b.jar.get('rl_access')).toBeTruthy();
  });
});

describe('token verification', () => {
  let token: string;
  let userId: string;
  beforeAll(async () => {
    const b = browser(t.db, config);
    const s = await b.run((c) =>
      c.auth.signUp({
        email: 'turing@example.com',
        username: 'alan',
        displayName: 'Alan Turing',
        password: 'enigma-machine',
      }),
    );
    token = b.jar.get('rl_access') as string;
    userId = s.user.id;
  });
  const asBearer = (tok: string) => browser(t.db, config).run((c) => c.auth.me(), { authorization: `Bearer ${tok}` });

  it('accepts the genuine token', async () => {
    expect(await asBearer(token)).toMatchObject({ id: userId });
  });

  it('rejects a tampered token', async () => {
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims.sub = '00000000-0000-4000-8000-000000000000';
    const forged = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
    expect(await asBearer(forged)).toBeNull();
  });

  it('rejects an expired token', async () => {
    const expired = await signAccessToken(
      { ...config, accessTtlSec: -10 },
      { id: userId, email: 'turing@example.com', role: 'STUDENT', username: 'alan', displayName: 'Alan' },
      (await t.db.authSession.findFirstOrThrow({ where: { userId } })).id,
    );
    expect(await asBearer(expired)).toBeNull();
  });

  it('rejects a token from another issuer, even signed with our key', async () => {
    const session = await t.db.authSession.findFirstOrThrow({ where: { userId } });
    const foreign = await new SignJWT({ session_id: session.id })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('https://evil.example/auth/v1')
      .setAudience('authenticated')
      .setExpirationTime('5m')
      .sign(config.jwtSecret);
    expect(await asBearer(foreign)).toBeNull();
  });

  it('rejects a token signed with another key', async () => {
    const other = await signAccessToken(
      testAuthConfig({ jwtSecret: new TextEncoder().encode('another-secret-another-secret-12') }),
      { id: userId, email: 'x', role: 'ADMIN', username: 'alan', displayName: 'x' },
      'x',
    );
    expect(await asBearer(other)).toBeNull();
  });

  it('rejects garbage', async () => {
    expect(await asBearer('not.a.jwt')).toBeNull();
  });
});

describe('sign-in rate limit', () => {
  it(`locks an email after ${SIGN_IN_LIMITS.perEmail} failures, even for the right password`, async () => {
    const b = browser(t.db, config, '198.51.100.1');
    await b.run((c) =>
      c.auth.signUp({
        email: 'dennis@example.com',
        username: 'dmr',
        displayName: 'Dennis',
        password: 'unix-is-simple',
      }),
    );
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      await expect(
        b.run((c) => c.auth.signIn({ email: 'dennis@example.com', password: `wrong-${i}` })),
      ).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        message: 'Wrong email or password',
      });
    }
    await expect(
      b.run((c) => c.auth.signIn({ email: 'dennis@example.com', password: 'unix-is-simple' })),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    // Another account is not affected.
    await expect(
      b.run((c) => c.auth.signIn({ email: 'turing@example.com', password: 'enigma-machine' })),
    ).resolves.toBeTruthy();
  });
});

describe('password change and account deletion', () => {
  it('changes the password and signs out other sessions only', async () => {
    const laptop = browser(t.db, config);
    const phone = browser(t.db, config);
    const creds = { email: 'barbara@example.com', password: 'substitution' };
    await laptop.run((c) => c.auth.signUp({ ...creds, username: 'liskov', displayName: 'Barbara Liskov' }));
    await phone.run((c) => c.auth.signIn(creds));
    await expect(
      laptop.run((c) => c.auth.changePassword({ currentPassword: 'wrong-password', newPassword: 'principle-2026' })),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await laptop.run((c) => c.auth.changePassword({ currentPassword: creds.password, newPassword: 'principle-2026' }));
    expect(await laptop.run((c) => c.auth.me())).toMatchObject({ username: 'liskov' });
    expect(await phone.run((c) => c.auth.me())).toBeNull();
    await expect(phone.run((c) => c.auth.signIn(creds))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(phone.run((c) => c.auth.signIn({ ...creds, password: 'principle-2026' }))).resolves.toBeTruthy();
  });

  it('deletes the account only with the password and the typed confirmation', async () => {
    const b = browser(t.db, config);
    const creds = { email: 'ken@example.com', password: 'plan-nine-os' };
    const { user } = await b.run((c) => c.auth.signUp({ ...creds, username: 'ken', displayName: 'Ken' }));
    await expect(
      b.run((c) => c.auth.deleteAccount({ password: creds.password, confirm: 'delete' as 'DELETE' })),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      b.run((c) => c.auth.deleteAccount({ password: 'nope-nope', confirm: 'DELETE' })),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await b.run((c) => c.auth.deleteAccount({ password: creds.password, confirm: 'DELETE' }));
    expect(await t.db.user.findUnique({ where: { id: user.id } })).toBeNull();
    expect(await t.db.authSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await b.run((c) => c.auth.me())).toBeNull();
    await expect(browser(t.db, config).run((c) => c.auth.signIn(creds))).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('refuses to delete a guild owner until the guild is handed over', async () => {
    const b = browser(t.db, config);
    const { user } = await b.run((c) =>
      c.auth.signUp({ email: 'owner@example.com', username: 'owner', displayName: 'Owner', password: 'guild-master' }),
    );
    await t.db.guild.create({ data: { name: 'Owners', slug: 'owners', ownerId: user.id } });
    await expect(
      b.run((c) => c.auth.deleteAccount({ password: 'guild-master', confirm: 'DELETE' })),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Transfer ownership of your guilds before deleting your account',
    });
  });
});
