// Journey 4: the app opened once online keeps working with no signal — the shell, Moment, Ask, Compose
// and Practice from the phone's own cache and advice engine — and says plainly what needs the server.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeAsk, PRACTICE_SCENARIOS, scorePractice, VERDICTS } from '@rapport/core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserSuite, launchPersistentBrowser } from './browser.ts';
import {
  expectAccessible,
  OWNER,
  PHONE,
  screenshots,
  signUpOwner,
  startWebApp,
  type WebApp,
} from './web-app.ts';
import { seedAsks } from './web-offline-asks.ts';

const BUILD_MANIFEST = new URL('../packages/web/dist/.vite/manifest.json', import.meta.url);
const OFFLINE_MESSAGE = 'You are offline: this needs the server.';

const suite = browserSuite();

describe.skipIf(!suite.available)('journey 4: installed once, then used with no signal', () => {
  let app: WebApp | undefined;
  let profile: string | undefined;
  let phone: BrowserContext | undefined;
  let page: Page;
  const screenshot = screenshots('web-offline');

  beforeAll(async () => {
    // Only this run's pictures: the numbering restarts each run.
    app = await startWebApp();
    // A real profile, as an installed app has: Chromium offers no install in an incognito context.
    profile = await mkdtemp(join(tmpdir(), 'rapport-profile-'));
    phone = await launchPersistentBrowser(profile, { ...PHONE, baseURL: app.url });
    page = phone.pages()[0] ?? (await phone.newPage());
  });
  afterAll(async () => {
    await phone?.close();
    await app?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  test('online: the service worker takes control and keeps every file of the build, and the app is installable', async () => {
    await page.goto('/');
    await signUpOwner(page);
    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Today');
    await waitForServiceWorkerControl(page);
    await screenshot(page, 'today');
    await expectAccessible(page, 'Today');

    const manifest = await page.evaluate(async () => {
      const response = await fetch('/manifest.webmanifest');
      return { type: response.headers.get('content-type'), body: await response.json() };
    });
    expect(manifest.type).toContain('application/manifest+json');
    expect(manifest.body).toMatchObject({ name: 'Rapport', start_url: '/', display: 'standalone' });
    const worker = await page.evaluate(async () => (await fetch('/sw.js')).headers.get('content-type'));
    expect(worker).toContain('javascript');
    // Chromium's own verdict: what it would refuse to offer installing for.
    const devtools = await page.context().newCDPSession(page);
    const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.map((error) => error.errorId)).toEqual([]);
    // Detached at once: with a second DevTools client attached, Chromium drops the offline emulation on reload.
    await devtools.detach();

    const cached = await cachedPaths(page);
    for (const file of builtFiles()) expect(cached).toContain(`/${file}`);
    expect(cached).toContain('/index.html');
  });

  test('online: Insights shows an empty state, then charts my own asks and what stands out, in light and dark', async () => {
    await tab(page, 'More').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('More');
    await screenshot(page, 'more');
    await expectAccessible(page, 'More');
    await page.getByRole('link', { name: 'Insights' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Insights');
    await expect.poll(() => page.locator('main').textContent()).toContain('No asks logged yet');
    expect(await page.getByRole('link', { name: 'Read a moment' }).count()).toBe(1);
    expect(await page.locator('.insights-chart canvas').count()).toBe(0);
    await screenshot(page, 'insights-empty');
    await expectAccessible(page, 'Insights (no asks yet)');

    await seedAsks(page);
    await page.reload();
    const asks = page.locator('.insights-totals dd').first();
    await expect.poll(() => asks.textContent()).toBe('8');
    await expect.poll(() => page.locator('.insights-chart canvas').count()).toBe(4);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('8 asks over 3 weeks: 5 accepted, 1 another time, 2 declined.');
    expect(body).toContain('15–29 minutes: 3 of 3 accepted (100%)');
    await screenshot(page, 'insights-light');
    await expectAccessible(page, 'Insights');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(100);
    await screenshot(page, 'insights-dark');
    await expectAccessible(page, 'Insights (dark)');
    await page.emulateMedia({ colorScheme: 'light' });

    // Private data is answered by the server only: nothing of the API is kept in the cache.
    expect((await cachedPaths(page)).filter((path) => path.startsWith('/api/'))).toEqual([]);
  });

  test('offline: the shell opens on reload and says what works', async () => {
    await tab(page, 'Today').click();
    await page.context().setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Today');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Offline:' }).count()).toBe(1);
    await screenshot(page, 'offline-today');
    await expectAccessible(page, 'Today (offline)');
  });

  test('offline: Moment gives a verdict as cues are tapped', async () => {
    await tab(page, 'Moment').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Moment');
    await page.getByRole('button', { name: /Uncomfortable/ }).click();
    const verdict = page.locator('#verdict-heading');
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('let-it-be');
    await screenshot(page, 'offline-moment');
    await expectAccessible(page, 'Moment (offline)');
  });

  test('offline: Ask shows a line to say', async () => {
    await page.goto('/ask?reason=continue&approach=direct');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ask');
    const lines = possibleLines();
    await expect
      .poll(async () => {
        const text = (await page.locator('main').textContent()) ?? '';
        return lines.some((line) => text.includes(line));
      })
      .toBe(true);
    await screenshot(page, 'offline-ask');
    await expectAccessible(page, 'Ask (offline)');
  });

  test('offline: Compose flags a draft that is only a greeting', async () => {
    await page.goto('/compose');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Compose');
    await page.getByLabel('Your message').fill('hey');
    const suggestions = page.getByRole('list', { name: 'What the coach suggests' });
    await expect.poll(() => suggestions.textContent()).toContain('Only a greeting');
    await screenshot(page, 'offline-compose');
    await expectAccessible(page, 'Compose (offline)');
  });

  test('offline: Practice scores an answer and explains it', async () => {
    await page.goto('/practice');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Practice');
    const title = await page.getByRole('heading', { level: 2 }).first().textContent();
    const scenario = PRACTICE_SCENARIOS.find((candidate) => candidate.title === title);
    expect(scenario, `a scenario titled ${title}`).toBeDefined();
    const answer = VERDICTS[0];
    await page.getByRole('group', { name: 'What would you do?' }).getByRole('button').first().click();
    const expected = scorePractice(scenario?.id ?? '', answer);
    await expect.poll(() => page.locator('main').textContent()).toContain(expected.why);
    await screenshot(page, 'offline-practice');
    await expectAccessible(page, 'Practice (offline)');
  });

  test('offline: People and Insights say plainly that they need a connection', async () => {
    await tab(page, 'People').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('People');
    await expect.poll(() => page.locator('main').textContent()).toContain(OFFLINE_MESSAGE);
    await screenshot(page, 'offline-people');
    await expectAccessible(page, 'People (offline)');

    await page.goto('/insights');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Insights');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain(OFFLINE_MESSAGE);
    await screenshot(page, 'offline-insights');
    await expectAccessible(page, 'Insights (offline)');
  });
});

