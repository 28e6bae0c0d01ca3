// The learning journey through the tRPC routers, on the seeded platform in offline AI mode: an
// instructor turns the CS101 syllabus into a tree, edits it (a cycle is refused), publishes it; a
// student works through quests (SOLVE verified against the judge's records), the node shows
// progress and XP rises; a dungeon run is narrated and won.
import { createNotifier } from '@roguelearn/db/notify';
import { notifySubmission } from '@roguelearn/db/queue';
import { seed, seedId } from '@roguelearn/db/seed';
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, testAuthConfig } from '../../testing';
import { AiGateway, setAiGateway } from '../ai/gateway';
import { startGeminiStandin } from '../ai/gemini-standin';
import { applySubmissionProgress, startProgressionWorker } from './events';

const config = testAuthConfig();
let t: TestDatabase;
const as: Record<string, ReturnType<typeof browser>> = {};
let classId: string;
let treeId: string;

async function signIn(username: string) {
  const b = browser(t.db, config);
  const { email } = await t.db.user.findUniqueOrThrow({ where: { username } });
  await b.run((c) => c.auth.signIn({ email, password: 'roguelearn' }));
  as[username] = b;
}

/** What apps/judge writes for a finished submission, then the progression hook it calls. */
async function judge(username: string, problemId: string, verdict: 'AC' | 'WA', language = 'python3') {
  const user = await t.db.user.findUniqueOrThrow({ where: { username } });
  const s = await t.db.submission.create({
    data: {
      userId: user.id,
      problemId,
      language,
      code: 'print(42)',
      status: 'DONE',
      verdict,
      testsPassed: verdict === 'AC' ? 3 : 1,
      testsTotal: 3,
      judgedAt: new Date(),
    },
  });
  await applySubmissionProgress(t.db, s.id);
  return s.id;
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );

beforeAll(async () => {
  setAiGateway(new AiGateway({ apiKey: undefined }));
  t = await createTestDatabase();
  await seed(t.db);
  classId = (await t.db.class.findUniqueOrThrow({ where: { code: 'CS101-F26' } })).id;
  await Promise.all(['knuth', 'mhopper', 'ada', 'grace'].map(signIn));
  // An outsider: a student in no class.
  const outsider = browser(t.db, config);
  await outsider.run((c) =>
    c.auth.signUp({ email: 'out@x.io', username: 'outsider', displayName: 'Out', password: 'password-123' }),
  );
  as.outsider = outsider;
}, 120_000);
afterAll(async () => {
  setAiGateway(null);
  await t.drop();
});

describe('instructor: syllabus → tree → publish', () => {
  it('generates a draft tree offline from the seeded syllabus, with starter quests on problems', async () => {
    const syllabi = await as.knuth.run((c) => c.learning.syllabus.list());
    expect(syllabi.map((s) => s.id)).toContain(seedId('syllabus:cs101'));
    const res = await as.knuth.run((c) => c.learning.tree.generate({ syllabusId: seedId('syllabus:cs101') }));
    treeId = res.treeId;
    expect(res.mode).toBe('offline');
    expect(res.notice).toBeNull();
    expect(res.tree).toMatchObject({ status: 'DRAFT', generatedBy: 'OFFLINE', canEdit: true });
    expect(res.tree.nodes.map((n) => n.key)).toEqual([
      'foundations',
      'strings',
      'arrays-and-prefix-sums',
      'sorting-and-searching',
      'recursion',
      'greedy-algorithms',
      'data-structures',
      'dynamic-programming',
      'graphs',
    ]);
    expect(res.tree.edges).toContainEqual({ from: 'foundations', to: 'strings' });
    const strings = res.suggestions.find((s) => s.key === 'strings');
    expect(strings?.problems.length).toBeGreaterThan(0);
    expect(strings?.problems.every((p) => p.tags.includes('strings'))).toBe(true);
    // Every node got a quest: read first, then problems, the hardest one last as the boss.
    const quest = await as.knuth.run((c) => c.learning.quest.get({ questId: res.tree.nodes[1].quests[0].id }));
    expect(quest.steps[0].kind).toBe('READ');
    expect(quest.steps.slice(1).every((s) => s.problem)).toBe(true);
    if (quest.steps.length > 2) expect(quest.steps.at(-1)?.kind).toBe('BOSS');
    const calls = await t.db.aiCall.findMany({ where: { feature: 'skill-tree' } });
    expect(calls).toMatchObject([{ mode: 'offline', status: 'ok' }]);
  });

  it('refuses a cycle with a clear message, and accepts an edit', async () => {
    const tree = await as.knuth.run((c) => c.learning.tree.get({ treeId }));
    const nodes = tree.nodes.map(({ key, title, description, tags, difficulty, x, y }) => ({
      key,
      title,
      description,
      tags,
      difficulty,
      x,
      y,
    }));
    const err = await errorOf(
      as.knuth.run((c) =>
        c.learning.tree.update({ treeId, nodes, edges: [...tree.edges, { from: 'recursion', to: 'strings' }] }),
      ),
    );
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(
      /^These prerequisites form a cycle: Strings → Arrays and Prefix Sums → Sorting and Searching → Recursion → Strings\./,
    );
    // Rename a node, move it, and make Recursion depend on Strings directly as well.
    nodes[1] = { ...nodes[1], title: 'Strings and Text', x: -300, y: 200 };
    const updated = await as.knuth.run((c) =>
      c.learning.tree.update({
        treeId,
        title: 'CS101 Adventure',
        nodes,
        edges: [...tree.edges, { from: 'strings', to: 'recursion' }],
      }),
    );
    expect(updated.title).toBe('CS101 Adventure');
    expect(updated.nodes[1]).toMatchObject({ key: 'strings', title: 'Strings and Text', x: -300, y: 200 });
    expect(updated.nodes.find((n) => n.key === 'recursion')?.prerequisites.sort()).toEqual([
      'sorting-and-searching',
      'strings',
    ]);
  });

  it('keeps drafts from students and other instructors, then publishes to the class', async () => {
    expect((await errorOf(as.ada.run((c) => c.learning.tree.get({ treeId })))).code).toBe('NOT_FOUND');
    expect((await errorOf(as.mhopper.run((c) => c.learning.tree.publish({ treeId, classId })))).code).toBe('NOT_FOUND');
    const published = await as.knuth.run((c) => c.learning.tree.publish({ treeId, classId }));
    expect(published.status).toBe('PUBLISHED');
    const list = await as.ada.run((c) => c.learning.tree.list());
    expect(list.map((x) => x.id)).toContain(treeId);
    expect((await errorOf(as.outsider.run((c) => c.learning.tree.get({ treeId })))).code).toBe('NOT_FOUND');
  });
});

