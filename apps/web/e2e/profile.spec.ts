import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, freshAccount, signIn, signUp } from './helpers';

test('a player edits their profile and sees it on their public page', async ({ page }) => {
  const account = freshAccount();
  await signUp(page, account);
  await page.goto('/profile');

  const profile = page.getByRole('region', { name: 'Profile', exact: true });
  await profile.getByLabel('Display name').fill('Renamed Adventurer');
  await profile.getByLabel('Bio').fill('Slayer of off-by-one errors.');
  await profile.getByLabel('Website').fill('not a url');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(profile.getByLabel('Website')).toHaveAccessibleDescription(/Enter a full http\(s\) URL/);

  await profile.getByLabel('Website').fill('https://example.com');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved')).toBeVisible();

  await page.goto(`/u/${account.username}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Renamed Adventurer');
  await expect(page.getByText('Slayer of off-by-one errors.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'example.com' })).toBeVisible();
});

test('an unknown username shows the not-found page', async ({ page }) => {
  const response = await page.goto('/u/nobody-by-this-name');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'No adventurer by that name' })).toBeVisible();
});

test('a student can view a seeded public profile', async ({ page }) => {
  await page.goto('/u/ada');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ada Lovelace');
  await expect(page.getByRole('heading', { name: 'Ratings' })).toBeVisible();
});

test('deleting an account needs DELETE and the password, then signs out for good', async ({ page }) => {
  const account = freshAccount();
  await signUp(page, account);
  await page.goto('/profile');

  await page.getByRole('button', { name: 'Delete account…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Type DELETE to confirm').fill('delete');
  await dialog.getByLabel('Password').fill(account.password);
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(dialog.getByLabel('Type DELETE to confirm')).toHaveAccessibleDescription(/Type DELETE to confirm/);

  await dialog.getByLabel('Type DELETE to confirm').fill('DELETE');
  await dialog.getByLabel('Password').fill('wrong password');
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(dialog.getByLabel('Password')).toHaveAccessibleDescription(/The password is wrong/);

  await dialog.getByLabel('Password').fill(account.password);
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByText('Your account has been deleted.')).toBeVisible();

  await page.goto('/sign-in');
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
});

test('preferences are saved and the theme applies at once', async ({ page }) => {
  await signIn(page, 'grace@roguelearn.local', DEMO_PASSWORD);
  await page.goto('/profile');
  const prefs = page.getByRole('region', { name: 'Preferences' });
  await prefs.getByLabel('Theme').selectOption('dark');
  await prefs.getByLabel('Editor font size (10–28 px)').fill('40');
  await prefs.getByRole('button', { name: 'Save preferences' }).click();
  await expect(prefs.getByLabel('Editor font size (10–28 px)')).toHaveAttribute('aria-invalid', 'true');

  await prefs.getByLabel('Editor font size (10–28 px)').fill('16');
  await prefs.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByText('Preferences saved')).toBeVisible();
  // The page's colour scheme follows the saved theme, even though the system asks for light.
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');

  await page.reload();
  await expect(prefs.getByLabel('Theme')).toHaveValue('dark');
  await expect(prefs.getByLabel('Editor font size (10–28 px)')).toHaveValue('16');
});
