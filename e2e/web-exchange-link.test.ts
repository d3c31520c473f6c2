import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserSuite } from './browser.ts';
import { expectAccessible, OWNER, PHONE, screenshots, startWebApp, type WebApp } from './web-app.ts';

const JOURNEY_TIMEOUT_MS = 90_000;
const LIVE_TIMEOUT_MS = 5_000;
const NOTE = 'Met at the Galerie Nord opening';
const JORDAN = { name: 'Jordan Rivera', phone: '+49 170 5550123', e164: '+491705550123' };
const LINK_URL = /^http:\/\/[^/]+\/x\/[A-Za-z0-9_-]{22}$/;

declare global {
  interface Window {
    /** Set before waiting for a live event: still there afterwards means the page never reloaded. */
    __sameDocument?: boolean;
  }
}

const suite = browserSuite();

describe.skipIf(!suite.available)('journey 2: an exchange link from My card, answered live', () => {
  let app: WebApp;
  let owner: Page;
  let ownerContext: BrowserContext;
  let other: BrowserContext;
  const shot = screenshots('web-exchange-link');

  beforeAll(async () => {
    app = await startWebApp();
    ownerContext = await app.newPhone();
    await ownerContext.grantPermissions(['clipboard-read', 'clipboard-write']);
    owner = await ownerContext.newPage();
    other = await app.newPhone();
  });

  afterAll(async () => {
    await app?.close();
  });

  test(
    'sign up, show my card, share a link; they share back and I see it live, then follow it to them',
    async () => {
      await owner.goto('/');
      await owner.waitForURL('**/welcome');
      await owner.getByRole('heading', { level: 1, name: 'Welcome to Rapport' }).waitFor();
      await expectAccessible(owner, 'welcome');
      await shot(owner, 'welcome');

      await owner.getByLabel('Email').fill(OWNER.email);
      await owner.getByLabel('Password').fill('too short');
      await owner.getByRole('button', { name: 'Create my account' }).click();
      const password = owner.getByRole('textbox', { name: 'Password' });
      await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
      expect(await owner.locator('.field--error .error').textContent()).toContain('at least 10 characters');
      await shot(owner, 'welcome-password-too-short');

      await password.fill(OWNER.password);
      await owner.getByLabel('Your name').fill(OWNER.name);
      await owner.getByLabel('Phone region').selectOption('DE');
      await owner.getByLabel('Time zone').fill('Europe/Berlin');
      await owner.getByRole('button', { name: 'Create my account' }).click();

      await owner.getByRole('heading', { level: 1, name: 'Your first card' }).waitFor();
      expect(await owner.getByLabel('Name', { exact: true }).inputValue()).toBe(OWNER.name);
      // The phone stays hidden until its owner turns it on.
      expect(await owner.getByRole('checkbox', { name: 'Show phone number on the card' }).isChecked()).toBe(
        false,
      );
      await owner.getByRole('textbox', { name: 'Note' }).fill(NOTE);
      await expectAccessible(owner, 'first card');
      await shot(owner, 'first-card');
      await owner.getByRole('button', { name: 'Save my card' }).click();
      await owner.waitForURL((url) => url.pathname === '/');
      await expectAccessible(owner, 'today');
      await shot(owner, 'today');

      await openTab(owner, 'My card');
      await owner.getByRole('heading', { level: 1, name: 'My card' }).waitFor();
      const qr = owner.getByRole('img', { name: /QR code of your card “Everyday”/ });
      await expect
        .poll(() => qr.evaluate((image: HTMLImageElement) => image.naturalWidth))
        .toBeGreaterThan(0);
      expect(await owner.getByText('Works with no signal').isVisible()).toBe(true);
      expect(await owner.getByText(`It gives them: ${OWNER.name}, your note.`).isVisible()).toBe(true);
      await expectAccessible(owner, 'my card');
      await shot(owner, 'my-card');

      await owner.getByRole('button', { name: 'Full screen' }).click();
      const panel = owner.locator('.qr--full');
      expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, ...PHONE.viewport });
      expect(
        await qr.evaluate((image) => getComputedStyle(image.parentElement as Element).backgroundColor),
      ).toBe('rgb(255, 255, 255)');
      await expectAccessible(owner, 'my card, full screen');
      await shot(owner, 'my-card-full-screen');
      await owner.keyboard.press('Escape');
      await owner.getByRole('button', { name: 'Full screen' }).waitFor();
      expect(await panel.count()).toBe(0);

      // Listening before the other person answers: events are not replayed.
      await owner.getByText('Answers to your links appear here as they happen.').waitFor();
      const url = await makeLink(owner);
      await owner.getByRole('button', { name: 'Copy link' }).click();
      await owner.getByText('Copied.').waitFor();
      expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(url);
      expect(await linkState(owner, 0)).toBe('Active');
      await expectAccessible(owner, 'my card, link made');
      await shot(owner, 'link-made');

      const page = await other.newPage();
      await page.goto(url);
      await page.getByRole('heading', { level: 1, name: OWNER.name }).waitFor();
      await expectAccessible(page, 'exchange page');
      await shot(page, 'other-opens-link');
      await page.getByLabel('Your name').fill(JORDAN.name);
      await page.getByLabel('Phone number').fill(JORDAN.phone);
      await page.getByLabel(`I agree that ${OWNER.name} keeps this so we can stay in touch.`).check();
      await shot(page, 'other-shares-back');
      await owner.evaluate(() => {
        window.__sameDocument = true;
      });
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await page.getByRole('heading', { name: 'Thank you' }).waitFor();
      await shot(page, 'other-thanked');

      const live = owner.getByRole('link', { name: `${JORDAN.name} shared their number` });
      await live.waitFor({ timeout: LIVE_TIMEOUT_MS });
      expect(await owner.evaluate(() => window.__sameDocument)).toBe(true);
      await expect.poll(() => linkState(owner, 0)).toBe('Shared back');
      await expectAccessible(owner, 'my card, shared back');
      await shot(owner, 'owner-sees-share-back');

      await live.click();
      await owner.waitForURL(/\/people\/[^/]+$/);
      const personId = decodeURIComponent(new URL(owner.url()).pathname.split('/').at(-1) ?? '');
      await owner.getByRole('heading', { level: 1, name: JORDAN.name }).waitFor();
      await expectAccessible(owner, 'person');
      await shot(owner, 'person');
      // TODO(lead): the person screen was being built alongside this journey; once it is final, assert
      // the consent it shows ("on your exchange link") on the page instead of asking the API.
      const response = await owner.request.get(`/api/people/${encodeURIComponent(personId)}`);
      expect(response.status()).toBe(200);
      const { person } = (await response.json()) as {
        person: { name: string; phone: string; consent: { kind: string } };
      };
      expect(person).toMatchObject({
        name: JORDAN.name,
        phone: JORDAN.e164,
        consent: { kind: 'shared-via-link' },
      });
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    '"Not now" shows as declined, with no nudge; switching a link off says what it cannot undo',
    async () => {
      await openTab(owner, 'My card');
      await owner.getByText('Answers to your links appear here as they happen.').waitFor();
      const declinedUrl = await makeLink(owner);
      const page = await other.newPage();
      await page.goto(declinedUrl);
      await page.getByRole('button', { name: 'Not now' }).click();
      await page.getByRole('heading', { name: 'No problem' }).waitFor();

      await owner.getByText('Your link was declined.').waitFor({ timeout: LIVE_TIMEOUT_MS });
      await expect.poll(() => linkState(owner, 0)).toBe('Declined');
      const declined = owner.locator('.link-item').first();
      expect(await declined.getByRole('button').count()).toBe(0);
      expect(await owner.locator('main').textContent()).not.toMatch(/try again|ask again|another chance/i);
      await expectAccessible(owner, 'my card, declined');
      await shot(owner, 'owner-sees-decline');

      const revokedUrl = await makeLink(owner);
      const fresh = owner.locator('.link-item').first();
      expect(await owner.getByText('Neither can take back what was already shared').isVisible()).toBe(true);
      await fresh.getByRole('button', { name: 'Switch off' }).click();
      expect(await fresh.textContent()).toContain('What was already shared through it stays shared.');
      await shot(owner, 'switch-off-confirm');
      await fresh.getByRole('button', { name: 'Switch it off' }).click();
      await expect.poll(() => linkState(owner, 0)).toBe('Switched off');
      await expectAccessible(owner, 'my card, switched off');
      await shot(owner, 'link-switched-off');

      const gone = await other.newPage();
      await gone.goto(revokedUrl);
      expect(await gone.getByRole('heading', { level: 1 }).textContent()).toBe('This link does not work');
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'a share-back with the number of someone I have waits for my review on Today, and changes nothing of theirs',
    async () => {
      await openTab(owner, 'Today');
      await owner.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
      await openTab(owner, 'My card');
      await owner.getByText('Answers to your links appear here as they happen.').waitFor();
      // The links made earlier in this journey are listed before another is made.
      await expect.poll(() => owner.locator('.link-item').count()).toBeGreaterThanOrEqual(3);
      const first = await makeLink(owner);
      const second = await makeLink(owner);
      await openTab(owner, 'Today');
      await owner.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
      for (const [url, name] of [
        [first, 'Mallory'],
        [second, 'Jordan R.'],
      ] as const) {
        const page = await other.newPage();
        await page.goto(url);
        await page.getByLabel('Your name').fill(name);
        await page.getByLabel('Phone number').fill(JORDAN.phone);
        await page.getByLabel(`I agree that ${OWNER.name} keeps this so we can stay in touch.`).check();
        await page.getByRole('button', { name: 'Share', exact: true }).click();
        await page.getByRole('heading', { name: 'Thank you' }).waitFor();
        await owner
          .getByText(`${name} shared back — same number as ${JORDAN.name}: merge?`)
          .waitFor({ timeout: LIVE_TIMEOUT_MS });
      }
      const reviews = owner.getByRole('region', { name: 'Shared back: yours to review' });
      await expect
        .poll(() => reviews.getByRole('listitem').filter({ hasText: 'shared back' }).count())
        .toBe(2);
      expect(await reviews.textContent()).toContain(`Nothing of ${JORDAN.name}’s changed.`);
      await expectAccessible(owner, 'today, share-backs to review');
      await shot(owner, 'today-share-backs-to-review');
      await owner.setViewportSize({ width: 1280, height: 800 });
      await expectAccessible(owner, 'today, share-backs to review, desktop');
      await shot(owner, 'today-share-backs-to-review-desktop');
      await owner.setViewportSize(PHONE.viewport);

      const mallory = reviews.getByRole('listitem').filter({ hasText: 'Mallory shared back' });
      await mallory.getByRole('button', { name: 'Dismiss' }).click();
      await owner.getByText('Dismissed: nothing of it is kept.').waitFor();
      const jordan = reviews.getByRole('listitem').filter({ hasText: 'Jordan R. shared back' });
      await jordan.getByRole('button', { name: `Merge into ${JORDAN.name}` }).click();
      await owner.getByRole('link', { name: `Merged into ${JORDAN.name}.` }).waitFor();
      expect(await owner.getByRole('region', { name: 'Shared back: yours to review' }).count()).toBe(0);
      await shot(owner, 'today-share-back-merged');
      const left = await owner.request.get('/api/share-backs');
      expect((await left.json()).shareBacks).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});

/** Makes a one-time link for a week (the defaults) and answers its address as the screen shows it. */
async function makeLink(page: Page): Promise<string> {
  const before = await page.locator('.link-item').count();
  await page.getByRole('button', { name: /^Make (a|another) link$/ }).click();
  await expect.poll(() => page.locator('.link-item').count()).toBe(before + 1);
  const url = ((await page.getByTestId('link-url').first().textContent()) ?? '').trim();
  expect(url).toMatch(LINK_URL);
  return url;
}

function openTab(page: Page, name: string): Promise<void> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
}

/** The state word of the link at this position in "My links" (newest first). */
async function linkState(page: Page, position: number): Promise<string | null> {
  return page.locator('.link-item .link-state').nth(position).textContent();
}