function tab(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
}

/** Resolves once a service worker is active and controls this page (it claims the page that installed it). */
async function waitForServiceWorkerControl(page: Page): Promise<void> {
  const scope = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    }
    const worker = registration.active;
    if (worker && worker.state !== 'activated') {
      await new Promise((resolve) => worker.addEventListener('statechange', resolve));
    }
    return registration.scope;
  });
  expect(new URL(scope).pathname).toBe('/');
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
}

/** The path of every response kept in the app's caches. */
function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
}

/** Every JavaScript and CSS file of the build, from Vite's manifest: every screen, so each opens offline. */
function builtFiles(): string[] {
  const manifest = JSON.parse(readFileSync(BUILD_MANIFEST, 'utf8')) as Record<
    string,
    { file: string; css?: string[] }
  >;
  const files = new Set<string>();
  for (const chunk of Object.values(manifest)) {
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
  }
  return [...files];
}

/** Every phrasing the composer may pick for a direct ask to continue the conversation. */
function possibleLines(): string[] {
  const lines = new Set<string>();
  for (let seed = 0; seed < 20; seed += 1) {
    lines.add(composeAsk({ reason: 'continue', approach: 'direct', seed }).line);
    lines.add(composeAsk({ reason: 'continue', approach: 'direct', seed, myName: OWNER.name }).line);
  }
  return [...lines];
}
