import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, freshAccount, signIn, signUp, uniqueSuffix } from './helpers';

test.describe('accounts', () => {
  test('a new player signs up, signs out and signs back in', async ({ page }) => {
    const account = freshAccount();
    await signUp(page, account);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(account.displayName);
    await expect(page.getByRole('heading', { name: 'Your character' })).toBeVisible();
    await expect(page.getByText('No party members yet.')).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

    // Signed-out visitors are sent to sign in, and back to where they were going afterwards.
    await page.goto('/dashboard');
    await expect(page).toHaveURL('/sign-in?next=%2Fdashboard');

    await signIn(page, account.email, account.password);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(account.displayName);
  });

  test('sign-up shows inline errors for invalid input and for an email already in use', async ({ page }) => {
    const suffix = uniqueSuffix();
    await page.goto('/sign-up');
    const email = page.getByLabel('Email', { exact: true });
    const password = page.getByLabel('Password', { exact: true });

    await page.getByLabel('Display name', { exact: true }).fill('Validation Tester');
    await page.getByLabel('Username', { exact: true }).fill(`e2e_${suffix}`);
    await email.fill('not-an-email');
    await password.fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(page.getByText('Enter a valid email address')).toBeVisible();
    await expect(page.getByText('Password must be at least 8 characters')).toBeVisible();
    await expect(email).toHaveAccessibleDescription(/Enter a valid email address/);
    await expect(email).toBeFocused();
    await expect(page).toHaveURL('/sign-up');

    await email.fill('ada@roguelearn.local');
    await password.fill('a sturdy passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(email).toHaveAccessibleDescription(/An account with this email already exists/);
    await expect(page.getByText('Password must be at least 8 characters')).toHaveCount(0);
    await expect(page).toHaveURL('/sign-up');
  });

  test('sign-in reports wrong credentials without leaving the page', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email', { exact: true }).fill('ada@roguelearn.local');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
    await expect(page).toHaveURL('/sign-in');
  });
});

test.describe('instructor dashboard', () => {
  test('anonymous visitors are sent to sign in', async ({ page }) => {
    await page.goto('/admin');
    await expect(page).toHaveURL('/sign-in?next=%2Fadmin');
  });

  test('a student sees the no-access state and no admin data', async ({ page }) => {
    await signIn(page, 'ada@roguelearn.local', DEMO_PASSWORD, '/admin');
    await expect(
      page.getByRole('heading', { name: "You don't have access to the instructor dashboard" }),
    ).toBeVisible();
    await expect(page.getByText('Published problems')).toHaveCount(0);
    await expect(page.getByText('Students', { exact: true })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Instructor dashboard' })).toHaveCount(0);
  });

  test('an instructor sees the overview but not the admin-only user list', async ({ page }) => {
    await signIn(page, 'knuth@roguelearn.local', DEMO_PASSWORD, '/admin');
    await expect(page.getByRole('heading', { name: 'Instructor dashboard', level: 1 })).toBeVisible();
    const overview = page.getByRole('region', { name: 'Overview' });
    await expect(overview.getByText('Students', { exact: true })).toBeVisible();
    await expect(overview.getByText('Published problems')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Instructor dashboard' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Recent sign-ups' })).toHaveCount(0);
  });

  test('an admin also sees recent sign-ups', async ({ page }) => {
    await signIn(page, 'admin@roguelearn.local', DEMO_PASSWORD, '/admin');
    const recent = page.getByRole('region', { name: 'Recent sign-ups', exact: true });
    await expect(recent.getByRole('columnheader', { name: 'Email' })).toBeVisible();
    await expect(recent.getByRole('cell', { name: /@/ }).first()).toBeVisible();
  });
});
