import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { type SpawnedServer, spawnServer } from '../packages/server/src/durability/spawn-server.ts';
import { launchBrowser } from './browser.ts';

// No test framework here: `npm run bench` starts the same server and browser as the journeys.

/** A phone-sized window: the app is mobile-first. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  hasTouch: true,
  isMobile: true,
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

/** Serves packages/web/dist as built: build it first (ensureWebBuilt) if it may be stale. */
export async function startWebApp(env: Record<string, string> = {}): Promise<WebApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rapport-web-'));
  const server = await spawnServer({ dataDir, env });
  const browser = await launchBrowser().catch(async (error: unknown) => {
    // No WebApp to close yet: stop the server here rather than leave it running.
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
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
