// Proposal flows through the tRPC API on real PostgreSQL: accept → pair session, decline and
// timeout → back to the queue, live status, history and the session list.
import { createNotifier, type Notifier } from '@roguelearn/db/notify';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../../context';
import { createCaller } from '../../root';
import { browser, testAuthConfig } from '../../testing';
import { runMatcher } from './matcher';
import { defaultMatchmakingOptions } from './options';
import { acceptMatch, getMatchStatus, type MatchStatus, requestMatch } from './service';

const config = testAuthConfig();
let t: TestDatabase;
let notifier: Notifier;
type Browser = ReturnType<typeof browser>;
const people: Record<string, { b: Browser; id: string }> = {};
const problems: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  notifier = createNotifier(t.url);
  for (const name of ['ana', 'bob', 'cyd', 'dee']) {
    const b = browser(t.db, config);
    const { user } = await b.run((c) =>
      c.auth.signUp({
        email: `${name}@m.io`,
        username: name,
        displayName: name.toUpperCase(),
        password: 'password-123',
      }),
    );
    people[name] = { b, id: user.id };
  }
  const graphs = await t.db.tag.create({ data: { slug: 'graphs', name: 'Graphs' } });
  for (const [slug, difficulty, tagged] of [
    ['easy-graph', 'EASY', true],
    ['medium-plain', 'MEDIUM', false],
    ['medium-graph-solved', 'MEDIUM', true],
    ['medium-graph', 'MEDIUM', true],
    ['medium-graph-draft', 'MEDIUM', true],
  ] as const) {
    const p = await t.db.problem.create({
      data: {
        slug,
        title: slug,
        statement: '.',
        difficulty,
        category: 'misc',
        status: slug.endsWith('draft') ? 'DRAFT' : 'PUBLISHED',
        ...(tagged ? { tags: { create: { tagId: graphs.id } } } : {}),
      },
    });
    problems[slug] = p.id;
  }
  // Ana already solved one of the graph problems: the pair should get the other.
  await t.db.submission.create({
    data: {
      userId: people.ana.id,
      problemId: problems['medium-graph-solved'],
      language: 'python3',
      code: '.',
      status: 'DONE',
      verdict: 'AC',
    },
  });
});
afterAll(async () => {
  await notifier.close();
  await t.drop();
});
beforeEach(async () => {
  // Not TRUNCATE … CASCADE: that would also empty Submission, which references PairSession.
  await t.db.pairSession.deleteMany();
  await t.db.collabDocument.deleteMany();
  await t.db.match.deleteMany();
  await t.db.matchRequest.deleteMany();
  await t.db.notification.deleteMany();
});

const queue = (name: string, topics: string[] = ['graphs']) =>
  people[name].b.run((c) => c.match.request({ difficulty: 'MEDIUM', topics, language: 'python3' }));
const status = (name: string) => people[name].b.run((c) => c.match.status());

async function proposeAnaAndBob(): Promise<string> {
  await queue('ana');
  await queue('bob', []);
  const report = await runMatcher(t.db);
  expect(report.matches).toHaveLength(1);
  return report.matches[0].matchId;
}

