import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'roguelearn';

export async function signIn(page: Page, email: string, password: string, next?: string) {
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(next ?? '/dashboard');
}

/** Unique per run, and short enough for the 24-character username limit. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export async function signUp(
  page: Page,
  account: { displayName: string; username: string; email: string; password: string },
) {
  await page.goto('/sign-up');
  await fillSignUp(page, account);
  await expect(page).toHaveURL('/dashboard');
}

/** Fills and sends the sign-up form already on screen. */
export async function fillSignUp(
  page: Page,
  account: { displayName: string; username: string; email: string; password: string },
) {
  await page.getByLabel('Display name', { exact: true }).fill(account.displayName);
  await page.getByLabel('Username', { exact: true }).fill(account.username);
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

export function freshAccount() {
  const suffix = uniqueSuffix();
  return {
    displayName: `Tester ${suffix}`,
    username: `e2e_${suffix}`,
    email: `e2e-${suffix}@example.com`,
    password: 'a sturdy passphrase',
  };
}
