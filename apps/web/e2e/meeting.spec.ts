import { type Browser, expect, type Page, test } from '@playwright/test';
import { freshAccount, signUp, uniqueSuffix } from './helpers';

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

/** A fresh player in a browser context of their own, so two can act side by side. */
async function player(browser: Browser) {
  const account = freshAccount();
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await signUp(page, account);
  return { account, page };
}

type Player = Awaited<ReturnType<typeof player>>;

/** `leader` founds a party named `name` and invites `member`, who accepts and lands on its page. */
async function formParty(leader: Player, member: Player, name: string) {
  await leader.page.goto('/parties');
  await leader.page.getByLabel('Party name').fill(name);
  await leader.page.getByRole('button', { name: 'Create party' }).click();
  await expect(leader.page.getByRole('heading', { level: 1, name })).toBeVisible();
  await leader.page.getByLabel('Invite by username').fill(member.account.username);
  await leader.page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(leader.page.getByText(`Invitation sent to @${member.account.username}`)).toBeVisible();
  await member.page.goto('/invitations');
  await member.page.getByRole('button', { name: `Accept invitation to ${name}` }).click();
  await expect(member.page).toHaveURL(/\/parties\/[0-9a-f-]{36}$/);
}

/** The value of an <input type="datetime-local"> (the browser runs in this machine's zone). */
function localMinute(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const notes = (page: Page) => page.getByRole('region', { name: 'Notes' }).locator('.cm-content');

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

/**
 * Holds the page's camera until `at` (a Date.now() time). Two clicks are never quite simultaneous,
 * but this way two cameras come on in the same instant, so each person announces themselves in
 * the call before hearing the other.
 */
async function cameraOnAt(page: Page, at: number) {
  await page.evaluate((at) => {
    const devices = navigator.mediaDevices;
    const getUserMedia = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      await new Promise((resolve) => setTimeout(resolve, at - Date.now()));
      return stream;
    };
  }, at);
}

