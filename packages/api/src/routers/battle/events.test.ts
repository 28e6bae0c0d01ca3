// Seasonal events through the real router: who may start, change and delete one.
import { createTestDatabase, type TestDatabase } from '@roguelearn/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, testAuthConfig } from '../../testing';

const config = testAuthConfig();
let t: TestDatabase;
const people: Record<string, ReturnType<typeof browser>> = {};

async function person(name: string, role: 'STUDENT' | 'INSTRUCTOR' | 'ADMIN') {
  const b = browser(t.db, config);
  const { user } = await b.run((c) =>
    c.auth.signUp({ email: `${name}@x.io`, username: name, displayName: name, password: 'password-123' }),
  );
  await t.db.user.update({ where: { id: user.id }, data: { role } });
  people[name] = b;
}
const as = (name: string) => people[name].run.bind(people[name]);
const DAY = 86_400_000;
const window = () => ({ startsAt: new Date(Date.now() + DAY), endsAt: new Date(Date.now() + 30 * DAY) });

beforeAll(async () => {
  t = await createTestDatabase();
  await person('prof', 'INSTRUCTOR');
  await person('rival', 'INSTRUCTOR');
  await person('root', 'ADMIN');
  await person('kid', 'STUDENT');
});
afterAll(() => t.drop());

describe('seasonal events', () => {
  it('belong to their creator: other instructors may read but not change or delete them', async () => {
    const e = await as('prof')((c) => c.contest.event.create({ slug: 'winter-cup', title: 'Winter Cup', ...window() }));

    expect((await as('prof')((c) => c.contest.event.get({ slug: 'winter-cup' }))).canEdit).toBe(true);
    expect((await as('rival')((c) => c.contest.event.get({ slug: 'winter-cup' }))).canEdit).toBe(false);
    expect((await as('kid')((c) => c.contest.event.get({ slug: 'winter-cup' }))).canEdit).toBe(false);

    await expect(
      as('rival')((c) => c.contest.event.update({ eventId: e.id, title: 'Mine now' })),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/instructor who created this event or an administrator/),
    });
    await expect(as('rival')((c) => c.contest.event.delete({ eventId: e.id }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await t.db.seasonalEvent.findUnique({ where: { id: e.id } })).toMatchObject({ title: 'Winter Cup' });

    await as('prof')((c) => c.contest.event.update({ eventId: e.id, title: 'Winter Cup 2026' }));
    await as('root')((c) => c.contest.event.update({ eventId: e.id, description: 'Checked by an admin' }));
    expect(await t.db.seasonalEvent.findUnique({ where: { id: e.id } })).toMatchObject({
      title: 'Winter Cup 2026',
      description: 'Checked by an admin',
    });
  });

  it('deleting one keeps its contests, detached from it', async () => {
    const e = await as('prof')((c) => c.contest.event.create({ slug: 'spring-cup', title: 'Spring Cup', ...window() }));
    const contest = await t.db.contest.create({
      data: { slug: 'spring-round-1', title: 'Round 1', eventId: e.id, ...window() },
    });
    await expect(as('kid')((c) => c.contest.event.delete({ eventId: e.id }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await as('prof')((c) => c.contest.event.delete({ eventId: e.id }));
    expect(await t.db.seasonalEvent.count({ where: { id: e.id } })).toBe(0);
    expect(await t.db.contest.findUnique({ where: { id: contest.id } })).toMatchObject({ eventId: null });
    await expect(as('prof')((c) => c.contest.event.delete({ eventId: e.id }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('an event whose creator is gone is left to administrators', async () => {
    const e = await t.db.seasonalEvent.create({ data: { slug: 'orphan', title: 'Orphan', ...window() } });
    await expect(
      as('prof')((c) => c.contest.event.update({ eventId: e.id, title: 'Adopted event' })),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await as('root')((c) => c.contest.event.delete({ eventId: e.id }));
    expect(await t.db.seasonalEvent.count({ where: { id: e.id } })).toBe(0);
  });
});