describe('instructor: live generation', () => {
  it('asks Gemini for the tree, retries an answer with a cycle, and keeps only known tags', async () => {
    const standin = await startGeminiStandin();
    setAiGateway(new AiGateway({ apiKey: standin.apiKey, baseUrl: standin.url, backoffMs: 1 }));
    try {
      const node = (key: string, prerequisites: string[], tags = ['strings']) => ({
        key,
        title: key.toUpperCase(),
        description: `All about ${key}.`,
        tags,
        difficulty: 'EASY',
        prerequisites,
      });
      standin.queue(
        { text: JSON.stringify({ nodes: [node('a', ['b']), node('b', ['a'])] }) },
        { text: JSON.stringify({ nodes: [node('basics', []), node('words', ['basics'], ['strings', 'poetry'])] }) },
      );
      const res = await as.knuth.run((c) => c.learning.tree.generate({ syllabusId: seedId('syllabus:cs101') }));
      expect(res).toMatchObject({ mode: 'live', notice: null, tree: { generatedBy: 'AI', status: 'DRAFT' } });
      expect(standin.requests).toHaveLength(2);
      expect(standin.requests[0].prompt).toContain('Available problem tags: arrays,');
      expect(standin.requests[0].prompt).toContain('## Week 3: Strings');
      expect(res.tree.nodes.map((n) => [n.key, n.tags, n.prerequisites])).toEqual([
        ['basics', ['strings'], []],
        ['words', ['strings'], ['basics']],
      ]);
      const audit = await t.db.aiCall.findMany({ where: { feature: 'skill-tree', mode: 'live' } });
      expect(audit).toMatchObject([{ status: 'ok', inputTokens: expect.any(Number) }]);
      await as.knuth.run((c) => c.learning.tree.delete({ treeId: res.treeId }));
    } finally {
      setAiGateway(new AiGateway({ apiKey: undefined }));
      await standin.close();
    }
  });
});