test('a party schedules a meeting and meets: presence, shared notes, chat, call and attendance', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const leader = await player(browser);
  const member = await player(browser);
  const partyName = `Owls ${uniqueSuffix()}`;

  // The leader makes a party and invites the member, who accepts.
  await formParty(leader, member, partyName);
  const upcoming = member.page.getByRole('list', { name: 'Upcoming meetings' });
  await expect(member.page.getByText('Nothing planned yet.')).toBeVisible();

  // The leader schedules a meeting starting now (this minute) with two agenda items.
  await leader.page.getByRole('button', { name: 'Schedule meeting' }).click();
  const form = leader.page.getByRole('region', { name: 'Schedule a meeting' });
  await form.getByLabel('Title', { exact: true }).fill('Sprint sync');
  await form.getByLabel('Starts', { exact: true }).fill(localMinute(new Date()));
  await form.getByLabel('Agenda item 1', { exact: true }).fill('Demo the prototype');
  await form.getByRole('button', { name: 'Add agenda item' }).click();
  await form.getByLabel('Agenda item 2', { exact: true }).fill('Plan next steps');
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(leader.page.getByRole('list', { name: 'Upcoming meetings' })).toContainText('Sprint sync');

  // The member's open party page and bell update live.
  await expect(upcoming).toContainText('Sprint sync');
  await expect(upcoming).toContainText('2 agenda items');
  await expect(upcoming).toContainText('Live now');
  const bell = member.page.getByRole('button', { name: /^Notifications/ });
  await bell.click();
  await expect(member.page.getByRole('region', { name: 'Recent notifications' })).toContainText(
    `scheduled “Sprint sync” for ${partyName}`,
  );
  await member.page.keyboard.press('Escape');

  // Both open the meeting room.
  await upcoming.getByRole('link', { name: 'Sprint sync' }).click();
  await expect(member.page).toHaveURL(/\/parties\/[0-9a-f-]{36}\/meetings\/[0-9a-f-]{36}$/);
  await leader.page.goto(member.page.url());
  for (const page of [leader.page, member.page]) {
    await expect(page.getByRole('heading', { level: 1, name: 'Sprint sync' })).toBeVisible();
    const agenda = page.getByRole('list', { name: 'Agenda' });
    await expect(agenda.getByRole('listitem')).toHaveText([/Demo the prototype/, /Plan next steps/]);
    const present = page.getByRole('list', { name: 'People in this meeting' });
    await expect(present).toContainText(leader.account.displayName);
    await expect(present).toContainText(member.account.displayName);
    const attendance = page.getByRole('list', { name: 'Attendance' });
    await expect(attendance).toContainText(leader.account.displayName);
    await expect(attendance).toContainText(member.account.displayName);
  }

  // Notes typed by one appear for the other.
  await notes(leader.page).click();
  await leader.page.keyboard.type('Decision: ship on Friday');
  await expect(notes(member.page)).toContainText('Decision: ship on Friday');

  // Ticking an agenda item shows on the other side.
  // A click rather than check(): the tick settles asynchronously, which check() doesn't wait for.
  await member.page.getByRole('checkbox', { name: 'Demo the prototype' }).click();
  await expect(member.page.getByRole('checkbox', { name: 'Demo the prototype' })).toBeChecked();
  await expect(leader.page.getByRole('checkbox', { name: 'Demo the prototype' })).toBeChecked();

  // A chat message arrives live.
  await member.page.getByRole('textbox', { name: 'Message' }).fill('Sounds good to me');
  await member.page.getByRole('button', { name: 'Send' }).click();
  await expect(leader.page.getByRole('list', { name: 'Chat messages' })).toContainText('Sounds good to me');

  // The call connects both ways. One joins after the other, as in the pair journey; the next test
  // has both join at once.
  await leader.page.getByRole('button', { name: 'Join call' }).click();
  await expect(leader.page.getByText('Waiting for others to join the call…')).toBeVisible();
  await member.page.getByRole('button', { name: 'Join call' }).click();
  await remoteVideoPlaying(leader.page);
  await remoteVideoPlaying(member.page);
  await leader.page.getByRole('button', { name: 'Leave call' }).click();
  await expect(member.page.getByText('Waiting for others to join the call…')).toBeVisible();
});

test('two members who join the call in the same instant both see each other', async ({ browser }) => {
  test.setTimeout(120_000);
  const leader = await player(browser);
  const member = await player(browser);
  await formParty(leader, member, `Larks ${uniqueSuffix()}`);

  await leader.page.getByRole('button', { name: 'Schedule meeting' }).click();
  const form = leader.page.getByRole('region', { name: 'Schedule a meeting' });
  await form.getByLabel('Title', { exact: true }).fill('Stand-up');
  await form.getByLabel('Starts', { exact: true }).fill(localMinute(new Date()));
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  await member.page.getByRole('list', { name: 'Upcoming meetings' }).getByRole('link', { name: 'Stand-up' }).click();
  await expect(member.page).toHaveURL(/\/parties\/[0-9a-f-]{36}\/meetings\/[0-9a-f-]{36}$/);
  await leader.page.goto(member.page.url());
  for (const page of [leader.page, member.page]) {
    const present = page.getByRole('list', { name: 'People in this meeting' });
    await expect(present).toContainText(leader.account.displayName);
    await expect(present).toContainText(member.account.displayName);
  }

  const pages = [leader.page, member.page];
  const at = Date.now() + 2_000;
  await Promise.all(pages.map((page) => cameraOnAt(page, at)));
  await Promise.all(pages.map((page) => page.getByRole('button', { name: 'Join call' }).click()));
  await remoteVideoPlaying(leader.page);
  await remoteVideoPlaying(member.page);
  for (const page of pages) {
    await expect(page.getByRole('region', { name: 'Call' }).getByRole('alert')).toHaveCount(0);
  }
});
