// The editorial is a reward for solving: never shown to someone who hasn't.
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, testAuthConfig } from '../../testing';

const config = testAuthConfig();
let t: TestDatabase;
const people: Record<string, { b: ReturnType<typeof browser>; id: string }> = {};
let withEditorial: string;
let withoutEditorial: string;
let draft: string;

async function person(name: string, role: 'STUDENT' | 'INSTRUCTOR') {
  const b = browser(t.db, config);
  const { user } = await b.run((c) =>
    c.auth.signUp({ email: `${name}@x.io`, username: name, displayName: name, password: 'password-123' }),
  );
  await t.db.user.update({ where: { id: user.id }, data: { role } });
  people[name] = { b, id: user.id };
}
const as = (name: string) => people[name].b.run.bind(people[name].b);

const problem = (slug: string, editorial: string | null, status: 'PUBLISHED' | 'DRAFT' = 'PUBLISHED') =>
  t.db.problem
    .create({ data: { slug, title: slug, statement: 'Add.', difficulty: 'EASY', category: 'math', status, editorial } })
    .then((p) => p.id);

const submit = (user: string, problemId: string, verdict: 'AC' | 'WA', kind: 'SUBMIT' | 'RUN' = 'SUBMIT') =>
  t.db.submission.create({
    data: { userId: people[user].id, problemId, language: 'python3', code: 'print(1)', status: 'DONE', verdict, kind },
  });

beforeAll(async () => {
  t = await createTestDatabase();
  await person('solver', 'STUDENT');
  await person('stuck', 'STUDENT');
  await person('prof', 'INSTRUCTOR');
  withEditorial = await problem('sum', 'Sort, then **two pointers**.');
  withoutEditorial = await problem('plain', '  ');
  draft = await problem('secret', 'Spoilers.', 'DRAFT');
});
afterAll(() => t.drop());

describe('problem.editorial', () => {
  it('opens only after an accepted submission; a run or a wrong answer is not enough', async () => {
    await submit('stuck', withEditorial, 'WA');
    await submit('stuck', withEditorial, 'AC', 'RUN');
    expect(await as('stuck')((c) => c.problem.editorial({ problemId: withEditorial }))).toEqual({ state: 'locked' });

    await submit('solver', withEditorial, 'WA');
    await submit('solver', withEditorial, 'AC');
    expect(await as('solver')((c) => c.problem.editorial({ problemId: withEditorial }))).toEqual({
      state: 'open',
      content: 'Sort, then **two pointers**.',
    });
  });

  it('staff read it without solving; a blank editorial is none; drafts stay hidden from students', async () => {
    expect(await as('prof')((c) => c.problem.editorial({ problemId: withEditorial }))).toMatchObject({ state: 'open' });
    expect(await as('solver')((c) => c.problem.editorial({ problemId: withoutEditorial }))).toEqual({ state: 'none' });
    await expect(as('solver')((c) => c.problem.editorial({ problemId: draft }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await as('prof')((c) => c.problem.editorial({ problemId: draft }))).toMatchObject({ state: 'open' });
  });
});
