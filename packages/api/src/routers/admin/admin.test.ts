// Administration: user search, roles, suspension (a suspended user can't sign in), the audit log
// viewer, and feature flags whose percentage rollout is deterministic and roughly proportional.
import crypto from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, testAuthConfig } from '../../testing';
import type { SessionUser } from '../auth/service';
import { callerAs, makeUser, refusal } from '../authoring/fixtures';
import { flagOn, rolloutBucket } from './flags';

let t: TestDatabase;
let root: SessionUser;
let prof: SessionUser;
const config = testAuthConfig();

beforeAll(async () => {
  t = await createTestDatabase();
  root = await makeUser(t.db, 'root', 'ADMIN');
  prof = await makeUser(t.db, 'prof', 'INSTRUCTOR');
  for (let i = 0; i < 12; i++) await makeUser(t.db, `student${String(i).padStart(2, '0')}`);
});
afterAll(() => t.drop());

describe('users', () => {
  it('searches by name or email, filters by role and status, paginates', async () => {
    const admin = callerAs(t.db, root).admin.users;
    const page1 = await admin.list({ role: 'STUDENT', pageSize: 5 });
    expect(page1).toMatchObject({ total: 12, page: 1, pageSize: 5 });
    expect(page1.items).toHaveLength(5);
    const page3 = await admin.list({ role: 'STUDENT', pageSize: 5, page: 3 });
    expect(page3.items).toHaveLength(2);
    expect(new Set([...page1.items, ...page3.items].map((u) => u.id)).size).toBe(7);
    expect((await admin.list({ search: 'STUDENT07@EXAMPLE' })).items.map((u) => u.username)).toEqual(['student07']);
    expect((await admin.list({ search: 'prof' })).items.map((u) => u.role)).toEqual(['INSTRUCTOR']);
    expect(await refusal(callerAs(t.db, prof).admin.users.list())).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('changes roles, never one’s own, and keeps an administrator', async () => {
    const s = await t.db.user.findUniqueOrThrow({ where: { username: 'student00' } });
    expect(await callerAs(t.db, root).admin.users.setRole({ userId: s.id, role: 'INSTRUCTOR' })).toEqual({
      id: s.id,
      role: 'INSTRUCTOR',
    });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: s.id } })).role).toBe('INSTRUCTOR');
    expect(await refusal(callerAs(t.db, root).admin.users.setRole({ userId: root.id, role: 'STUDENT' }))).toMatchObject(
      {
        code: 'BAD_REQUEST',
      },
    );
    // A second admin can't demote the only other one if that would leave none.
    const deputy = await makeUser(t.db, 'deputy', 'ADMIN');
    await callerAs(t.db, deputy).admin.users.setRole({ userId: root.id, role: 'INSTRUCTOR' });
    expect(
      await refusal(
        callerAs(t.db, { ...root, role: 'ADMIN' }).admin.users.setRole({ userId: deputy.id, role: 'STUDENT' }),
      ),
    ).toMatchObject({ code: 'PRECONDITION_FAILED' });
    await callerAs(t.db, deputy).admin.users.setRole({ userId: root.id, role: 'ADMIN' });
  });

  it('suspends: sessions end and signing in is refused until unsuspended', async () => {
    const b = browser(t.db, config);
    const { user } = await b.run((c) =>
      c.auth.signUp({
        email: 'mallory@example.com',
        username: 'mallory',
        displayName: 'Mallory',
        password: 'password-123',
      }),
    );
    expect((await b.run((c) => c.auth.me()))?.username).toBe('mallory');

    await callerAs(t.db, root).admin.users.suspend({ userId: user.id, reason: 'Spam in guild chat' });
    expect(await t.db.authSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const fresh = browser(t.db, config);
    expect(
      await refusal(fresh.run((c) => c.auth.signIn({ email: 'mallory@example.com', password: 'password-123' }))),
    ).toMatchObject({ code: 'FORBIDDEN', message: 'This account is suspended' });
    expect((await callerAs(t.db, root).admin.users.list({ status: 'SUSPENDED' })).items.map((u) => u.username)).toEqual(
      ['mallory'],
    );
    expect(await refusal(callerAs(t.db, root).admin.users.suspend({ userId: root.id }))).toMatchObject({
      code: 'BAD_REQUEST',
    });

    await callerAs(t.db, root).admin.users.unsuspend({ userId: user.id });
    await fresh.run((c) => c.auth.signIn({ email: 'mallory@example.com', password: 'password-123' }));
    expect((await fresh.run((c) => c.auth.me()))?.username).toBe('mallory');
  });
});

describe('audit log', () => {
  it('shows who did what, filterable by actor, action, target and date, newest first', async () => {
    const audit = callerAs(t.db, root).admin.audit;
    const all = await audit.list();
    expect(all.items[0]).toMatchObject({ action: 'user.unsuspended', actor: { username: 'root' }, ip: '198.51.100.9' });
    expect(typeof all.items[0].id).toBe('string');
    const suspensions = await audit.list({ action: 'user.suspended' });
    expect(suspensions.items).toHaveLength(1);
    expect(suspensions.items[0].data).toMatchObject({ username: 'mallory', reason: 'Spam in guild chat' });
    const userActions = await audit.list({ action: 'user.' });
    expect(new Set(userActions.items.map((i) => i.action))).toEqual(
      new Set(['user.role_changed', 'user.suspended', 'user.unsuspended']),
    );
    expect((await audit.list({ actor: 'deputy' })).items.every((i) => i.actor?.username === 'deputy')).toBe(true);
    const mallory = await t.db.user.findUniqueOrThrow({ where: { username: 'mallory' } });
    expect((await audit.list({ targetType: 'user', targetId: mallory.id })).total).toBe(2);
    expect((await audit.list({ from: new Date(Date.now() + 60_000) })).items).toEqual([]);
    expect((await audit.list({ pageSize: 2 })).items).toHaveLength(2);
    expect(await audit.actions()).toEqual(expect.arrayContaining(['user.role_changed', 'user.suspended']));
  });
});

