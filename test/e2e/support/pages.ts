import type { Page } from 'playwright-core';
import { userOf } from './app.ts';

/** A user to sign in as. */
export interface Credentials {
  email: string;
  password: string;
}

/** Fills and sends the login form (as a person would). */
export async function fillLogin(page: Page, user: Credentials): Promise<void> {
  // Mantine marks required labels with an asterisk; the password field sits beside a visibility toggle.
  await page.getByRole('textbox', { name: /^Email/ }).fill(user.email);
  await page.getByRole('textbox', { name: /^Password/ }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in through the login page and waits for the application. */
export async function signIn(
  page: Page,
  baseUrl: string,
  user: Credentials = userOf('admin'),
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await fillLogin(page, user);
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
}

/**
 * Opens a page of the app; when the server asks for a login (once authentication lands) signs in first and
 * comes back to the same address.
 */
export async function open(
  page: Page,
  baseUrl: string,
  path: string,
  user: Credentials = userOf('admin'),
): Promise<void> {
  await page.goto(baseUrl + path);
  const shell = page.getByRole('navigation', { name: 'Main navigation' });
  const login = page.getByRole('form', { name: 'Sign in' });
  await shell.or(login).first().waitFor();
  if (await login.isVisible()) {
    await fillLogin(page, user);
    await shell.waitFor();
  }
}
