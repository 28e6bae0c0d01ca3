import { type Browser, expect, test } from '@playwright/test';
import { DEMO_PASSWORD, fillSignUp, freshAccount, signIn, uniqueSuffix } from './helpers';

// The seed's plagiarism case (packages/db/src/seed/integrity.ts): Dennis's program is Alan's
// with every name changed; Ada solved the problem her own way.
const COPIED = 'Compare Alan Turing and Dennis Ritchie';

async function staff(browser: Browser, email: string, next: string) {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD, next);
  return page;
}

test.describe('instructor dashboard', () => {
  test('a plagiarism check ranks the copied pair first; the reviewer compares and confirms it', async ({
    browser,
  }, testInfo) => {
    const page = await staff(browser, 'knuth@roguelearn.local', '/admin/integrity');
    await expect(page.getByRole('heading', { name: 'Academic integrity', level: 1 })).toBeVisible();
    await expect(page.getByText('Flags never punish automatically.')).toBeVisible();

    await page.getByLabel('Find a problem').fill('Maze');
    const problem = page.getByLabel('Problem', { exact: true });
    await expect(problem.getByRole('option', { name: 'Maze Shortest Path' })).toBeAttached();
    await problem.selectOption({ label: 'Maze Shortest Path' });
    await page.getByRole('button', { name: 'Run check' }).click();

    await expect(page).toHaveURL(/\/admin\/integrity\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: 'Maze Shortest Path', level: 1 })).toBeVisible();
    const pairs = page.getByRole('region', { name: 'Pairs, most similar first' });
    const first = pairs.getByRole('row').nth(1);
    await expect(first.getByRole('rowheader')).toHaveText('Alan Turing and Dennis Ritchie');
    await expect(first).toContainText('100%');
    await expect(first).toContainText('to review');
    // Ada's independent solution is nowhere near the threshold.
    await expect(pairs).not.toContainText('Ada Lovelace');
    await page.screenshot({ path: testInfo.outputPath('integrity-report.png'), fullPage: true });

    await first.getByRole('link', { name: COPIED }).click();
    await expect(page).toHaveURL(/\/admin\/integrity\/[0-9a-f-]{36}\/pairs\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alan Turing and Dennis Ritchie: 100% similar');
    const a = page.getByTestId('code-A');
    const b = page.getByTestId('code-B');
    await expect(a).toContainText('maze = data[2:2 + rows]');
    await expect(b).toContainText('board = tokens[2:2 + height]');
    // The BFS loop is one matched fragment, highlighted on both sides.
    await expect(a.locator('mark', { hasText: 'popleft' })).toHaveCount(1);
    await expect(b.locator('mark', { hasText: 'popleft' })).toHaveCount(1);

    // Keyboard: focusing a fragment's button outlines it in both panes.
    const fragments = page.getByRole('navigation', { name: 'Matched fragments' }).getByRole('button');
    expect(await fragments.count()).toBeGreaterThan(0);
    const loop = await a.locator('mark', { hasText: 'popleft' }).getAttribute('data-fragment');
    await fragments.nth(Number(loop)).focus();
    await expect(a.locator(`mark[data-fragment="${loop}"]`).first()).toHaveClass(/active/);
    await expect(b.locator(`mark[data-fragment="${loop}"]`).first()).toHaveClass(/active/);
    await page.keyboard.press('Enter');
    await expect(fragments.nth(Number(loop))).toHaveAttribute('aria-pressed', 'true');
    await page.screenshot({ path: testInfo.outputPath('integrity-pair.png'), fullPage: true });

    // Confirming needs a reason; then the verdict shows.
    const verdict = page.getByRole('region', { name: 'Your verdict' });
    await expect(verdict.getByText('Nobody has reviewed this pair yet.')).toBeVisible();
    await verdict.getByRole('button', { name: 'Mark confirmed' }).click();
    await expect(verdict.getByLabel('Note')).toHaveAccessibleDescription(/Explain the decision/);
    await verdict.getByLabel('Note').fill('Same program with the names changed; discussed with both students.');
    await verdict.getByRole('button', { name: 'Mark confirmed' }).click();
    await expect(verdict.getByText('confirmed', { exact: true })).toBeVisible();
    await expect(verdict.getByText(/by Prof\. Donald Knuth, .*Same program with the names changed/)).toBeVisible();

    await page.getByRole('link', { name: '← Report' }).click();
    await expect(pairs.getByRole('row').nth(1)).toContainText('confirmed');
  });

  test('an instructor creates a class and shares the invite link; a new student joins and shows in the roster', async ({
    browser,
  }, testInfo) => {
    const suffix = uniqueSuffix();
    const name = `Graph Theory ${suffix}`;
    const teacher = await staff(browser, 'hopper@roguelearn.local', '/admin/classes');
    await expect(teacher.getByRole('heading', { name: 'Classes', level: 1 })).toBeVisible();

    const form = teacher.getByRole('region', { name: 'New class' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Course code').fill(`gt-${suffix}`);
    await form.getByRole('button', { name: 'Create class' }).click();
    await expect(teacher).toHaveURL(/\/admin\/classes\/[0-9a-f-]{36}$/);
    await expect(teacher.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(teacher.getByText(`GT-${suffix.toUpperCase()}`).first()).toBeVisible();
    const roster = teacher.getByRole('region', { name: 'Roster', exact: true });
    await expect(roster.getByText('No students yet.')).toBeVisible();

    await teacher.getByRole('button', { name: 'Copy invite link' }).click();
    await expect(teacher.getByRole('button', { name: 'Copy invite link' })).toHaveText(/Copied/);
    const link = await teacher.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\/classes\/join\/[a-z2-9]{10}$/);
    await expect(teacher.getByRole('textbox', { name: 'Invite link' })).toHaveValue(link);
    const path = new URL(link).pathname;

    // A signed-out visitor is sent to sign in; without an account they sign up and come back.
    const context = await browser.newContext();
    const student = await context.newPage();
    await student.goto(path);
    await expect(student).toHaveURL(`/sign-in?next=${encodeURIComponent(path)}`);
    await student.getByRole('link', { name: 'Create an account' }).click();
    await expect(student).toHaveURL(`/sign-up?next=${encodeURIComponent(path)}`);
    const account = freshAccount();
    await fillSignUp(student, account);
    await expect(student).toHaveURL(path);
    await expect(student.getByRole('heading', { name: `Join ${name}` })).toBeVisible();
    await expect(student.getByText('taught by Dr. Mary Hopper · 0 students')).toBeVisible();
    await student.screenshot({ path: testInfo.outputPath('class-join.png'), fullPage: true });
    await student.getByRole('button', { name: 'Join class' }).click();
    await expect(student).toHaveURL('/dashboard');
    await expect(student.getByText(`Welcome to ${name}`)).toBeVisible();

    // The instructor sees the new student, and finds them by username.
    await teacher.reload();
    const row = roster.getByRole('row').filter({ hasText: account.displayName });
    await expect(row).toBeVisible();
    await expect(row).toContainText(`@${account.username}`);
    await expect(row.getByRole('cell').nth(3)).toHaveText('0');
    await roster.getByLabel('Search students').fill('nobody-like-this');
    await expect(roster.getByText('Nobody matches “nobody-like-this”.')).toBeVisible();
    await roster.getByLabel('Search students').fill(account.username);
    await expect(row).toBeVisible();
    await teacher.screenshot({ path: testInfo.outputPath('class-roster.png'), fullPage: true });

    // A new link retires the old one: the join page says so.
    await teacher.getByRole('button', { name: 'New invite link…' }).click();
    const rotate = teacher.getByRole('dialog', { name: 'Replace the invite link?' });
    await rotate.getByRole('button', { name: 'Replace link' }).click();
    await expect(rotate).toBeHidden();
    await expect(teacher.getByRole('textbox', { name: 'Invite link' })).not.toHaveValue(link);
    await student.goto(path);
    await expect(student.getByRole('heading', { name: 'This invite link doesn’t work' })).toBeVisible();

    // Removing asks first.
    await row.getByRole('button', { name: `Remove ${account.displayName}` }).click();
    const remove = teacher.getByRole('dialog', { name: `Remove ${account.displayName} from the class?` });
    await remove.getByRole('button', { name: 'Remove' }).click();
    await expect(roster.getByText('No students yet.')).toBeVisible();

    // Enrolling by email says, per address, what happened.
    const enrol = teacher.getByRole('region', { name: 'Enrol students' });
    await enrol
      .getByLabel('Email addresses')
      .fill(`${account.email.toUpperCase()}\nghost-${suffix}@example.com\nnot an email`);
    await enrol.getByRole('button', { name: 'Enrol', exact: true }).click();
    await expect(enrol.getByText('Enrolled 1 of 2 addresses.')).toBeVisible();
    await expect(enrol.getByRole('region', { name: 'Enrolled', exact: true })).toContainText(account.email);
    await expect(enrol.getByRole('region', { name: 'No account yet' })).toContainText(`ghost-${suffix}@example.com`);
    await expect(enrol.getByRole('region', { name: 'Not an email address' })).toContainText('not an email');
    await expect(roster.getByRole('row').filter({ hasText: account.displayName })).toBeVisible();
  });
});
