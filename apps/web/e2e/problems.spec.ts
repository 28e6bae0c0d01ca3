import { expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './helpers';

// The real judge runs these (Docker sandboxes on a two-core machine): give it time.
const JUDGE_TIMEOUT = 30_000;

const SLUG = 'reverse-the-words';
const TITLE = 'Reverse the Words';
// The reference solution from packages/db/src/seed/problems.ts.
const CORRECT = "import sys\n\nwords = sys.stdin.readline().split()\nprint(' '.join(reversed(words)))\n";
// Echoes the line: wrong on the first sample, "hello brave new world".
const WRONG = 'print(input())\n';

/** Replaces the editor's whole text, as a paste would (no auto-indent or bracket closing). */
async function typeCode(page: Page, code: string) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(code);
}

test.describe('problem catalogue', () => {
  test('search, filter and paginate the list through the URL', async ({ page }) => {
    await signIn(page, 'grace@roguelearn.local', DEMO_PASSWORD);
    await page.goto('/problems');
    await expect(page.getByRole('heading', { name: 'Problems', level: 1 })).toBeVisible();
    const table = page.getByRole('table');

    // Grace solved the first seeded problem: it carries the solved mark.
    const solvedRow = table.getByRole('row').filter({ hasText: 'Digit Sum and Digital Root' });
    await expect(solvedRow.getByRole('img', { name: 'Solved' })).toBeVisible();
    await expect(
      table.getByRole('row').filter({ hasText: 'Anagram Pairs' }).getByRole('img', { name: 'Solved' }),
    ).toHaveCount(0);

    // Pagination: 20 to a page.
    const pagination = page.getByRole('navigation', { name: 'Pagination' });
    await expect(pagination.getByText(/Page 1 of \d+/)).toBeVisible();
    await pagination.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(pagination.getByText(/Page 2 of \d+/)).toBeVisible();

    // Difficulty chips filter (and reset the page).
    await page.getByRole('button', { name: 'Hard', exact: true }).click();
    await expect(page).toHaveURL('/problems?difficulty=hard');
    await expect(page.getByRole('button', { name: 'Hard', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(table.getByRole('row').filter({ hasText: 'Easy' })).toHaveCount(0);
    await expect(table.getByText('Hard').first()).toBeVisible();

    // The tag filter.
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await page.getByLabel('Tag', { exact: true }).selectOption('graphs');
    await expect(page).toHaveURL('/problems?tag=graphs');
    await expect(table.getByRole('link', { name: 'Maze Shortest Path' })).toBeVisible();
    await expect(table.getByRole('link', { name: TITLE })).toHaveCount(0);

    // Nothing matches: the empty state offers a reset, which brings every problem back.
    await page.getByRole('searchbox', { name: 'Search problems' }).fill('no such problem anywhere');
    await expect(page.getByText('No problems match “no such problem anywhere” with the tag “graphs”.')).toBeVisible();
    await page.getByRole('button', { name: 'Reset filters' }).click();
    await expect(page).toHaveURL('/problems');
    await expect(page.getByRole('searchbox', { name: 'Search problems' })).toBeFocused();
    await expect(page.getByRole('searchbox', { name: 'Search problems' })).toHaveValue('');
    await expect(table.getByRole('link', { name: TITLE })).toBeVisible();

    // A shared link restores the search.
    await page.goto('/problems?q=interval');
    await expect(page.getByRole('searchbox', { name: 'Search problems' })).toHaveValue('interval');
    await expect(table.getByRole('link', { name: 'Merge Intervals' })).toBeVisible();
    await expect(table.getByRole('link', { name: TITLE })).toHaveCount(0);
  });

  test('a visitor reads a problem, keeps a draft and is asked to sign in to run it', async ({ page }) => {
    await page.goto(`/problems/${SLUG}`);
    await expect(page.getByRole('heading', { name: TITLE, level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Constraints' })).toBeVisible();
    // Math is typeset by KaTeX (with MathML for assistive technology).
    await expect(page.locator('.katex').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Sample 1' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy sample 1 input' })).toBeVisible();
    await expect(page.getByLabel('Custom input')).toHaveValue('hello brave new world\n');

    const signInLink = page.getByRole('link', { name: 'Sign in to run and submit' });
    await expect(signInLink).toHaveAttribute('href', `/sign-in?next=${encodeURIComponent(`/problems/${SLUG}`)}`);
    await expect(page.getByRole('button', { name: 'Submit' })).toHaveCount(0);

    // The draft survives a reload.
    await expect(page.locator('.cm-content')).toContainText('TODO');
    await typeCode(page, '# my draft\nprint("kept")\n');
    await expect
      .poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('roguelearn:draft:'))))
      .toBe(true);
    await page.reload();
    await expect(page.locator('.cm-content')).toContainText('print("kept")');
  });

  test('an unknown problem is a 404', async ({ page }) => {
    const response = await page.goto('/problems/no-such-problem');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'No such problem' })).toBeVisible();
  });
});

