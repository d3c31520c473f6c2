import { readFile } from 'node:fs/promises';
import { parseVCards } from '@rapport/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserSuite } from './browser.ts';
import { expectAccessible, OWNER, screenshots, startWithOwner, type WebApp } from './web-app.ts';

const JOURNEY_TIMEOUT_MS = 120_000;
const CARD_COUNT = 500;
/** 0-based: in the second batch of 200, so its reason must be renumbered for the whole file. */
const BAD_CARD_INDEX = 317;
/** 0-based: repeats the number of card 12, so it is merged into that person. */
const REPEAT_CARD_INDEX = 450;
const REPEATED_CARD_INDEX = 12;

const FIRST_NAMES = [
  'Amelia Bastian Chiara Dominik Elif Finn Greta Hannes Ilse Jonas Katarina Lukas Mira',
  'Nils Olga Paul Quirin Rosa Samir Tilda Uwe Valentina Wiebke Xaver Yasmin',
].flatMap((line) => line.split(' '));
const LAST_NAMES = [
  'Schneider Okafor Kowalski Brandt Yilmaz Lindqvist Moreau Hoffmann Novak Rossi',
  'Becker Nguyen Fischer Haddad Weber Santos Keller Ivanova Wagner Dubois',
].flatMap((line) => line.split(' '));
/** Card 42 of the address book below. */
const KNOWN = { name: 'Chiara Kowalski' };

const suite = browserSuite();

