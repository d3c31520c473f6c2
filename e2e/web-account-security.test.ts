import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserSuite } from './browser.ts';
import { expectAccessible, OWNER, screenshots, signUpOwner, startWebApp, type WebApp } from './web-app.ts';

const JOURNEY_TIMEOUT_MS = 120_000;
const NEW_PASSWORD = 'saffron lantern orbit';

const suite = browserSuite();

describe.skipIf(!suite.available)('journey: API tokens, password change and sign out everywhere', () => {
  let app: WebApp;
  let phone: BrowserContext;
  let page: Page;
  /** The owner's laptop: another session, which the phone's actions must end. */
  let laptop: Page;
  const shot = screenshots('web-account-security');

  beforeAll(async () => {
    app = await startWebApp();
    phone = await app.newPhone();
    await phone.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    page = await phone.newPage();
    await page.goto('/welcome');
    await signUpOwner(page);
    laptop = await (await app.newPhone()).newPage();
  });

  afterAll(async () => {
    await app?.close();
  });

  const signInLaptop = async (password: string) => {
    const response = await laptop.request.post(`${app.url}/api/sessions`, {
      data: { email: OWNER.email, password },
    });
    expect(response.status()).toBe(200);
  };
  const laptopStatus = async () => (await laptop.request.get(`${app.url}/api/settings`)).status();

  test(
    'a named token is shown once, copied, listed with when it was made and used, and revoked',
    async () => {
      await page.goto('/settings#tokens');
      await page.getByRole('heading', { level: 2, name: 'API tokens' }).waitFor();
      await page.getByText('No API tokens.').waitFor();
      await page.getByLabel('Token name').fill('backup script');
      await page.getByRole('button', { name: 'Make token' }).click();
      const shown = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
      expect(shown).toMatch(/^[A-Za-z0-9_-]{22}$/);
      await page.getByRole('button', { name: 'Copy token' }).click();
      await page.getByText('Copied.').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
      await page.locator('.settings-token').filter({ hasText: 'never used' }).waitFor();
      await expectAccessible(page, 'settings, token made');
      await shot(page, 'token-made');

      const withToken = { headers: { authorization: `Bearer ${shown}` } };
      expect((await laptop.request.get(`${app.url}/api/settings`, withToken)).status()).toBe(200);
      await page.reload();
      await page.locator('.settings-token').filter({ hasText: 'last used' }).waitFor();
      expect(await page.getByTestId('new-token').count()).toBe(0);
      await shot(page, 'token-listed');

      await page.getByRole('button', { name: 'Revoke backup script' }).click();
      await page.getByText('No API tokens.').waitFor();
      expect((await laptop.request.get(`${app.url}/api/settings`, withToken)).status()).toBe(401);
      await shot(page, 'token-revoked');
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'changing the password explains a wrong one, then ends the other session and keeps this one',
    async () => {
      await signInLaptop(OWNER.password);
      expect(await laptopStatus()).toBe(200);
      await page.goto('/settings#password');
      const current = page.getByLabel('Current password');
      await current.fill('not my password');
      await page.getByLabel('New password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect.poll(() => current.getAttribute('aria-invalid')).toBe('true');
      await page.getByText('that is not your current password').waitFor();
      await shot(page, 'password-wrong');

      await current.fill(OWNER.password);
      await page.getByLabel('New password').fill('password123');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('one of the most common passwords').waitFor();
      await shot(page, 'password-common');

      await page.getByLabel('New password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Password changed.').waitFor();
      await expectAccessible(page, 'settings, password changed');
      await shot(page, 'password-changed');
      expect(await laptopStatus()).toBe(401);
      expect((await page.request.get('/api/settings')).status()).toBe(200);
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'signing out everywhere lands on welcome and ends the other session too',
    async () => {
      await signInLaptop(NEW_PASSWORD);
      expect(await laptopStatus()).toBe(200);
      await page.goto('/settings');
      await shot(page, 'before-sign-out-everywhere');
      await page.getByRole('button', { name: 'Sign out everywhere' }).click();
      await page.waitForURL('**/welcome');
      await page.getByRole('heading', { level: 1, name: 'Welcome to Rapport' }).waitFor();
      await shot(page, 'signed-out-everywhere');
      expect(await laptopStatus()).toBe(401);
      expect((await page.request.get('/api/settings')).status()).toBe(401);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
