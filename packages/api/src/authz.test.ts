// The authorization matrix: every procedure of the root router, called by anonymous visitors and
// by each role, is refused or let through exactly as its declared tier says. A new procedure
// without a row here fails the first test, so nobody can add one without stating who may call it.
import type { Role } from '@roguelearn/db';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './root';
import { browser, testAuthConfig } from './testing';
import type { Access } from './trpc';

const expected: Record<string, Access> = {
  'auth.me': 'public',
  'auth.provider': 'public',
  'auth.signUp': 'public',
  'auth.signIn': 'public',
  'auth.refresh': 'public',
  'auth.signOut': 'public',
  'auth.changePassword': 'authed',
  'auth.deleteAccount': 'authed',
  'user.me': 'authed',
  'user.byUsername': 'public',
  'user.updateProfile': 'authed',
  'user.updatePreferences': 'authed',
  'user.setSkillLevel': 'authed',
  'user.friends': 'authed',
  'admin.overview': 'instructor',
  'admin.recentUsers': 'admin',
  'problem.list': 'public',
  'problem.bySlug': 'public',
  'submission.languages': 'public',
  'submission.create': 'authed',
  'submission.run': 'authed',
  'submission.get': 'authed',
  'submission.list': 'authed',
  'submission.onUpdate': 'authed',
  'apiKey.list': 'authed',
  'apiKey.create': 'authed',
  'apiKey.revoke': 'authed',
};

type Who = 'anonymous' | Role;
const allowed: Record<Access, Who[]> = {
  public: ['anonymous', 'STUDENT', 'INSTRUCTOR', 'ADMIN'],
  authed: ['STUDENT', 'INSTRUCTOR', 'ADMIN'],
  instructor: ['INSTRUCTOR', 'ADMIN'],
  admin: ['ADMIN'],
};
/** The messages of the tier guards in trpc.ts: only these mean "refused by authorization". */
const guardMessages = ['Sign in to continue', 'Instructors only', 'Administrators only'];

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { access?: Access } } }>;
const config = testAuthConfig();
let t: TestDatabase;
const sessions = new Map<Who, ReturnType<typeof browser>>();

beforeAll(async () => {
  t = await createTestDatabase();
  sessions.set('anonymous', browser(t.db, config));
  for (const role of ['STUDENT', 'INSTRUCTOR', 'ADMIN'] as const) {
    const b = browser(t.db, config);
    const name = role.toLowerCase();
    const { user } = await b.run((c) =>
      c.auth.signUp({ email: `${name}@example.com`, username: name, displayName: name, password: 'matrix-password' }),
    );
    await t.db.user.update({ where: { id: user.id }, data: { role } });
    sessions.set(role, b);
  }
});
afterAll(() => t.drop());

describe('authorization matrix', () => {
  it('declares a tier for every procedure, matching the one it is built from', () => {
    const declared = Object.fromEntries(Object.entries(procedures).map(([path, p]) => [path, p._def.meta?.access]));
    expect(declared).toEqual(expected);
  });

  // Sign-out last, so it doesn't sign the matrix's users out mid-run.
  const order = Object.keys(expected).sort((a, b) => Number(a === 'auth.signOut') - Number(b === 'auth.signOut'));
  for (const path of order) {
    for (const who of ['anonymous', 'STUDENT', 'INSTRUCTOR', 'ADMIN'] as Who[]) {
      const shouldPass = allowed[expected[path]].includes(who);
      it(`${path} ${shouldPass ? 'admits' : 'refuses'} ${who}`, async () => {
        const session = sessions.get(who) as ReturnType<typeof browser>;
        let refusedBy: string | null = null;
        try {
          await session.run(async (caller) => {
            const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller);
            // No input: admitted callers then fail validation (BAD_REQUEST), which is not a refusal.
            return (fn as (input?: unknown) => Promise<unknown>)(undefined);
          });
        } catch (err) {
          if (err instanceof TRPCError && guardMessages.includes(err.message)) refusedBy = err.code;
        }
        if (shouldPass) expect(refusedBy).toBeNull();
        else expect(refusedBy).toBe(who === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN');
      });
    }
  }
});
