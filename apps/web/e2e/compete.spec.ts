import { type Browser, expect, type Page, test } from '@playwright/test';
import { problems } from '../../../packages/db/src/seed/problems';
import { DEMO_PASSWORD, signIn, uniqueSuffix } from './helpers';

// The real judge runs these (Docker sandboxes on a two-core machine), and a duel has a 10 s countdown.
const JUDGE_TIMEOUT = 45_000;

/** Replaces the editor's whole text, as a paste would (no auto-indent or bracket closing). */
async function typeCode(page: Page, code: string) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(code);
}

async function player(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD);
  return { context, page };
}

test.describe('competition', () => {
  test('a ranked duel from challenge to result, live on both sides', async ({ browser }) => {
    test.setTimeout(180_000);
    const a = await player(browser, 'linus@roguelearn.local');
    const b = await player(browser, 'margaret@roguelearn.local');

    // Linus's rating chart before the duel.
    await a.page.goto('/u/linus');
    await expect(a.page.getByRole('heading', { name: 'Rating history' })).toBeVisible();
    const pointsBefore = await a.page.getByTestId('rating-point').count();

    // Margaret waits on the duels page; the challenge appears there without a reload.
    await b.page.goto('/duels');
    await expect(b.page.getByRole('heading', { name: 'Challenges and running duels' })).toBeVisible();
    await expect(b.page.getByText('No open challenges.')).toBeVisible();

    await a.page.goto('/duels');
    await a.page.getByLabel('Username').fill('margaret');
    await a.page.getByRole('button', { name: 'Challenge', exact: true }).click();
    await expect(a.page).toHaveURL(/\/duels\/[0-9a-f-]{36}$/);
    await expect(a.page.getByRole('heading', { name: 'Waiting for your opponent to accept…' })).toBeVisible();

    const incoming = b.page.getByRole('listitem').filter({ hasText: 'Linus Torvalds (@linus) challenged you' });
    await expect(incoming).toBeVisible();
    await incoming.getByRole('button', { name: 'Accept' }).click();
    await expect(b.page).toHaveURL(a.page.url());

    // Both get the problem when the server's countdown ends.
    for (const { page } of [a, b]) {
      await expect(page.getByRole('timer')).toBeVisible();
      await expect(page.locator('#problem-title')).toBeVisible({ timeout: 30_000 });
    }
    const slug = await a.page.locator('[data-problem-slug]').getAttribute('data-problem-slug');
    const problem = problems.find((p) => p.slug === slug);
    expect(problem, `seeded problem ${slug}`).toBeTruthy();

    // Margaret submits a wrong answer: Linus sees her tests passed, live.
    await b.page.getByLabel('Language').selectOption('python3');
    await typeCode(b.page, 'print(0)\n');
    await b.page.getByRole('button', { name: 'Submit', exact: true }).click();
    const margaretOnA = a.page.getByRole('region', { name: 'Opponent Margaret Hamilton' });
    await expect(margaretOnA.getByTestId('tests-passed')).toHaveText(/^\d+ of [1-9]\d* tests passed$/, {
      timeout: JUDGE_TIMEOUT,
    });
    await expect(margaretOnA).toContainText('1 submission');

    // Linus submits the reference solution and wins; both see the result.
    await a.page.getByLabel('Language').selectOption('python3');
    await typeCode(a.page, problem?.solutions.python3 ?? '');
    await a.page.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect(a.page.getByRole('heading', { name: 'You won!' })).toBeVisible({ timeout: JUDGE_TIMEOUT });
    await expect(b.page.getByRole('heading', { name: 'You lost' })).toBeVisible({ timeout: JUDGE_TIMEOUT });
    await expect(a.page.getByTestId('rating-change')).toHaveText(/^Rating \d+ → \d+ \(\+\d+\)$/);
    await expect(b.page.getByTestId('rating-change')).toHaveText(/^Rating \d+ → \d+ \(-\d+\)$/);
    await expect(a.page.getByRole('button', { name: 'Rematch' })).toBeVisible();

    // The new point on Linus's rating chart, and the duel in his recent duels.
    await a.page.goto('/u/linus');
    await expect(a.page.getByTestId('rating-point')).toHaveCount(pointsBefore + 1);
    await expect(a.page.getByTestId('rating-point').last()).toHaveAttribute('aria-label', /^Duel won against margaret/);
    await a.page.goto('/duels');
    await expect(
      a.page
        .getByRole('region', { name: 'Recent duels' })
        .getByRole('listitem')
        .filter({ hasText: 'Margaret Hamilton' }),
    ).toContainText('Won');

    await a.context.close();
    await b.context.close();
  });

  test('a contest scoreboard updates live when a contestant solves a problem', async ({ browser }) => {
    test.setTimeout(150_000);
    const reverse = problems.find((p) => p.slug === 'reverse-the-words');
    const slug = `live-${uniqueSuffix()}`;
    // datetime-local speaks the browser's local time, which is this machine's.
    const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

    // An instructor creates a contest running now, with one problem.
    const teacher = await player(browser, 'hopper@roguelearn.local');
    await teacher.page.goto('/contests');
    await teacher.page.getByRole('link', { name: 'New contest' }).click();
    await teacher.page.getByLabel('Title', { exact: true }).fill('Live Board Cup');
    await teacher.page.getByLabel('Address').fill(slug);
    await teacher.page.getByLabel('Starts', { exact: true }).fill(local(new Date(Date.now() - 60_000)));
    await teacher.page.getByLabel('Ends', { exact: true }).fill(local(new Date(Date.now() + 60 * 60_000)));
    await teacher.page.getByRole('button', { name: 'Add a problem' }).click();
    await teacher.page.getByLabel('Problem 1').selectOption({ label: 'Reverse the Words' });
    await teacher.page.getByRole('button', { name: 'Create contest' }).click();
    await expect(teacher.page).toHaveURL(`/contests/${slug}`);
    await expect(teacher.page.getByRole('heading', { name: 'Live Board Cup', level: 1 })).toBeVisible();

    // A spectator (signed out) watches the scoreboard.
    const spectator = await browser.newContext();
    const watch = await spectator.newPage();
    await watch.goto(`/contests/${slug}`);
    const board = watch.getByRole('region', { name: 'Scoreboard' });
    await expect(board.getByText('Nobody has registered yet.')).toBeVisible();

    // A student registers (the spectator sees the row) and solves A (the spectator sees the solve).
    const student = await player(browser, 'ken@roguelearn.local');
    await student.page.goto(`/contests/${slug}`);
    await student.page.getByRole('button', { name: 'Register' }).click();
    await expect(student.page.getByText('You are registered.')).toBeVisible();
    const kenRow = board.getByRole('row').filter({ hasText: 'Ken Thompson' });
    await expect(kenRow).toBeVisible();

    await student.page.getByRole('link', { name: 'A. Reverse the Words' }).click();
    await expect(student.page.locator('#problem-title')).toHaveText('A. Reverse the Words');
    await student.page.getByLabel('Language').selectOption('python3');
    await typeCode(student.page, reverse?.solutions.python3 ?? '');
    await student.page.getByRole('button', { name: 'Submit', exact: true }).click();

    await expect(kenRow.getByRole('cell', { name: /^A: solved at minute \d+ after 0 rejected/ })).toBeVisible({
      timeout: JUDGE_TIMEOUT,
    });
    await expect(kenRow.getByRole('cell').nth(1)).toHaveText('1');
    await expect(
      student.page.getByRole('region', { name: 'My submissions' }).getByRole('cell', { name: 'Accepted' }),
    ).toBeVisible({ timeout: JUDGE_TIMEOUT });

    await teacher.context.close();
    await spectator.close();
    await student.context.close();
  });
});
