import { existsSync } from 'node:fs';
import { isCi } from '@rapport/db/testing';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

/** Debian's `chromium` package; `npx playwright install` cannot download browsers on these machines. */
const CHROMIUM_PATH = '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** What a Vitest file needs to decide between running, skipping and failing its browser suite. */
export interface BrowserSuite {
  available: boolean;
  skipReason?: string;
}

/**
 * Whether this machine can run browser tests: use as `describe.skipIf(!browser.available)`.
 * Prints the skip line when it cannot; throws when `CI` is set, so the test file fails instead.
 */
export function browserSuite(): BrowserSuite {
  if (existsSync(CHROMIUM_PATH)) return { available: true };
  const missing = `no Chromium at ${CHROMIUM_PATH} (install it: apt-get install chromium)`;
  if (isCi()) throw new Error(`CI is set, so browser tests fail instead of skipping: ${missing}`);
  const skipReason = `Browser tests skipped: ${missing}`;
  console.warn(skipReason);
  return { available: false, skipReason };
}

/** Starts headless Chromium; close it in `afterAll`. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
}

/**
 * Starts Chromium with a real profile in `userDataDir` (not the incognito one `newContext` gives, where
 * Chromium refuses to install web apps); close the context to end it.
 */
export function launchPersistentBrowser(
  userDataDir: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: LAUNCH_ARGS,
    ...options,
  });
}
