import { type Browser, expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD, freshAccount, signIn, signUp, uniqueSuffix } from './helpers';

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD);
  return { context, page };
}

/** What `<input type="datetime-local">` expects: local time to the minute. */
function localInput(d: Date): string {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

test.describe('administration', () => {
  test('an admin finds a new student, promotes them, sees it audited, and suspends them', async ({ browser }) => {
    test.setTimeout(90_000);
    const student = freshAccount();
    const studentContext = await browser.newContext();
    await signUp(await studentContext.newPage(), student);
    await studentContext.close();

    const { page, context } = await signedIn(browser, 'admin@roguelearn.local');
    await page.goto('/admin/users');
    await page.getByLabel('Name, username or email').fill(student.email);
    await page.getByRole('button', { name: 'Search' }).click();
    const account = row(page, student.username);
    await expect(account).toHaveCount(1);
    await expect(account).toContainText('student');

    await account.getByRole('button', { name: 'Change role' }).click();
    const roleDialog = page.getByRole('dialog', { name: `Change the role of ${student.displayName}` });
    await roleDialog.getByLabel('New role').selectOption('INSTRUCTOR');
    await roleDialog.getByRole('button', { name: 'Change role' }).click();
    await expect(roleDialog).toBeHidden();
    await expect(account).toContainText('instructor');

    await page.goto('/admin/audit');
    await page.getByLabel('Action').selectOption('user.role_changed');
    await page.getByRole('button', { name: 'Filter' }).click();
    const entry = row(page, `@${student.username}`);
    await expect(entry).toContainText('Platform Admin');
    await entry.getByText('Details').click();
    await expect(entry).toContainText('"to": "INSTRUCTOR"');

    await page.goto('/admin/users');
    await page.getByLabel('Name, username or email').fill(student.username);
    await page.getByRole('button', { name: 'Search' }).click();
    await account.getByRole('button', { name: 'Suspend' }).click();
    const suspendDialog = page.getByRole('dialog', { name: `Suspend ${student.displayName}?` });
    await suspendDialog.getByLabel('Reason (kept in the audit log)').fill('Spam in the guild chat');
    await suspendDialog.getByRole('button', { name: 'Suspend' }).click();
    await expect(suspendDialog).toBeHidden();
    await expect(account).toContainText('suspended');
    await expect(account.getByRole('button', { name: 'Restore' })).toBeVisible();
    await context.close();

    const again = await (await browser.newContext()).newPage();
    await again.goto('/sign-in');
    await again.getByLabel('Email', { exact: true }).fill(student.email);
    await again.getByLabel('Password', { exact: true }).fill(student.password);
    await again.getByRole('button', { name: 'Sign in' }).click();
    await expect(again.getByRole('alert').filter({ hasText: 'This account is suspended' })).toBeVisible();
    await expect(again).toHaveURL(/\/sign-in/);
    await again.context().close();
  });

  test('an admin creates a flag for everyone and sees it listed with its reach', async ({ browser }) => {
    const { page, context } = await signedIn(browser, 'admin@roguelearn.local');
    const key = `e2e-flag-${uniqueSuffix()}`;
    await page.goto('/admin/flags');
    const form = page.getByRole('form', { name: 'New flag' });
    await form.getByLabel('Key').fill(key);
    await form.getByLabel('Description').fill('Created by the admin journey');
    await form.getByLabel('Rollout: share of signed-in users').fill('100');
    await form.getByRole('button', { name: 'Create flag' }).click();
    const flag = row(page, key);
    await expect(flag.getByRole('cell').nth(1)).toHaveText('On');
    await expect(flag.getByRole('cell').nth(2)).toHaveText('100%');
    // At 100 % every active account is in.
    const reach = (await flag.getByRole('cell').nth(3).textContent()) ?? '';
    const [, users, of] = reach.match(/(\d+) of (\d+) users/) ?? [];
    expect(Number(users)).toBeGreaterThan(0);
    expect(users).toBe(of);
    await context.close();
  });

  test('an instructor runs a seasonal event with a guild contest, finalized by the workers', async ({ browser }) => {
    test.setTimeout(90_000);
    const suffix = uniqueSuffix();
    const { page, context } = await signedIn(browser, 'knuth@roguelearn.local');

    // Administrators only.
    await page.goto('/admin/users');
    await expect(
      page.getByRole('heading', { name: "You don't have access to the instructor dashboard" }),
    ).toBeVisible();

    const guild = `E2E Examiners ${suffix}`;
    await page.goto('/guilds');
    await page.getByLabel('Guild name').fill(guild);
    await page.getByRole('button', { name: 'Found guild' }).click();
    await expect(page).toHaveURL(/\/guilds\/.+/);

    const eventTitle = `Winter Cup ${suffix}`;
    await page.goto('/admin/events');
    const newEvent = page.getByRole('form', { name: 'New event' });
    await newEvent.getByLabel('Name').fill(eventTitle);
    await newEvent.getByLabel('Address').fill(`winter-${suffix}`);
    await newEvent.getByRole('button', { name: 'Create event' }).click();
    await expect(page).toHaveURL(`/admin/events/winter-${suffix}`);
    await expect(page.getByRole('heading', { name: eventTitle })).toBeVisible();

    // A contest that already ended: the background workers finalize its ratings on their own.
    await page.getByRole('link', { name: 'New contest in this event' }).click();
    await expect(page.getByRole('heading', { name: 'New contest' })).toBeVisible();
    await expect(page.getByLabel('Seasonal event')).toHaveValue(/[0-9a-f-]{36}/);
    await expect(page.getByLabel('Seasonal event').locator('option:checked')).toHaveText(eventTitle);
    const contestSlug = `guild-round-${suffix}`;
    await page.getByLabel('Title').fill(`Guild round ${suffix}`);
    await page.getByLabel('Address').fill(contestSlug);
    await page.getByLabel('Starts').fill(localInput(new Date(Date.now() - 3 * 3_600_000)));
    await page.getByLabel('Ends').fill(localInput(new Date(Date.now() - 2 * 3_600_000)));
    await page.getByLabel('Who can see it').selectOption('GUILD');
    await page.getByLabel('Guild', { exact: true }).selectOption({ label: guild });
    await page.getByRole('button', { name: 'Add a problem' }).click();
    await page.getByLabel('Problem 1').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Create contest' }).click();
    await expect(page).toHaveURL(`/contests/${contestSlug}`);
    await expect(page.getByRole('link', { name: `Guild: ${guild}` })).toBeVisible();
    await expect(page.getByRole('link', { name: `Event: ${eventTitle}` })).toBeVisible();

    const ratings = page.getByRole('region', { name: 'Ratings' });
    await expect(async () => {
      await page.reload();
      await expect(ratings.getByText('Ratings finalized')).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(ratings.getByRole('button', { name: 'Finalize ratings' })).toHaveCount(0);

    const fairPlay = page.getByRole('region', { name: 'Fair play' });
    await fairPlay.getByRole('button', { name: 'Run the check' }).click();
    await expect(fairPlay.getByText('No pairs flagged.')).toBeVisible();

    // The event's public page lists the contest and leads to its leaderboard.
    await page.getByRole('link', { name: `Event: ${eventTitle}` }).click();
    await expect(page.getByRole('heading', { name: eventTitle })).toBeVisible();
    await expect(page.getByRole('link', { name: `Guild round ${suffix}` })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Event leaderboard' })).toHaveAttribute(
      'href',
      `/leaderboards?scope=event&id=winter-${suffix}`,
    );
    await context.close();

    // Outside the guild, the contest doesn't exist.
    const outsider = await signedIn(browser, 'barbara@roguelearn.local');
    await outsider.page.goto(`/contests/${contestSlug}`);
    await expect(outsider.page.getByText("We couldn't load this contest")).toBeVisible();
    await outsider.context.close();
  });
});