describe('student: quests, progress and XP', () => {
  it('shows the first node available and the rest locked', async () => {
    const tree = await as.ada.run((c) => c.learning.tree.get({ treeId }));
    expect(tree.canEdit).toBe(false);
    expect(tree.nodes.map((n) => n.state)).toEqual([
      'available',
      'locked',
      'locked',
      'locked',
      'locked',
      'locked',
      'locked',
      'locked',
      'locked',
    ]);
    expect(tree.nodes[1].missing).toEqual(['Foundations']);
    const locked = tree.nodes[1].quests[0];
    expect(locked.state).toBe('locked');
    const err = await errorOf(as.ada.run((c) => c.learning.quest.start({ questId: locked.id })));
    expect(err).toEqual({
      code: 'PRECONDITION_FAILED',
      message: '“The Strings Trial” is locked. Master “Foundations” first.',
    });
  });

  it('completes steps only when the judge has accepted a solution; the node shows progress and XP rises', async () => {
    const tree = await as.ada.run((c) => c.learning.tree.get({ treeId }));
    const questId = tree.nodes[0].quests[0].id;
    const before = await as.ada.run((c) => c.character.get());
    let quest = await as.ada.run((c) => c.learning.quest.start({ questId }));
    expect(quest.state).toBe('in_progress');
    // Problems solved before the quest started (the seed has some) count at once.
    const read = quest.steps[0];
    const [solve, ...rest] = quest.steps.filter((s) => s.kind !== 'READ' && !s.completed);
    expect(solve).toBeDefined();
    expect(read.canComplete).toBe(true);
    quest = await as.ada.run((c) => c.learning.quest.completeStep({ stepId: read.id }));
    expect(quest.steps[0].completed).toBe(true);

    const problemId = solve.problemId as string;
    const err = await errorOf(as.ada.run((c) => c.learning.quest.completeStep({ stepId: solve.id })));
    expect(err.code).toBe('PRECONDITION_FAILED');
    expect(err.message).toMatch(/^Solve “.+” first: you have no accepted submission for it yet\.$/);
    await judge('ada', problemId, 'WA');
    expect((await errorOf(as.ada.run((c) => c.learning.quest.completeStep({ stepId: solve.id })))).code).toBe(
      'PRECONDITION_FAILED',
    );
    // The judge accepts a solution: the started quest's step completes on its own.
    await judge('ada', problemId, 'AC');
    quest = await as.ada.run((c) => c.learning.quest.get({ questId }));
    expect(quest.steps.find((s) => s.id === solve.id)?.completed).toBe(true);
    const mid = await as.ada.run((c) => c.learning.tree.get({ treeId }));
    expect(mid.nodes[0].state).toBe(rest.length ? 'in_progress' : 'mastered');
    expect(mid.nodes[0].progress).toBeCloseTo(quest.steps.filter((s) => s.completed).length / quest.steps.length);
    const after = await as.ada.run((c) => c.character.get());
    expect(after.xp).toBeGreaterThan(before.xp);
    expect(after.skills.find((s) => s.key === 'foundations')?.points).toBeGreaterThan(0);
    expect(after.recent.map((r) => r.reason)).toContain('quest-step');

    // Finish the quest: the node is mastered and the next one opens.
    for (const step of rest) await judge('ada', step.problemId as string, 'AC');
    const done = await as.ada.run((c) => c.learning.tree.get({ treeId }));
    expect(done.nodes[0]).toMatchObject({ state: 'mastered', progress: 1 });
    expect(done.nodes[1].state).toBe('available');
    const sheet = await as.ada.run((c) => c.character.get());
    expect(sheet.recent.map((r) => r.reason)).toEqual(expect.arrayContaining(['quest-completed', 'node-mastered']));
    // Asking again awards nothing twice.
    const again = await as.ada.run((c) => c.learning.quest.completeStep({ stepId: read.id }));
    expect(again.state).toBe('completed');
    expect((await as.ada.run((c) => c.character.get())).xp).toBe(sheet.xp);
    const log = await as.ada.run((c) => c.learning.quest.list());
    expect(log.map((q) => q.id)).toContain(questId);
  });

  it('lets an instructor grant a step to an enrolled student, and only to one', async () => {
    const tree = await as.knuth.run((c) => c.learning.tree.get({ treeId }));
    const quest = await as.knuth.run((c) => c.learning.quest.get({ questId: tree.nodes[0].quests[0].id }));
    const grace = await t.db.user.findUniqueOrThrow({ where: { username: 'grace' } });
    const outsider = await t.db.user.findUniqueOrThrow({ where: { username: 'outsider' } });
    const res = await as.knuth.run((c) => c.learning.quest.grantStep({ stepId: quest.steps[0].id, userId: grace.id }));
    expect(res.granted).toBe(true);
    const view = await as.grace.run((c) => c.learning.quest.get({ questId: quest.id }));
    expect(view.steps[0].completed).toBe(true);
    expect(
      (
        await errorOf(
          as.knuth.run((c) => c.learning.quest.grantStep({ stepId: quest.steps[0].id, userId: outsider.id })),
        )
      ).code,
    ).toBe('BAD_REQUEST');
  });

  it('saves an instructor-written quest with a PAIR step on a node', async () => {
    const tree = await as.knuth.run((c) => c.learning.tree.get({ treeId }));
    const problem = await t.db.problem.findUniqueOrThrow({ where: { slug: 'reverse-the-words' } });
    const saved = await as.knuth.run((c) =>
      c.learning.quest.save({
        treeId,
        nodeId: tree.nodes[1].id,
        title: 'Pair up on strings',
        steps: [
          { kind: 'READ', title: 'Read about string builders' },
          { kind: 'PAIR', title: 'Solve it with a partner', problemId: problem.id },
        ],
      }),
    );
    expect(saved.steps.map((s) => s.kind)).toEqual(['READ', 'PAIR']);
    const missing = await errorOf(
      as.knuth.run((c) =>
        c.learning.quest.save({ treeId, title: 'Broken', steps: [{ kind: 'SOLVE', title: 'No problem picked' }] }),
      ),
    );
    expect(missing.code).toBe('BAD_REQUEST');
  });
});

