import { expect, type Page, test } from '@playwright/test';
import { problems } from '../../../packages/db/src/seed/problems';
import { syllabus } from '../../../packages/db/src/seed/syllabus';
import { DEMO_PASSWORD, signIn, uniqueSuffix } from './helpers';

// The real judge runs the submission (Docker sandboxes on a two-core machine): give it time.
const JUDGE_TIMEOUT = 60_000;

// The seeded CS101 tree's first quest solves the first problems matching its first node's tags.
const firstNode = syllabus.nodes[0];
const firstProblem = problems.find(
  (p) => p.tags.some((t) => firstNode.tags.includes(t)) || firstNode.tags.includes(p.category),
);
if (!firstProblem) throw new Error('The seed has no problem for the first CS101 node');

const SYLLABUS = `# Spells 101

## Incantations
Words of power and their grammar.

## Wands
Choosing, holding and waving a wand.

## Duelling
Putting incantations and wands together.
`;

/** Opens the seeded CS101 tree (another test may have published a second tree to CS101). */
async function openSeededTree(page: Page) {
  await page.goto('/skill-tree');
  await expect(page.getByRole('group', { name: / skills$/ })).toBeVisible();
  const tab = page.getByRole('button', { name: /CS101 Skill Tree/ });
  if (await tab.count()) await tab.click();
  await expect(page.getByRole('group', { name: /^CS101 Skill Tree/ })).toBeVisible();
}

/** Replaces the editor's whole text, as a paste would (no auto-indent or bracket closing). */
async function typeCode(page: Page, code: string) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(code);
}

