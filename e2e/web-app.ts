import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type SpawnedServer, spawnServer } from '../packages/server/src/durability/spawn-server.ts';
import { launchBrowser } from './browser.ts';

/** Kept by CI as an artifact: one picture of every screen a journey passes, per journey. */
export const SCREENSHOT_ROOT = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** A phone-sized window: the app is mobile-first. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  hasTouch: true,
  isMobile: true,
};

export const OWNER = {
  email: 'alex@example.org',
  password: 'correct horse battery staple',
  name: 'Alex Morgan',
};

/** A real `rapport serve` (SQLite in a fresh folder, the built web app at `/`) and a real Chromium. */
export interface WebApp {
  url: string;
  browser: Browser;
  server: SpawnedServer;
  /** A new phone-sized browser context (its own cookies and storage), to be closed by `close()`. */
  newPhone(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startWebApp(env: Record<string, string> = {}): Promise<WebApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rapport-web-'));
  const server = await spawnServer({ dataDir, env });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    url: server.url,
    browser,
    server,
    async newPhone() {
      const context = await browser.newContext({ ...PHONE, baseURL: server.url });
      contexts.push(context);
      return context;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Saves numbered screenshots of one journey into e2e/screenshots/<journey>/, emptied first. */
export function screenshots(journey: string): (page: Page, name: string) => Promise<void> {
  const folder = join(SCREENSHOT_ROOT, journey);
  // A fresh folder each run, so the pictures kept are exactly this run's.
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  let count = 0;
  return async (page, name) => {
    count += 1;
    await page.screenshot({
      path: join(folder, `${String(count).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; fails the test on any serious or critical violation, naming each. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  // Evaluated, not added as a <script>: the app's CSP (script-src 'self') refuses inline scripts.
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }));
  });
  const serious = violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (violation) =>
        `${screen}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

/** Signs up the owner through the first-run screen's API (for journeys that start past it). */
export async function signUpOwner(page: Page): Promise<void> {
  const response = await page.request.post('/api/accounts', {
    data: {
      email: OWNER.email,
      password: OWNER.password,
      name: OWNER.name,
      timeZone: 'Europe/Berlin',
      phoneRegion: 'DE',
    },
  });
  expect(response.status()).toBe(201);
}