describe('accepting a match', () => {
  it('puts both in the same pair session, with a document and a problem that fits both', async () => {
    const matchId = await proposeAnaAndBob();
    const ana = await status('ana');
    expect(ana.state).toBe('proposed');
    expect(ana.proposal).toMatchObject({ matchId, acceptedByMe: false, partner: { username: 'bob', accepted: false } });

    const afterAna = await people.ana.b.run((c) => c.match.accept({ matchId }));
    expect(afterAna.proposal?.acceptedByMe).toBe(true);
    expect((await status('bob')).proposal?.partner?.accepted).toBe(true);
    const afterBob = await people.bob.b.run((c) => c.match.accept({ matchId }));
    expect(afterBob.state).toBe('in_session');

    const session = await t.db.pairSession.findUniqueOrThrow({
      where: { matchId },
      include: { participants: true, document: true, problem: true },
    });
    expect((await status('ana')).session?.id).toBe(session.id);
    expect(session.participants.map((p) => p.userId).sort()).toEqual([people.ana.id, people.bob.id].sort());
    expect(session.document).toMatchObject({ room: `pair:${session.id}`, kind: 'PAIR_SESSION' });
    expect(session.language).toBe('python3');
    // MEDIUM, tagged "graphs", published, not solved by Ana.
    expect(session.problem?.slug).toBe('medium-graph');
    expect((await t.db.match.findUniqueOrThrow({ where: { id: matchId } })).status).toBe('ACCEPTED');

    const ready = await t.db.notification.findMany({ where: { type: 'match.ready' } });
    expect(ready.map((n) => n.link)).toEqual([`/pair/${session.id}`, `/pair/${session.id}`]);

    const listed = await people.bob.b.run((c) => c.match.pairSessions.list({ status: 'active' }));
    expect(listed.items.map((s) => s.id)).toEqual([session.id]);
    expect(listed.items[0].partners.map((p) => p.username)).toEqual(['ana']);
    const history = await people.ana.b.run((c) => c.match.history({}));
    expect(history.items[0]).toMatchObject({
      id: matchId,
      status: 'ACCEPTED',
      partner: { username: 'bob' },
      session: { id: session.id },
    });
    await expect(people.cyd.b.run((c) => c.match.pairSessions.get({ id: session.id }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // Instructors watch the sessions of their own students (read-only in the editor).
    await t.db.user.update({ where: { id: people.cyd.id }, data: { role: 'INSTRUCTOR' } });
    await expect(people.cyd.b.run((c) => c.match.pairSessions.get({ id: session.id }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const cls = await t.db.class.create({
      data: {
        name: 'Pairs 101',
        code: 'PAIR-101',
        instructorId: people.cyd.id,
        inviteCode: 'pair101invite',
        enrollments: { create: [{ userId: people.bob.id }] },
      },
    });
    await expect(people.cyd.b.run((c) => c.match.pairSessions.get({ id: session.id }))).resolves.toMatchObject({
      id: session.id,
    });
    await t.db.class.delete({ where: { id: cls.id } });
    await t.db.user.update({ where: { id: people.cyd.id }, data: { role: 'STUDENT' } });
  });

  it('keeps people in a proposal or an active session out of the queue until they leave it', async () => {
    const matchId = await proposeAnaAndBob();
    await expect(queue('ana')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'You have a match waiting for your answer',
    });
    await people.ana.b.run((c) => c.match.accept({ matchId }));
    await people.bob.b.run((c) => c.match.accept({ matchId }));
    await expect(queue('bob')).rejects.toMatchObject({ code: 'CONFLICT' });
    const { id } = (await status('bob')).session!;
    expect(await people.bob.b.run((c) => c.match.pairSessions.leave({ id }))).toEqual({ left: true, ended: false });
    expect((await queue('bob')).state).toBe('waiting');
    expect(await people.ana.b.run((c) => c.match.pairSessions.leave({ id }))).toEqual({ left: true, ended: true });
    const past = await people.ana.b.run((c) => c.match.pairSessions.list({ status: 'past' }));
    expect(past.items.map((s) => s.id)).toEqual([id]);
  });

  it('creates exactly one session when both accept at the same instant', async () => {
    const matchId = await proposeAnaAndBob();
    const results = await Promise.allSettled([
      acceptMatch(t.db, people.ana.id, matchId),
      acceptMatch(t.db, people.bob.id, matchId),
    ]);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await t.db.pairSession.count({ where: { matchId } })).toBe(1);
  });
});

describe('declining and timing out', () => {
  it('a decline puts the partner back at their original place and cancels the decliner', async () => {
    await queue('ana');
    await new Promise((r) => setTimeout(r, 5));
    await queue('bob', []);
    const { matches } = await runMatcher(t.db);
    const matchId = matches[0].matchId;
    const anaRequest =
      (await status('ana')).proposal &&
      (await t.db.matchRequest.findFirstOrThrow({ where: { userId: people.ana.id } }));
    await new Promise((r) => setTimeout(r, 5));
    await queue('cyd', ['strings']); // joins after Ana, incompatible with her
    const after = await people.bob.b.run((c) => c.match.decline({ matchId }));
    expect(after.state).toBe('idle');
    expect(after.lastRequest?.status).toBe('CANCELLED');
    const ana = await status('ana');
    expect(ana.state).toBe('waiting');
    expect(ana.request?.id).toBe(anaRequest?.id);
    expect(ana.request?.createdAt).toEqual(anaRequest?.createdAt);
    expect(ana.request?.position).toBe(1); // still ahead of Cy, who queued later
    expect((await t.db.match.findUniqueOrThrow({ where: { id: matchId } })).status).toBe('DECLINED');
    // The decliner may queue again at once, but isn't proposed to Ana again right away.
    await queue('bob', ['graphs']); // compatible with Ana only
    expect((await runMatcher(t.db)).matches).toHaveLength(0);
    await queue('dee', []);
    expect((await runMatcher(t.db)).matches[0].userIds.sort()).toEqual([people.ana.id, people.dee.id].sort());
  });

  it('cancel leaves the queue, or declines a pending proposal', async () => {
    await queue('ana');
    expect((await people.ana.b.run((c) => c.match.cancel())).state).toBe('idle');
    const matchId = await proposeAnaAndBob();
    expect((await people.bob.b.run((c) => c.match.cancel())).state).toBe('idle');
    expect((await t.db.match.findUniqueOrThrow({ where: { id: matchId } })).status).toBe('DECLINED');
    expect((await status('ana')).state).toBe('waiting');
  });

  it('a timeout requeues whoever accepted and expires whoever did not answer', async () => {
    const now = new Date();
    await requestMatch(t.db, people.ana.id, { difficulty: 'MEDIUM', topics: [], language: 'python3' }, now);
    await requestMatch(t.db, people.bob.id, { difficulty: 'MEDIUM', topics: [], language: 'python3' }, now);
    const { matches } = await runMatcher(t.db, now);
    await acceptMatch(t.db, people.ana.id, matches[0].matchId, now);
    const late = new Date(now.getTime() + defaultMatchmakingOptions.acceptWindowMs);
    expect((await runMatcher(t.db, late)).timedOut).toBe(1);
    expect((await t.db.match.findUniqueOrThrow({ where: { id: matches[0].matchId } })).status).toBe('EXPIRED');
    const ana = await getMatchStatus(t.db, people.ana.id, late);
    expect(ana.state).toBe('waiting');
    // The time spent on the proposal is given back.
    expect(ana.request?.expiresAt.getTime()).toBe(
      now.getTime() + defaultMatchmakingOptions.requestTtlMs + defaultMatchmakingOptions.acceptWindowMs,
    );
    const bob = await getMatchStatus(t.db, people.bob.id, late);
    expect(bob.state).toBe('idle');
    expect(bob.lastRequest?.status).toBe('EXPIRED');
    // Accepting after the window fails even if no matcher pass noticed the timeout yet.
    await requestMatch(t.db, people.cyd.id, { difficulty: 'MEDIUM', topics: [], language: 'python3' }, late);
    const again = await runMatcher(t.db, late);
    await expect(
      acceptMatch(t.db, people.cyd.id, again.matches[0].matchId, new Date(late.getTime() + 31_000)),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'The time to accept this match ran out',
    });
  });
});

describe('live status', () => {
  it('pushes each change to the subscriber', async () => {
    const headers = new Headers({
      cookie: [...people.ana.b.jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '),
    });
    const ctx = await createContext({ db: t.db, config, headers, notifier });
    const stream = (await createCaller(ctx).match.onStatus()) as AsyncIterable<MatchStatus>;
    const states: string[] = [];
    const reading = (async () => {
      for await (const s of stream) {
        states.push(s.state);
        if (s.state === 'in_session') break;
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const matchId = await proposeAnaAndBob();
    await new Promise((r) => setTimeout(r, 200));
    await people.ana.b.run((c) => c.match.accept({ matchId }));
    await people.bob.b.run((c) => c.match.accept({ matchId }));
    await reading;
    expect(states[0]).toBe('idle');
    expect(states).toContain('waiting');
    expect(states).toContain('proposed');
    expect(states.at(-1)).toBe('in_session');
  });
});