test.describe('solving a problem', () => {
  test('find a problem, run it, get Accepted, then Wrong Answer with a diff', async ({ page }) => {
    test.setTimeout(150_000);
    await signIn(page, 'grace@roguelearn.local', DEMO_PASSWORD);

    await page.goto('/problems');
    await page.getByRole('searchbox', { name: 'Search problems' }).fill('reverse the');
    await expect(page).toHaveURL('/problems?q=reverse+the');
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(2); // header + one match
    await page.getByRole('link', { name: TITLE }).click();
    await expect(page.getByRole('heading', { name: TITLE, level: 1 })).toBeVisible();

    await page.getByLabel('Language').selectOption('python3');
    await typeCode(page, CORRECT);

    // Run on custom input.
    await page.getByLabel('Custom input').fill('  one two   three \n');
    await page.getByRole('button', { name: 'Run' }).click();
    const runPanel = page.getByRole('region', { name: 'Run result' });
    await expect(runPanel.getByText('Finished')).toBeVisible({ timeout: JUDGE_TIMEOUT });
    await expect(runPanel.locator('pre')).toHaveText('three two one');

    // Submit: Accepted, every test passed, shown live.
    const total = Number(await page.locator('dt:text-is("Tests") + dd').textContent());
    expect(total).toBeGreaterThan(2);
    await page.getByRole('button', { name: 'Submit' }).click();
    const result = page.getByRole('region', { name: 'Submission result' });
    await expect(result.getByText('Score 100/100')).toBeVisible({ timeout: JUDGE_TIMEOUT });
    await expect(result.getByText('Accepted').first()).toBeVisible();
    await expect(result.getByText(`${total} / ${total} tests passed`)).toBeVisible();
    await expect(result.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(total));
    const testRows = result.getByRole('row').filter({ has: page.getByRole('rowheader') });
    await expect(testRows).toHaveCount(total);
    await expect(testRows.filter({ hasText: 'hidden' }).first()).toContainText('Accepted');
    await expect(testRows.filter({ hasText: 'sample' }).first()).toContainText('Accepted');
    await expect(
      page.getByRole('status').filter({ hasText: `Accepted. ${total} of ${total} tests passed.` }),
    ).toBeAttached();

    // Solved, so the author's editorial opens.
    await page.locator('summary', { hasText: 'Editorial' }).click();
    await expect(page.getByText(/^Tokenize the line on whitespace/)).toBeVisible();

    // A wrong solution: Wrong Answer, with the first failed sample diffed line by line.
    await typeCode(page, WRONG);
    await page.getByRole('button', { name: 'Submit' }).click();
    // The verdict is announced once judging is done.
    await expect(
      page.getByRole('status').filter({ hasText: /^Wrong Answer\. \d+ of \d+ tests passed\.$/ }),
    ).toBeAttached({
      timeout: JUDGE_TIMEOUT,
    });
    await expect(result.getByText('Wrong Answer').first()).toBeVisible();
    await expect(result.getByText(/^Score \d+\/100$/)).toBeVisible();
    const failed = result.getByRole('region', { name: /Failed on sample test 1/ });
    await expect(failed).toBeVisible();
    const diff = failed.getByRole('table');
    await expect(diff.getByRole('columnheader', { name: 'Expected' })).toBeVisible();
    const line1 = diff.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /1 \(differs\)/ }) });
    await expect(line1.getByRole('cell').first()).toHaveText('world new brave hello');
    await expect(line1.getByRole('cell').last()).toHaveText('hello brave new world');
    await expect(result.getByText(new RegExp(`^[0-${total - 1}] / ${total} tests passed$`))).toBeVisible();

    // Both are in the history, newest first; an older one loads into the results panel.
    const history = page.getByRole('region', { name: 'Your submissions' });
    const rows = history.getByRole('row').filter({ has: page.getByRole('rowheader') });
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('Wrong Answer');
    await expect(rows.nth(0)).toContainText('Python 3');
    await expect(rows.nth(1)).toContainText('Accepted');
    await rows.nth(1).getByRole('button').click();
    await expect(result.getByText('Score 100/100')).toBeVisible();
    await expect(result.getByRole('heading', { name: 'Submission result' })).toBeFocused();

    // The catalogue now marks the problem solved.
    await page.goto('/problems?q=reverse');
    await expect(page.getByRole('row').filter({ hasText: TITLE }).getByRole('img', { name: 'Solved' })).toBeVisible();
  });

  test('a C++ compile error shows the compiler message', async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page, 'grace@roguelearn.local', DEMO_PASSWORD);
    await page.goto(`/problems/${SLUG}`);
    await page.getByLabel('Language').selectOption('cpp');
    await expect(page.locator('.cm-content')).toContainText('#include <bits/stdc++.h>');
    await typeCode(page, '#include <iostream>\nint main() {\n    std::cout << undeclared_name << "\\n";\n}\n');
    await page.keyboard.press('ControlOrMeta+Shift+Enter');

    const result = page.getByRole('region', { name: 'Submission result' });
    await expect(result.getByText('Compilation Error')).toBeVisible({ timeout: JUDGE_TIMEOUT });
    await expect(result.getByText(/undeclared_name/)).toBeVisible();
    await expect(result.getByText(/error/).first()).toBeVisible();
  });
});
