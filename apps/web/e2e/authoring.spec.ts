import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD, freshAccount, signIn, signUp, uniqueSuffix } from './helpers';

// The real judge runs the reference solution and the student's submission (Docker sandboxes).
const JUDGE_TIMEOUT = 60_000;

const SOLUTION = 'a, b = map(int, input().split())\nprint(a + b)\n';

/** Replaces the text of the CodeMirror editor inside `scope`, as a paste would. */
async function typeCode(page: Page, scope: ReturnType<Page['locator']>, code: string) {
  await scope.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(code);
}

/** A tRPC mutation with the browser's session: setup that belongs to other dashboard pages. */
async function mutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return (await res.json()).result.data.json as T;
}

/** Today as the analytics page labels it (the browser's time zone). */
async function todayLabel(page: Page) {
  return page.evaluate(() => {
    const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(),
    );
    return {
      day,
      label: new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${day}T00:00:00Z`),
      ),
    };
  });
}

test('an instructor authors, verifies and publishes a problem; a student solves it; analytics shows it', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const suffix = uniqueSuffix();
  const title = `Sum of Two ${suffix}`;

  // ── the instructor writes the problem ──────────────────────────────────
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, 'knuth@roguelearn.local', DEMO_PASSWORD);
  await staff.goto('/admin/problems');
  await expect(staff.getByRole('heading', { name: 'Problems', level: 1 })).toBeVisible();
  await staff.getByRole('link', { name: 'New problem' }).first().click();
  await expect(staff).toHaveURL('/admin/problems/new');

  await staff.getByLabel('Title', { exact: true }).fill(title);
  await staff.getByLabel('Category', { exact: true }).fill('math');
  await staff.getByLabel('Difficulty', { exact: true }).selectOption('EASY');
  await staff.getByLabel('Statement', { exact: true }).fill('Print the sum of $a$ and $b$.\n\n```\n1 2\n```\n');
  // The live preview typesets the math with the students' renderer.
  const preview = staff.getByRole('region', { name: 'Statement: preview' });
  await expect(preview.locator('.katex').first()).toBeVisible();
  await expect(preview.locator('pre code')).toHaveText('1 2');
  await staff.getByLabel('Input format', { exact: true }).fill('Two integers $a$ and $b$ on one line.');
  await staff.getByLabel('Output format', { exact: true }).fill('Their sum.');
  await staff.getByRole('button', { name: 'Create draft' }).click();

  await expect(staff).toHaveURL(/\/admin\/problems\/[0-9a-f-]{36}\?tab=tests$/);
  await expect(staff.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(staff.getByText('Draft', { exact: true })).toBeVisible();
  const problemUrl = new URL(staff.url()).pathname;

  // Two tests: a sample and a hidden one.
  const tests = staff.getByRole('region', { name: 'Tests', exact: true });
  for (const [input, output, sample] of [
    ['1 2\n', '3\n', true],
    ['40 2\n', '42\n', false],
  ] as const) {
    await tests.getByRole('button', { name: 'Add a test' }).click();
    const form = tests.getByRole('form', { name: 'New test' });
    await form.getByLabel('Input', { exact: true }).fill(input);
    await form.getByLabel('Expected output', { exact: true }).fill(output);
    if (sample) await form.getByLabel('Sample', { exact: true }).check();
    await form.getByRole('button', { name: 'Add test' }).click();
    await expect(form).toHaveCount(0);
  }
  const testRows = tests.getByRole('row').filter({ has: staff.getByRole('rowheader') });
  await expect(testRows).toHaveCount(2);
  await expect(testRows.nth(0)).toContainText('Sample');
  await expect(testRows.nth(1)).toContainText('Hidden');
  await expect(staff.getByRole('tab', { name: 'Tests (2)' })).toHaveAttribute('aria-selected', 'true');

  // Publishing is blocked, with the reason, until a verified reference solution exists.
  const publishBar = staff.getByRole('region', { name: 'Verification & publishing' });
  await expect(publishBar.getByRole('button', { name: 'Publish' })).toBeDisabled();
  await expect(publishBar.getByText('Add at least one reference solution')).toBeVisible();

  await staff.getByRole('tab', { name: 'Solutions & starter code' }).click();
  const solutions = staff.getByRole('region', { name: 'Reference solutions' });
  await solutions.getByLabel('Language for the new solution').selectOption('python3');
  await solutions.getByRole('button', { name: 'Add solution' }).click();
  const python = solutions.getByRole('listitem').filter({ hasText: 'Python 3 solution' });
  await typeCode(staff, python, SOLUTION);
  await python.getByRole('button', { name: 'Save solution' }).click();
  await expect(publishBar.getByText('python3: not verified yet')).toBeVisible();

  await publishBar.getByRole('button', { name: 'Verify' }).click();
  const verdicts = publishBar.getByRole('list', { name: 'Reference solutions' });
  await expect(verdicts.getByText('Passed · 2/2 tests')).toBeVisible({ timeout: JUDGE_TIMEOUT });
  await expect(python.getByText('Passed · 2/2 tests')).toBeVisible();
  await expect(publishBar.getByText('Every reference solution passes the current 2 tests.')).toBeVisible();
  await publishBar.getByRole('button', { name: 'Publish' }).click();
  await expect(staff.getByText('Published', { exact: true }).first()).toBeVisible();
  await expect(publishBar.getByRole('button', { name: 'Unpublish' })).toBeVisible();

  // The list shows it published, with its tests and verified solution.
  await staff.goto(`/admin/problems?q=${encodeURIComponent(suffix)}`);
  const listed = staff.getByRole('row').filter({ hasText: title });
  await expect(listed).toContainText('Published');
  await expect(listed).toContainText('python3 (verified)');
  await expect(listed.getByRole('link', { name: title })).toHaveAttribute('href', problemUrl);

  // A class of the instructor's own, so the analytics below count exactly this student.
  const cls = await mutate<{ id: string; name: string; inviteCode: string }>(staff.request, 'classes.create', {
    name: `Authoring E2E ${suffix}`,
    code: `E2E-${suffix}`.toUpperCase().slice(0, 40),
  });

  // ── a new student solves it ────────────────────────────────────────────
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await signUp(student, freshAccount());
  await mutate(student.request, 'classes.join', { code: cls.inviteCode });
  await student.goto('/problems');
  await student.getByRole('searchbox', { name: 'Search problems' }).fill(suffix);
  // The search reaches the URL after a pause in typing; clicking before that would be undone.
  await expect(student).toHaveURL(`/problems?q=${suffix}`);
  await student.getByRole('link', { name: title }).click();
  await expect(student.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(student.getByRole('heading', { name: 'Sample 1' })).toBeVisible();
  await student.getByLabel('Language').selectOption('python3');
  await typeCode(student, student.locator('main'), SOLUTION);
  await student.getByRole('button', { name: 'Submit' }).click();
  const result = student.getByRole('region', { name: 'Submission result' });
  await expect(result.getByText('Score 100/100')).toBeVisible({ timeout: JUDGE_TIMEOUT });
  await expect(result.getByText('Accepted').first()).toBeVisible();
  await studentContext.close();

  // ── the instructor sees it in the class analytics ─────────────────────
  await staff.goto('/admin/analytics');
  await expect(staff.getByRole('heading', { name: 'Class analytics', level: 1 })).toBeVisible();
  await staff
    .getByLabel('Class', { exact: true })
    .selectOption({ label: `${cls.name} (${`E2E-${suffix}`.toUpperCase()})` });
  const { day, label } = await todayLabel(staff);

  const summary = staff.getByRole('region', { name: 'At a glance' });
  await expect(summary.locator('dt:text-is("Students") + dd')).toHaveText('1');
  await expect(summary.locator('dt:text-is("Submissions") + dd')).toHaveText('1');
  await expect(summary.locator('dt:text-is("Accepted") + dd')).toHaveText('100%');

  const submissions = staff.getByRole('region', { name: 'Submissions by verdict' });
  const chart = submissions.getByRole('img', { name: 'Submissions per day, by verdict' });
  await expect(chart).toBeVisible();
  await expect(chart.locator(`g[data-day="${day}"]`)).toHaveAttribute('data-total', '1');
  await expect(chart.locator(`g[data-day="${day}"] rect`)).toHaveCount(1);
  await submissions.getByRole('button', { name: 'Show the data table' }).click();
  const todayRow = submissions.getByRole('row', { name: new RegExp(`^${label}\\b`) });
  await expect(todayRow.getByRole('cell')).toHaveText(['1', '1', '0', '0', '0', '0', '0']);

  const problems = staff.getByRole('region', { name: 'Problems', exact: true });
  const problemRow = problems.getByRole('row').filter({ has: staff.getByRole('link', { name: title }) });
  await expect(problemRow.getByRole('cell')).toHaveText(['Easy', '1', '1', '100%', '1']);

  const active = staff.getByRole('region', { name: 'Active students' });
  await active.getByRole('button', { name: 'Show the data table' }).click();
  await expect(active.getByRole('row', { name: new RegExp(`^${label}\\b`) }).getByRole('cell')).toHaveText('1');

  // The CSV export is the same data as a file.
  const download = staff.waitForEvent('download');
  await problems.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^problems_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(csv).toString('utf8')).toContain(`${title},EASY,1,1,1,1,1,1`);

  // Retired again: a duel in a later journey draws any published problem and must meet a seeded one.
  await staff.goto(problemUrl);
  const bar = staff.getByRole('region', { name: 'Verification & publishing' });
  await bar.getByRole('button', { name: 'Archive' }).click();
  await staff
    .getByRole('dialog', { name: `Archive “${title}”?` })
    .getByRole('button', { name: 'Archive' })
    .click();
  await expect(staff.getByText('Archived. Students no longer see it; their submissions are kept.')).toBeVisible();
  await staffContext.close();
});

test('tests in bulk with a group, delete with confirmation, export and re-import a zip', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const suffix = uniqueSuffix();
  const title = `Bulk Tests ${suffix}`;
  const slug = `bulk-tests-${suffix}`;
  await signIn(page, 'knuth@roguelearn.local', DEMO_PASSWORD);
  await page.goto('/admin/problems/new');
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Category', { exact: true }).fill('math');
  await page.getByLabel('Statement', { exact: true }).fill('Double the number.');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();

  // Three tests pasted at once, into a new group.
  const bulk = page.getByRole('region', { name: 'Upload many tests' });
  await bulk.getByLabel('Pasted text').check();
  await bulk.getByLabel('Tests', { exact: true }).fill('1\n---\n2\n===\n5\n---\n10\n===\n-3\n---\n-6\n');
  await expect(bulk.getByText('3 tests ready to upload.')).toBeVisible();
  await bulk.getByLabel('Group (optional)').fill('Subtask 1');
  await bulk.getByRole('button', { name: 'Upload 3 tests' }).click();

  const tests = page.getByRole('region', { name: 'Tests', exact: true });
  const rows = tests.getByRole('row').filter({ has: page.getByRole('rowheader') });
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Subtask 1');
  await expect(rows.nth(1)).toContainText('10');
  const groups = page.getByRole('region', { name: 'Test groups' });
  await expect(groups.getByLabel('Group 1 name')).toHaveValue('Subtask 1');
  await expect(groups.getByText('3 tests')).toBeVisible();

  // Deleting asks first; cancelling keeps the test.
  await tests.getByRole('button', { name: 'Delete test 2' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete test 2?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows).toHaveCount(3);
  await tests.getByRole('button', { name: 'Delete test 2' }).click();
  await dialog.getByRole('button', { name: 'Delete test' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('-6');

  // Export, then import the same zip: a new draft with a suffixed slug and the same tests.
  const publishBar = page.getByRole('region', { name: 'Verification & publishing' });
  const download = page.waitForEvent('download');
  await publishBar.getByRole('button', { name: 'Export zip' }).click();
  const zip = await download;
  expect(zip.suggestedFilename()).toBe(`${slug}.zip`);
  const zipPath = testInfo.outputPath(`${slug}.zip`);
  await zip.saveAs(zipPath);

  await page.goto('/admin/problems');
  await page.getByLabel('Problem package (.zip)').setInputFiles(zipPath);
  await expect(page.getByText(`/problems/${slug}-2`)).toBeVisible();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Tests (2)' })).toBeVisible();

  // Both drafts are in the list, found by the search.
  await page.goto('/admin/problems?status=draft');
  await page.getByRole('searchbox', { name: 'Search your problems' }).fill(suffix);
  await expect(page.getByRole('row').filter({ hasText: title })).toHaveCount(2);
});

test('students are kept out of the authoring and analytics pages', async ({ page }) => {
  await signUp(page, freshAccount());
  for (const path of ['/admin/problems', '/admin/problems/new', '/admin/analytics']) {
    await page.goto(path);
    await expect(
      page.getByRole('heading', { name: "You don't have access to the instructor dashboard" }),
    ).toBeVisible();
  }
});
