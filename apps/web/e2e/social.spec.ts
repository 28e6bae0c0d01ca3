import { type Browser, expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD, freshAccount, signUp } from './helpers';

/** A signed-up player in a browser context of their own, so two can act side by side. */
async function player(browser: Browser) {
  const account = freshAccount();
  const page = await (await browser.newContext()).newPage();
  await signUp(page, account);
  return { account, page };
}

async function createParty(page: Page, name: string) {
  await page.goto('/parties');
  await page.getByLabel('Party name').fill(name);
  await page.getByRole('button', { name: 'Create party' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('a party invitation reaches the invitee live, and accepting joins the party', async ({ browser }) => {
  const leader = await player(browser);
  const invitee = await player(browser);
  await createParty(leader.page, 'Midnight Raiders');

  // The invitee is already looking at their invitations: nothing there yet.
  await invitee.page.goto('/invitations');
  await expect(invitee.page.getByText('No invitations right now.')).toBeVisible();
  const bell = invitee.page.getByRole('button', { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName('Notifications');

  await leader.page.getByLabel('Invite by username').fill(invitee.account.username);
  await leader.page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(leader.page.getByText(`Invitation sent to @${invitee.account.username}`)).toBeVisible();

  // No reload: the live inbox updates the bell and the list.
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
  const invitation = invitee.page.getByRole('list', { name: 'Invitations' }).getByRole('listitem');
  await expect(invitation).toContainText('Midnight Raiders');
  await bell.click();
  await expect(invitee.page.getByRole('region', { name: 'Recent notifications' })).toContainText(
    'invited you to the party Midnight Raiders',
  );
  await invitee.page.keyboard.press('Escape');

  await invitation.getByRole('button', { name: 'Accept invitation to Midnight Raiders' }).click();
  await expect(invitee.page).toHaveURL(/\/parties\/[0-9a-f-]{36}$/);
  const members = invitee.page.getByRole('list', { name: 'Members' });
  await expect(members).toContainText(invitee.account.displayName);
  await expect(members).toContainText(leader.account.displayName);

  // The leader's open page learns of the new member from their own notification.
  await expect(leader.page.getByRole('list', { name: 'Members' })).toContainText(invitee.account.displayName);
});

test('a friend request is accepted and both see the friendship', async ({ browser }) => {
  const alice = await player(browser);
  const bob = await player(browser);
  await bob.page.goto('/friends');
  await expect(bob.page.getByText('No requests waiting.')).toBeVisible();

  await alice.page.goto('/friends');
  await alice.page.getByLabel('Username', { exact: true }).fill(bob.account.username);
  await alice.page.getByRole('button', { name: 'Send request' }).click();
  await expect(alice.page.getByRole('list', { name: 'Outgoing requests' })).toContainText(bob.account.displayName);

  const incoming = bob.page.getByRole('list', { name: 'Incoming requests' });
  await expect(incoming).toContainText(alice.account.displayName);
  await incoming.getByRole('button', { name: `Accept ${alice.account.displayName}` }).click();
  await expect(bob.page.getByRole('list', { name: 'Friends' })).toContainText(alice.account.displayName);
  await expect(alice.page.getByRole('list', { name: 'Friends' })).toContainText(bob.account.displayName);

  // Removing asks first.
  await alice.page.getByRole('button', { name: 'Remove' }).click();
  const dialog = alice.page.getByRole('dialog', { name: `Remove ${bob.account.displayName}?` });
  await dialog.getByRole('button', { name: 'Remove friend' }).click();
  await expect(alice.page.getByText('No friends yet.')).toBeVisible();
});

test('a blocked user can send neither a friend request nor a party invitation', async ({ browser }) => {
  const blocker = await player(browser);
  const blocked = await player(browser);

  await blocker.page.goto('/friends');
  await blocker.page.getByLabel('Block by username').fill(blocked.account.username);
  await blocker.page.getByRole('button', { name: 'Block', exact: true }).click();
  await expect(blocker.page.getByRole('list', { name: 'Blocked users' })).toContainText(blocked.account.displayName);

  const refusal = "You can't send requests or invitations to this user";
  await blocked.page.goto('/friends');
  await blocked.page.getByLabel('Username', { exact: true }).fill(blocker.account.username);
  await blocked.page.getByRole('button', { name: 'Send request' }).click();
  await expect(blocked.page.getByRole('region', { name: 'Add a friend' }).getByRole('alert')).toContainText(refusal);

  await createParty(blocked.page, 'Uninvited Guests');
  await blocked.page.getByLabel('Invite by username').fill(blocker.account.username);
  await blocked.page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(blocked.page.getByRole('region', { name: 'Invite', exact: true }).getByRole('alert')).toContainText(
    refusal,
  );
});

test('an invitation link previews for a visitor, who signs in and joins', async ({ browser, page }) => {
  const leader = await player(browser);
  await createParty(leader.page, 'Link Walkers');
  await leader.page.getByRole('button', { name: 'Create invitation link' }).click();
  const url = await leader.page.getByText(/\/invite\/[A-Za-z0-9_-]+$/).textContent();
  expect(url).toBeTruthy();

  await page.goto(new URL(url ?? '').pathname);
  await expect(page.getByRole('heading', { name: 'Join Link Walkers' })).toBeVisible();
  await page.getByRole('link', { name: 'Sign in to join' }).click();
  await page.getByLabel('Email', { exact: true }).fill('ken@roguelearn.local');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Join party' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Link Walkers' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Members' })).toContainText('Ken Thompson');
});