test.describe('learning', () => {
  test('an instructor turns a syllabus into a tree, edits it and publishes it', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const title = `Spells ${uniqueSuffix()}`;
    await signIn(page, 'knuth@roguelearn.local', DEMO_PASSWORD, '/admin/syllabi');
    await expect(page.getByRole('heading', { name: 'Syllabi and skill trees', level: 1 })).toBeVisible();

    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Syllabus (Markdown)').fill(SYLLABUS);
    await page.getByRole('button', { name: 'Save syllabus' }).click();
    await expect(page.getByText(`Saved “${title}”`)).toBeVisible();
    await expect(page.getByText('AI: offline').first()).toBeVisible();

    await page.getByRole('button', { name: `Generate a skill tree from ${title}` }).click();
    await expect(page).toHaveURL(/\/admin\/trees\/[0-9a-f-]+$/, { timeout: 30_000 });
    await expect(page.getByText('Generated offline')).toBeVisible();
    const editor = page.getByRole('group', { name: 'Skill tree editor' });
    await expect(editor.getByRole('button', { name: 'Incantations' })).toBeVisible();

    // Rename a skill and save.
    await editor.getByRole('button', { name: 'Incantations' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Incantations and Charms');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    await expect(editor.getByRole('button', { name: 'Incantations and Charms' })).toBeVisible();

    // Duelling requires Wands which requires Incantations: making Incantations require Duelling is a cycle.
    await editor.getByRole('button', { name: 'Duelling' }).click();
    await page.getByRole('button', { name: 'Connect to…' }).click();
    await editor.getByRole('button', { name: /^Incantations and Charms/ }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await expect(refusal).toContainText(/cycle/i);
    await expect(
      page.getByRole('button', { name: 'Remove connection Duelling to Incantations and Charms' }),
    ).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Remove connection Wands to Duelling' })).toBeVisible();

    await page.screenshot({ path: testInfo.outputPath('tree-editor.png'), fullPage: true });
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByText(/Published to CS101-F26/)).toBeVisible();
    await expect(page.getByText('published', { exact: true })).toBeVisible();
  });

  test('a student starts a quest, reads, solves and levels the skill up', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await signIn(page, 'frances@roguelearn.local', DEMO_PASSWORD);
    await openSeededTree(page);
    await expect(page.getByRole('heading', { name: 'Skill tree', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: /CS101 Skill Tree/, level: 2 })).toBeVisible();

    const tree = page.getByRole('group', { name: /CS101 Skill Tree/ });
    const node = tree.getByRole('button', { name: new RegExp(`^${firstNode.title}:`) });
    await expect(node).toHaveAccessibleName(`${firstNode.title}: Available, 0% done`);
    // A locked skill says what it waits for.
    await tree.getByRole('button', { name: /^Strings:/ }).click();
    await expect(page.getByText(`Master “${firstNode.title}” to unlock this skill.`)).toBeVisible();

    // Keyboard: focus the first skill and open it with Enter.
    await node.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: firstNode.title, level: 2 })).toBeFocused();
    await page.getByRole('button', { name: `Start The ${firstNode.title} Trial` }).click();
    await expect(page).toHaveURL(/\/quests\/[0-9a-f-]+$/);
    const questUrl = page.url();
    await expect(page.getByRole('heading', { name: `The ${firstNode.title} Trial`, level: 1 })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('quest.png'), fullPage: true });
    await expect(page.getByRole('button', { name: 'Enter the dungeon' })).toBeVisible();

    // The reading step.
    const steps = page.getByRole('region', { name: 'Steps' }).getByRole('listitem');
    const read = steps.filter({ hasText: `Study: ${firstNode.title}` });
    await read.getByRole('button', { name: 'Mark as read' }).click();
    await expect(read.getByText('✓ Done')).toBeVisible();

    // The solve step: not yet, then solved on the problem page, then done.
    const solve = steps.filter({ hasText: firstProblem.title }).first();
    await solve.getByRole('button', { name: 'Check progress' }).click();
    await expect(solve.getByText(/no accepted submission/)).toBeVisible();
    await solve.getByRole('link', { name: `Open “${firstProblem.title}”` }).click();
    await expect(page.getByRole('heading', { name: firstProblem.title, level: 1 })).toBeVisible();
    await page.getByLabel('Language').selectOption('python3');
    await typeCode(page, firstProblem.solutions.python3);
    await page.getByRole('button', { name: 'Submit' }).click();
    const result = page.getByRole('region', { name: 'Submission result' });
    await expect(result.getByText('Score 100/100')).toBeVisible({ timeout: JUDGE_TIMEOUT });

    await page.goto(questUrl);
    const solved = page
      .getByRole('region', { name: 'Steps' })
      .getByRole('listitem')
      .filter({ hasText: firstProblem.title })
      .first();
    // Accepted submissions settle on read; the button covers the case where they have not yet.
    if (await solved.getByRole('button', { name: 'Check progress' }).count()) {
      await solved.getByRole('button', { name: 'Check progress' }).click();
    }
    await expect(solved.getByText('✓ Done')).toBeVisible();

    // The node's progress went up on the tree.
    await openSeededTree(page);
    await expect(node).not.toHaveAccessibleName(`${firstNode.title}: Available, 0% done`);
    await expect(node).toHaveAccessibleName(/In progress/);
    await node.click();
    await page.screenshot({ path: testInfo.outputPath('skill-tree.png'), fullPage: true });

    // And on the character sheet: skill points on the node, quest-step XP in the history.
    await page.goto('/character');
    await expect(page.getByRole('heading', { name: 'Your character', level: 1 })).toBeVisible();
    const skills = page.getByRole('region', { name: 'Skills' });
    await expect(skills.getByRole('row').filter({ hasText: firstNode.title })).toBeVisible();
    const history = page.getByRole('region', { name: 'XP history' });
    await expect(history.getByRole('row').filter({ hasText: 'Completed a quest step' }).first()).toBeVisible();
    await expect(history.getByRole('row').filter({ hasText: 'Solved a problem for the first time' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('character.png'), fullPage: true });
  });

  test('a student enters a dungeon, hears the narration and abandons; hints cost XP', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await signIn(page, 'edsger@roguelearn.local', DEMO_PASSWORD);
    await openSeededTree(page);
    await page
      .getByRole('group', { name: /CS101 Skill Tree/ })
      .getByRole('button', { name: new RegExp(`^${firstNode.title}:`) })
      .click();
    await page.getByRole('button', { name: `Start The ${firstNode.title} Trial` }).click();
    await page.getByRole('button', { name: 'Enter the dungeon' }).click();
    await expect(page).toHaveURL(/\/dungeon\/[0-9a-f-]+$/);
    await expect(page.getByText('AI: offline')).toBeVisible();
    await expect(page.getByRole('meter', { name: 'Hit points' })).toHaveAttribute('value', '100');
    await expect(page.locator('blockquote').first()).not.toBeEmpty();
    // The reading encounter clears on request and the story moves on.
    await page.getByRole('button', { name: 'Done reading: advance' }).click();
    await expect(page.getByText('✓ Cleared')).toBeVisible();
    await expect(page.locator('blockquote')).toHaveCount(2);
    await page.screenshot({ path: testInfo.outputPath('dungeon.png'), fullPage: true });

    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Abandon run' }).click();
    await expect(page.getByText('Abandoned')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Abandon run' })).toHaveCount(0);

    // Hints: the unlock asks first, naming the cost.
    await page.goto(`/problems/${firstProblem.slug}`);
    await page.getByText('Hints', { exact: true }).click();
    await expect(page.getByText('AI: offline')).toBeVisible();
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await page
      .getByRole('button', { name: /^Unlock for \d+ XP$/ })
      .first()
      .click();
    await expect.poll(() => asked).toMatch(/Unlock the nudge hint for \d+ XP\?/);
    await expect(page.getByRole('button', { name: /^Unlock for \d+ XP$/ })).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('hints.png'), fullPage: true });
  });
});
