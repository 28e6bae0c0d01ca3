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
  'admin.users.list': 'admin',
  'admin.users.setRole': 'admin',
  'admin.users.suspend': 'admin',
  'admin.users.unsuspend': 'admin',
  'admin.audit.list': 'admin',
  'admin.audit.actions': 'admin',
  'admin.flags.list': 'admin',
  'admin.flags.save': 'admin',
  'admin.flags.delete': 'admin',
  'problem.list': 'public',
  'problem.bySlug': 'public',
  'problem.tags': 'public',
  'problem.editorial': 'authed',
  'submission.languages': 'public',
  'submission.create': 'authed',
  'submission.run': 'authed',
  'submission.get': 'authed',
  'submission.list': 'authed',
  'submission.onUpdate': 'authed',
  'apiKey.list': 'authed',
  'apiKey.create': 'authed',
  'apiKey.revoke': 'authed',
  'character.get': 'authed',
  'character.history': 'authed',
  'learning.classes': 'authed',
  'learning.syllabus.create': 'instructor',
  'learning.syllabus.list': 'instructor',
  'learning.syllabus.get': 'instructor',
  'learning.tree.generate': 'instructor',
  'learning.tree.update': 'instructor',
  'learning.tree.publish': 'instructor',
  'learning.tree.archive': 'instructor',
  'learning.tree.delete': 'instructor',
  'learning.tree.get': 'authed',
  'learning.tree.list': 'authed',
  'learning.quest.list': 'authed',
  'learning.quest.get': 'authed',
  'learning.quest.start': 'authed',
  'learning.quest.completeStep': 'authed',
  'learning.quest.save': 'instructor',
  'learning.quest.delete': 'instructor',
  'learning.quest.grantStep': 'instructor',
  'learning.dungeon.start': 'authed',
  'learning.dungeon.get': 'authed',
  'learning.dungeon.advance': 'authed',
  'learning.dungeon.abandon': 'authed',
  'ai.status': 'public',
  'ai.hints': 'authed',
  'ai.hint': 'authed',
  'ai.review': 'authed',
  'ai.usage': 'admin',
  'battle.duel.challenge': 'authed',
  'battle.duel.accept': 'authed',
  'battle.duel.decline': 'authed',
  'battle.duel.rematch': 'authed',
  'battle.duel.queue': 'authed',
  'battle.duel.queueStatus': 'authed',
  'battle.duel.submit': 'authed',
  'battle.duel.forfeit': 'authed',
  'battle.duel.typing': 'authed',
  'battle.duel.get': 'authed',
  'battle.duel.list': 'authed',
  'battle.duel.onUpdate': 'authed',
  'battle.duel.onMine': 'authed',
  'battle.rating.of': 'public',
  'battle.rating.history': 'public',
  'battle.rating.tiers': 'public',
  'contest.list': 'public',
  'contest.get': 'public',
  'contest.problem': 'authed',
  'contest.create': 'instructor',
  'contest.update': 'instructor',
  'contest.remove': 'instructor',
  'contest.register': 'authed',
  'contest.unregister': 'authed',
  'contest.startVirtual': 'authed',
  'contest.submit': 'authed',
  'contest.mySubmissions': 'authed',
  'contest.scoreboard': 'public',
  'contest.onScoreboard': 'public',
  'contest.finalize': 'instructor',
  'contest.integrityCheck': 'instructor',
  'contest.integrityReport': 'instructor',
  'contest.event.list': 'public',
  'contest.event.get': 'public',
  'contest.event.create': 'instructor',
  'contest.event.update': 'instructor',
  'contest.event.delete': 'instructor',
  'leaderboard.global': 'public',
  'leaderboard.friends': 'authed',
  'leaderboard.class': 'authed',
  'leaderboard.guild': 'public',
  'leaderboard.event': 'public',
  'collab.roomToken': 'authed',
  'collab.versions.list': 'authed',
  'collab.versions.get': 'authed',
  'collab.versions.save': 'authed',
  'collab.versions.restore': 'authed',
  'collab.history': 'authed',
  'collab.chat.list': 'authed',
  'collab.chat.send': 'authed',
  'match.request': 'authed',
  'match.cancel': 'authed',
  'match.status': 'authed',
  'match.accept': 'authed',
  'match.decline': 'authed',
  'match.history': 'authed',
  'match.onStatus': 'authed',
  'match.pairSessions.list': 'authed',
  'match.pairSessions.get': 'authed',
  'match.pairSessions.leave': 'authed',
  'social.friends.list': 'authed',
  'social.friends.pending': 'authed',
  'social.friends.request': 'authed',
  'social.friends.accept': 'authed',
  'social.friends.decline': 'authed',
  'social.friends.remove': 'authed',
  'social.friends.block': 'authed',
  'social.friends.unblock': 'authed',
  'social.friends.blocked': 'authed',
  'social.parties.mine': 'authed',
  'social.parties.get': 'authed',
  'social.parties.create': 'authed',
  'social.parties.invite': 'authed',
  'social.parties.createLink': 'authed',
  'social.parties.leave': 'authed',
  'social.parties.kick': 'authed',
  'social.parties.transferLeadership': 'authed',
  'social.parties.disband': 'authed',
  'meeting.list': 'authed',
  'meeting.get': 'authed',
  'meeting.schedule': 'authed',
  'meeting.update': 'authed',
  'meeting.cancel': 'authed',
  'meeting.join': 'authed',
  'meeting.leave': 'authed',
  'meeting.agenda.add': 'authed',
  'meeting.agenda.reorder': 'authed',
  'meeting.agenda.setDone': 'authed',
  'meeting.agenda.remove': 'authed',
  'social.guilds.mine': 'authed',
  'social.guilds.bySlug': 'public',
  'social.guilds.create': 'authed',
  'social.guilds.update': 'authed',
  'social.guilds.invite': 'authed',
  'social.guilds.createLink': 'authed',
  'social.guilds.requestJoin': 'authed',
  'social.guilds.pending': 'authed',
  'social.guilds.respondJoinRequest': 'authed',
  'social.guilds.leave': 'authed',
  'social.guilds.kick': 'authed',
  'social.guilds.setRole': 'authed',
  'social.guilds.transferOwnership': 'authed',
  'social.guilds.activity': 'authed',
  'social.invitations.mine': 'authed',
  'social.invitations.preview': 'public',
  'social.invitations.accept': 'authed',
  'social.invitations.acceptCode': 'authed',
  'social.invitations.decline': 'authed',
  'social.invitations.revoke': 'authed',
  'notification.list': 'authed',
  'notification.unreadCount': 'authed',
  'notification.markRead': 'authed',
  'notification.markAllRead': 'authed',
  'notification.preferences': 'authed',
  'notification.setPreferences': 'authed',
  'notification.onNew': 'authed',
  'notification.webhooks.list': 'authed',
  'notification.webhooks.create': 'authed',
  'notification.webhooks.delete': 'authed',
  'notification.webhooks.deliveries': 'authed',
  'notification.webhooks.test': 'authed',
  'flags.evaluate': 'public',
  'flags.mine': 'public',
  'authoring.list': 'instructor',
  'authoring.get': 'instructor',
  'authoring.create': 'instructor',
  'authoring.update': 'instructor',
  'authoring.delete': 'instructor',
  'authoring.verify': 'instructor',
  'authoring.verification': 'instructor',
  'authoring.publish': 'instructor',
  'authoring.unpublish': 'instructor',
  'authoring.archive': 'instructor',
  'authoring.tests.get': 'instructor',
  'authoring.tests.add': 'instructor',
  'authoring.tests.update': 'instructor',
  'authoring.tests.delete': 'instructor',
  'authoring.tests.bulk': 'instructor',
  'authoring.tests.reorder': 'instructor',
  'authoring.groups.save': 'instructor',
  'authoring.starter.set': 'instructor',
  'authoring.starter.delete': 'instructor',
  'authoring.solutions.set': 'instructor',
  'authoring.solutions.delete': 'instructor',
  'authoring.hints.set': 'instructor',
  'authoring.export': 'instructor',
  'authoring.import': 'instructor',
  'classes.create': 'instructor',
  'classes.update': 'instructor',
  'classes.mine': 'instructor',
  'classes.get': 'instructor',
  'classes.rotateInvite': 'instructor',
  'classes.preview': 'authed',
  'classes.join': 'authed',
  'classes.enrollCsv': 'instructor',
  'classes.removeStudent': 'instructor',
  'classes.assign': 'instructor',
  'classes.unassign': 'instructor',
  'classes.roster': 'instructor',
  'analytics.summary': 'instructor',
  'analytics.submissions': 'instructor',
  'analytics.problems': 'instructor',
  'analytics.skills': 'instructor',
  'analytics.activeUsers': 'instructor',
  'analytics.struggling': 'instructor',
  'analytics.exportCsv': 'instructor',
  'integrity.run': 'instructor',
  'integrity.reports': 'instructor',
  'integrity.report': 'instructor',
  'integrity.pair': 'instructor',
  'integrity.review': 'instructor',
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