describe('dungeon runs', () => {
  it('narrates encounters, blocks until each is cleared, costs HP for wrong answers, and ends with the boss', async () => {
    const tree = await as.ada.run((c) => c.learning.tree.get({ treeId }));
    const node = tree.nodes[1]; // unlocked now that Foundations is mastered
    const questId = node.quests.find((q) => q.kind === 'DUNGEON')?.id as string;
    expect(questId).toBeDefined();
    let run = await as.ada.run((c) => c.learning.dungeon.start({ questId }));
    expect(run.status).toBe('ACTIVE');
    expect(run.narration).toHaveLength(1);
    expect(run.narration[0]).toMatchObject({ phase: 'intro', mode: 'offline' });
    expect(run.encounters.at(-1)?.boss).toBe(true);
    // Starting again returns the same active run.
    expect((await as.ada.run((c) => c.learning.dungeon.start({ questId }))).id).toBe(run.id);

    run = await as.ada.run((c) => c.learning.dungeon.advance({ runId: run.id })); // the READ encounter
    expect(run.currentEncounter).toBe(1);
    expect(run.narration.at(-1)?.text.length).toBeGreaterThan(10);

    const encounter = run.encounters[1];
    run = await as.ada.run((c) => c.learning.dungeon.advance({ runId: run.id }));
    expect(run.currentEncounter).toBe(1);
    expect(run.blocked).toMatch(/^Solve “.+” first/);
    await judge('ada', encounter.problem?.id as string, 'WA');
    await judge('ada', encounter.problem?.id as string, 'WA');
    run = await as.ada.run((c) => c.learning.dungeon.advance({ runId: run.id }));
    expect(run.hitPoints).toBe(80);

    for (const e of run.encounters.slice(1)) {
      await judge('ada', e.problem?.id as string, 'AC');
      run = await as.ada.run((c) => c.learning.dungeon.advance({ runId: run.id }));
    }
    expect(run.status).toBe('WON');
    expect(run.encounters.every((e) => e.status === 'cleared')).toBe(true);
    expect(run.narration.at(-1)?.phase).toBe('victory');
    const sheet = await as.ada.run((c) => c.character.get());
    expect(sheet.achievements.find((a) => a.key === 'boss-defeated')?.earned).toBe(true);
    expect(sheet.recent.map((r) => r.reason)).toContain('dungeon-won');
    expect((await errorOf(as.ada.run((c) => c.learning.dungeon.advance({ runId: run.id })))).code).toBe('CONFLICT');
    expect((await errorOf(as.grace.run((c) => c.learning.dungeon.get({ runId: run.id })))).code).toBe('NOT_FOUND');
  });
});

describe('the progression worker', () => {
  it('applies XP as verdicts are announced on the submissions channel', async () => {
    const notifier = createNotifier(t.url);
    const worker = startProgressionWorker({ db: t.db, notifier });
    try {
      const grace = await t.db.user.findUniqueOrThrow({ where: { username: 'grace' } });
      const problem = await t.db.problem.findUniqueOrThrow({ where: { slug: 'coin-change-ways' } });
      await new Promise((r) => setTimeout(r, 200)); // LISTEN is established
      const s = await t.db.submission.create({
        data: { userId: grace.id, problemId: problem.id, language: 'cpp', code: 'x', status: 'DONE', verdict: 'AC' },
      });
      await notifySubmission(t.db, s.id);
      const key = `first-solve:${grace.id}:${problem.id}`;
      for (let i = 0; i < 50 && !(await t.db.xpEvent.findUnique({ where: { idempotencyKey: key } })); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await t.db.xpEvent.findUnique({ where: { idempotencyKey: key } })).toMatchObject({ amount: 40 });
    } finally {
      await worker.stop();
      await notifier.close();
    }
  });
});