describe('feature flags', () => {
  it('are managed by administrators and audited', async () => {
    const flags = callerAs(t.db, root).admin.flags;
    await flags.save({ key: 'new-editor', description: 'CodeMirror 6', enabled: true, rolloutPercent: 30 });
    await flags.save({ key: 'dark-launch', enabled: false, rolloutPercent: 100 });
    expect((await flags.list()).map((f) => [f.key, f.enabled, f.rolloutPercent])).toEqual([
      ['dark-launch', false, 100],
      ['new-editor', true, 30],
    ]);
    expect(await refusal(flags.save({ key: 'Bad Key', enabled: true }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await refusal(flags.save({ key: 'x', rolloutPercent: 101 }))).toMatchObject({ code: 'BAD_REQUEST' });
    await flags.delete({ key: 'dark-launch' });
    expect(await refusal(flags.delete({ key: 'dark-launch' }))).toMatchObject({ code: 'NOT_FOUND' });
    const log = await callerAs(t.db, root).admin.audit.list({ action: 'flag.' });
    expect(log.items.map((i) => i.action)).toEqual(['flag.deleted', 'flag.created', 'flag.created']);
  });

  it('roll out deterministically and roughly in proportion', async () => {
    const ids = Array.from({ length: 4000 }, () => crypto.randomUUID());
    const flag = { key: 'new-editor', enabled: true, rolloutPercent: 30 };
    const on = ids.filter((id) => flagOn(flag, id));
    expect(on.length / ids.length).toBeGreaterThan(0.27);
    expect(on.length / ids.length).toBeLessThan(0.33);
    // The same user always gets the same answer; raising the percentage only adds users.
    expect(ids.filter((id) => flagOn(flag, id))).toEqual(on);
    const wider = new Set(ids.filter((id) => flagOn({ ...flag, rolloutPercent: 60 }, id)));
    expect(on.every((id) => wider.has(id))).toBe(true);
    expect(wider.size / ids.length).toBeGreaterThan(0.56);
    expect(wider.size / ids.length).toBeLessThan(0.64);
    // Flags split users independently of each other.
    const other = ids.filter((id) => flagOn({ ...flag, key: 'other-flag' }, id));
    const both = other.filter((id) => on.includes(id)).length / ids.length;
    expect(both).toBeGreaterThan(0.06);
    expect(both).toBeLessThan(0.12);
    expect(flagOn({ ...flag, enabled: false }, ids[0])).toBe(false);
    expect(flagOn({ ...flag, rolloutPercent: 100 }, null)).toBe(true);
    expect(flagOn(flag, null)).toBe(false);
    expect(rolloutBucket('k', 'u')).toBe(rolloutBucket('k', 'u'));
  });

  it('list how many active accounts each flag reaches, bucketed exactly as evaluation does', async () => {
    const flags = callerAs(t.db, root).admin.flags;
    await flags.save({ key: 'half', enabled: true, rolloutPercent: 50 });
    await flags.save({ key: 'everyone', enabled: true, rolloutPercent: 100 });
    await flags.save({ key: 'off', enabled: false, rolloutPercent: 100 });
    const active = await t.db.user.findMany({ where: { status: 'ACTIVE' }, select: { id: true } });
    const listed = new Map((await flags.list()).map((f) => [f.key, f.reach]));
    const expected = active.filter((u) => flagOn({ key: 'half', enabled: true, rolloutPercent: 50 }, u.id)).length;
    expect(listed.get('half')).toEqual({ users: expected, of: active.length });
    expect(listed.get('everyone')).toEqual({ users: active.length, of: active.length });
    expect(listed.get('off')).toEqual({ users: 0, of: active.length });
    for (const key of ['half', 'everyone', 'off']) await flags.delete({ key });
  });

  it('evaluate for the current user', async () => {
    const students = await t.db.user.findMany({ where: { role: 'STUDENT' }, select: { id: true } });
    for (const s of students) {
      const u = { ...(await t.db.user.findUniqueOrThrow({ where: { id: s.id } })), sessionId: null };
      const r = await callerAs(t.db, u).flags.evaluate({ key: 'new-editor' });
      expect(r).toEqual({ key: 'new-editor', exists: true, enabled: rolloutBucket('new-editor', s.id) < 30 });
      expect((await callerAs(t.db, u).flags.mine())['new-editor']).toBe(r.enabled);
    }
    expect(await callerAs(t.db, null).flags.evaluate({ key: 'new-editor' })).toEqual({
      key: 'new-editor',
      exists: true,
      enabled: false,
    });
    expect(await callerAs(t.db, null).flags.evaluate({ key: 'missing' })).toEqual({
      key: 'missing',
      exists: false,
      enabled: false,
    });
  });
});
