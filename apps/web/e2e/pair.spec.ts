import { type Browser, expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './helpers';

// Fake camera and microphone, granted without a prompt, so the call can connect headless.
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  },
});

// Barbara and Ken's duel ratings are close, so the matcher pairs them at once.
const BARBARA = { email: 'barbara@roguelearn.local', name: 'Barbara Liskov' };
const KEN = { email: 'ken@roguelearn.local', name: 'Ken Thompson' };

async function student(browser: Browser, email: string) {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await signIn(page, email, DEMO_PASSWORD, '/pair');
  return page;
}

async function requestMatch(page: Page) {
  await page.getByRole('radio', { name: 'Easy' }).check();
  await page.getByLabel('Language').selectOption('python3');
  await page.getByRole('button', { name: 'Find a partner' }).click();
  // The partner may already be waiting, so the proposal can replace the queue status at once.
  const queued = page.getByText(/^Looking for a partner/).or(page.getByRole('dialog', { name: 'Partner found!' }));
  await expect(queued.first()).toBeVisible();
}

const editor = (page: Page) => page.getByTestId('collab-editor').locator('.cm-content');

/** Puts the caret at the end of the shared code and types a line. */
async function typeLine(page: Page, text: string) {
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`\n${text}`);
}

/** A <video> playing a live remote track (readyState ≥ 2: it has a current frame). */
async function remoteVideoPlaying(page: Page) {
  await expect
    .poll(
      () =>
        page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => {
          const stream = v.srcObject as MediaStream | null;
          return !!stream && stream.getTracks().some((t) => t.readyState === 'live') && v.readyState >= 2;
        }),
      { timeout: 30_000 },
    )
    .toBe(true);
}

test('two students match, share an editor, chat and call', async ({ browser }) => {
  test.setTimeout(180_000);
  const barbara = await student(browser, BARBARA.email);
  const ken = await student(browser, KEN.email);

  await requestMatch(barbara);
  await requestMatch(ken);

  // Both see the proposal and accept it.
  for (const page of [barbara, ken]) {
    const dialog = page.getByRole('dialog', { name: 'Partner found!' });
    await expect(dialog).toBeVisible({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Accept' }).click();
  }
  await expect(barbara).toHaveURL(/\/pair\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(ken).toHaveURL(/\/pair\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  expect(new URL(barbara.url()).pathname).toBe(new URL(ken.url()).pathname);

  // Both are present in the same room.
  for (const page of [barbara, ken]) {
    const people = page.getByRole('list', { name: 'People in this session' });
    await expect(people).toContainText(BARBARA.name);
    await expect(people).toContainText(KEN.name);
  }

  // Each one's typing shows up for the other, with the other's named cursor.
  await typeLine(barbara, '# barbara was here');
  await expect(editor(ken)).toContainText('# barbara was here');
  // The server has acknowledged her edits as committed.
  await expect(barbara.getByText('Saved', { exact: true })).toBeVisible();
  await typeLine(ken, '# ken too');
  await expect(editor(barbara)).toContainText('# ken too');
  await expect(barbara.locator('.cm-ySelectionInfo', { hasText: KEN.name })).toHaveCount(1);
  await barbara.getByTestId('collab-editor').locator('.cm-content').click();
  await expect(ken.locator('.cm-ySelectionInfo', { hasText: BARBARA.name })).toHaveCount(1);

  // Chat arrives live on the other side and is still there after a reload.
  await barbara.getByRole('textbox', { name: 'Message' }).fill('Hi Ken, shall we start with the input parsing?');
  await barbara.getByRole('button', { name: 'Send' }).click();
  const kenChat = ken.getByRole('list', { name: 'Chat messages' });
  await expect(kenChat).toContainText('Hi Ken, shall we start with the input parsing?');
  await ken.getByRole('textbox', { name: 'Message' }).fill('Sure, go ahead');
  await ken.getByRole('button', { name: 'Send' }).click();
  await expect(barbara.getByRole('list', { name: 'Chat messages' })).toContainText('Sure, go ahead');
  await ken.reload();
  await expect(kenChat).toContainText('Hi Ken, shall we start with the input parsing?');
  await expect(kenChat).toContainText('Sure, go ahead');
  await expect(editor(ken)).toContainText('# barbara was here');

  // The call connects and each side sees the other's video.
  await barbara.getByRole('button', { name: 'Join call' }).click();
  await ken.getByRole('button', { name: 'Join call' }).click();
  await remoteVideoPlaying(barbara);
  await remoteVideoPlaying(ken);
  await barbara.getByRole('button', { name: 'Mute' }).click();
  await expect(barbara.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await barbara.getByRole('button', { name: 'Leave call' }).click();
  await expect(ken.getByText('Waiting for your partner to join the call…')).toBeVisible();
});

test('named versions diff and restore undoably, and the replay plays the edits back', async ({ browser }) => {
  test.setTimeout(120_000);
  // Barbara and Ken are still in the session from the first test: /pair links to it.
  const barbara = await student(browser, BARBARA.email);
  await barbara.getByRole('link', { name: 'Open the session' }).click();
  await expect(editor(barbara)).toContainText('# ken too');
  const sessionPath = new URL(barbara.url()).pathname;

  const versions = barbara.getByRole('region', { name: 'Versions' });
  await versions.getByRole('textbox', { name: 'Version name' }).fill('Before the loop');
  await versions.getByRole('button', { name: 'Save version' }).click();
  await expect(versions.getByText('Before the loop')).toBeVisible();

  await typeLine(barbara, '# scratch line');
  await versions.getByRole('button', { name: 'Diff' }).click();
  await expect(versions.getByRole('table')).toContainText('# scratch line');

  barbara.once('dialog', (d) => d.accept());
  await versions.getByRole('button', { name: 'Restore' }).click();
  await expect(editor(barbara)).not.toContainText('# scratch line');
  await expect(versions.getByText('The current code is the same as this version.')).toBeVisible();
  await versions.getByRole('button', { name: 'Undo restore' }).click();
  await expect(editor(barbara)).toContainText('# scratch line');

  await barbara.goto(`${sessionPath}/replay`);
  const timeline = barbara.getByRole('slider', { name: 'Timeline' });
  await expect(timeline).toBeVisible();
  const max = Number(await timeline.getAttribute('max'));
  expect(max).toBeGreaterThan(5);
  await timeline.fill('0');
  await expect(barbara.getByTestId('replay-position')).toContainText(`Edit 0 of ${max}`);
  await barbara.getByLabel('Speed').selectOption('8');
  await barbara.getByRole('button', { name: 'Play' }).click();
  await expect(barbara.getByRole('button', { name: 'Pause' })).toBeVisible();
  await timeline.fill(String(max));
  await expect(barbara.getByRole('figure')).toContainText('# ken too');
});
