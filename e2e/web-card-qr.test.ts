import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { zbarDecode } from '../packages/server/src/routes/zbar-decode.ts';
import { browserSuite } from './browser.ts';
import { screenshots, startWithOwner, type WebApp } from './web-app.ts';

const JOURNEY_TIMEOUT_MS = 60_000;

const suite = browserSuite();

describe.skipIf(!suite.available)('the offline QR code and an extension, as the app shows them', () => {
  let app: WebApp;
  let page: Page;
  const shot = screenshots('web-card-qr');

  beforeAll(async () => {
    ({ app, page } = await startWithOwner());
  });

  afterAll(async () => {
    await app?.close();
  });

  test(
    'the QR code of a card named "René Dupré", as the screen draws it, reads back as UTF-8 in ZBar',
    async () => {
      const created = await page.request.post('/api/cards', {
        data: { label: 'Accents', name: 'René Dupré' },
      });
      expect(created.status()).toBe(201);
      await page.goto('/card');
      const qr = page.getByRole('img', { name: /QR code of your card “Accents”/ });
      await expect
        .poll(() => qr.evaluate((image: HTMLImageElement) => image.naturalWidth))
        .toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Full screen' }).click();
      await page.locator('.qr--full').waitFor();
      await shot(page, 'my-card-rene-dupre-full-screen');
      const decoded = zbarDecode(await qr.screenshot());
      expect(decoded).toContain('\r\nFN:René Dupré\r\n');
      expect(decoded).toContain('\r\nN:Dupré;René;;;\r\n');
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    'a number with an extension is shown with "ext." and dialled with it',
    async () => {
      const created = await page.request.post('/api/people', {
        data: {
          name: 'Dana Fox',
          phone: '+1 201 555 0123 ext. 45',
          consent: { kind: 'told-me-and-agreed' },
        },
      });
      expect(created.status()).toBe(201);
      const { person } = await created.json();
      await page.goto(`/people/${person.id}`);
      const phone = page.getByRole('link', { name: '+1 201 555 0123 ext. 45' });
      await phone.waitFor();
      expect(await phone.getAttribute('href')).toBe('tel:+12015550123;ext=45');
      await shot(page, 'person-with-extension');
    },
    JOURNEY_TIMEOUT_MS,
  );
});