describe.skipIf(!suite.available)('journey 5: settings, import, export and delete everything', () => {
  let app: WebApp;
  let page: Page;
  const shot = screenshots('web-settings');

  beforeAll(async () => {
    ({ app, page } = await startWithOwner());
  });

  afterAll(async () => {
    await app?.close();
  });

  test(
    'a card with a bad number is explained beside the field; the phone stays hidden by default',
    async () => {
      await page.goto('/settings');
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      await page.getByText('No cards yet.').waitFor();
      await expectAccessible(page, 'settings');
      await shot(page, 'settings');

      await page.getByRole('button', { name: 'New card' }).click();
      await page.getByLabel('Label').fill('Everyday');
      const phone = page.getByRole('textbox', { name: 'Phone number' });
      await phone.fill('12');
      await page.getByRole('button', { name: 'Make card' }).click();
      await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await phone.getAttribute('aria-describedby')) ?? '';
      const errorId = describedBy.split(' ').find((id) => id.endsWith('-error')) ?? 'none';
      expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(/is not a valid number/);
      await expectAccessible(page, 'settings, card error');
      await shot(page, 'card-phone-error');

      await phone.fill('+49 170 5550199');
      await page.getByRole('button', { name: 'Make card' }).click();
      await page.getByText('Shows: name').waitFor();
      expect(await page.locator('.settings-card').textContent()).not.toContain('phone number');
      await shot(page, 'card-made');
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'imports 500 cards with a progress bar that moves per batch, and says what was skipped and why',
    async () => {
      await page.evaluate(() => {
        // Every value the progress bar takes, as the page sets it.
        const seen: number[] = [];
        (window as unknown as { __progress: number[] }).__progress = seen;
        new MutationObserver(() => {
          const bar = document.querySelector('progress');
          const value = bar ? Number(bar.getAttribute('value')) : Number.NaN;
          if (bar && seen.at(-1) !== value) seen.push(value);
        }).observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['value'],
        });
      });
      await page.getByLabel('Contacts file (.vcf)').setInputFiles({
        name: 'phone-contacts.vcf',
        mimeType: 'text/vcard',
        buffer: Buffer.from(addressBook(), 'utf8'),
      });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByText(`Done: ${CARD_COUNT} of ${CARD_COUNT} cards`).waitFor();

      const bar = page.locator('progress');
      expect(await bar.getAttribute('max')).toBe(String(CARD_COUNT));
      expect(await bar.getAttribute('value')).toBe(String(CARD_COUNT));
      const seen = await page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
      expect(seen).toEqual([0, 200, 400, 500]);

      const summary = await page.locator('.import-progress__summary').textContent();
      expect(summary).toBe(`${CARD_COUNT - 2} added, 1 merged, 1 skipped.`);
      const skipped = await page.locator('.import-progress__skipped li').allTextContents();
      expect(skipped).toEqual([`card ${BAD_CARD_INDEX + 1} has no name, phone or email`]);
      await expectAccessible(page, 'settings, import done');
      await shot(page, 'import-done');
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'exports my people as a .vcf that parses, and everything as JSON',
    async () => {
      const [vcf] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'My people (.vcf)' }).click(),
      ]);
      expect(vcf.suggestedFilename()).toBe('rapport-people.vcf');
      const parsed = parseVCards(await readFile(await vcf.path(), 'utf8'));
      if (!parsed.ok) throw new Error(`the export does not parse: ${JSON.stringify(parsed.problems)}`);
      const names = parsed.value.entries.flatMap((entry) => (entry.ok ? [entry.contact.name] : []));
      expect(names).toHaveLength(CARD_COUNT - 2);
      expect(names).toContain(KNOWN.name);

      const [json] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Everything (.json)' }).click(),
      ]);
      const everything = JSON.parse(await readFile(await json.path(), 'utf8')) as {
        account: { email: string };
        people: unknown[];
      };
      expect(everything.account.email).toBe(OWNER.email);
      expect(everything.people).toHaveLength(CARD_COUNT - 2);
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'deleting everything needs the typed words, lands on welcome, and the old sign-in stops working',
    async () => {
      const confirm = page.getByLabel('Type “delete everything” to confirm');
      await confirm.fill('delete');
      await page.getByRole('button', { name: 'Delete my account and everything in it' }).click();
      await expect.poll(() => confirm.getAttribute('aria-invalid')).toBe('true');
      expect((await page.request.get('/api/settings')).status()).toBe(200);
      await shot(page, 'delete-needs-words');

      await confirm.fill('delete everything');
      await shot(page, 'delete-confirmed');
      await page.getByRole('button', { name: 'Delete my account and everything in it' }).click();
      await page.waitForURL('**/welcome');
      await page.getByRole('heading', { level: 1, name: 'Welcome to Rapport' }).waitFor();
      await expectAccessible(page, 'welcome after delete');
      await shot(page, 'welcome-after-delete');

      await page.getByRole('link', { name: 'I already have an account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByLabel('Email').fill(OWNER.email);
      await page.getByLabel('Password').fill(OWNER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'do not match an account' }).waitFor();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/welcome');
      await expectAccessible(page, 'sign in refused');
      await shot(page, 'sign-in-refused');
      const again = await page.request.post('/api/sessions', {
        data: { email: OWNER.email, password: OWNER.password },
      });
      expect(again.status()).toBe(401);
    },
    JOURNEY_TIMEOUT_MS,
  );
});

/** A phone's address book export: 500 vCard 3.0 cards, one repeating a number, one unreadable. */
function addressBook(): string {
  const cards: string[] = [];
  for (let index = 0; index < CARD_COUNT; index += 1) {
    if (index === BAD_CARD_INDEX) {
      // No name and no number: nothing to keep.
      cards.push('BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:Half-filled card\r\nEND:VCARD');
      continue;
    }
    const first = FIRST_NAMES[Math.floor(index / LAST_NAMES.length) % FIRST_NAMES.length] ?? 'Alex';
    const last = LAST_NAMES[index % LAST_NAMES.length] ?? 'Morgan';
    const number = index === REPEAT_CARD_INDEX ? REPEATED_CARD_INDEX : index;
    const lines = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      `N:${last};${first};;;`,
      `FN:${first} ${last}`,
      `TEL;TYPE=CELL:+49 176 2${String(number).padStart(7, '0')}`,
    ];
    if (index % 3 === 0) lines.push(`EMAIL;TYPE=INTERNET:${first}.${last}@example.org`.toLowerCase());
    if (index % 7 === 0) lines.push('ORG:Galerie Nord');
    lines.push('END:VCARD');
    cards.push(lines.join('\r\n'));
  }
  return `${cards.join('\r\n')}\r\n`;
}
