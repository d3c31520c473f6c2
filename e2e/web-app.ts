import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { startWebApp, type WebApp } from './web-server.ts';

export { PHONE, startWebApp, type WebApp } from './web-server.ts';

/** Kept by CI as an artifact: one picture of every screen a journey passes, per journey. */
export const SCREENSHOT_ROOT = fileURLToPath(new URL('./screenshots/', import.meta.url));

export const OWNER = {
  email: 'alex@example.org',
  password: 'correct horse battery staple',
  name: 'Alex Morgan',
};

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

/** The web app and one phone on it whose owner is signed up: for journeys that start past the first run. */
export async function startWithOwner(): Promise<{ app: WebApp; page: Page }> {
  const app = await startWebApp();
  const page = await (await app.newPhone()).newPage();
  await page.goto('/welcome');
  await signUpOwner(page);
  return { app, page };
}
