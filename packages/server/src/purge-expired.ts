import type { Store } from '@rapport/db';
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './app.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** RELIABILITY.md: declined, expired and unanswered exchange records go after 30 days. */
export const PURGE_AFTER_MS = 30 * DAY_MS;
const PURGE_EVERY_MS = 60 * 60 * 1000;
/** Rate counters matter for their own minute only; an hour of them is plenty. */
const RATE_COUNTERS_KEPT_MS = 60 * 60 * 1000;

export interface PurgeCounts {
  exchangeLinks: number;
  rateCounters: number;
}

/**
 * Deletes exchange links that were declined, revoked, or ran out unanswered more than 30 days before
 * `now`, and rate counters of windows long past. Links someone shared back through are kept.
 */
export async function purgeExpiredRecords(store: Store, now: Date): Promise<PurgeCounts> {
  const cutoff = new Date(now.getTime() - PURGE_AFTER_MS).toISOString();
  const exchangeLinks = await store.exchangeLinks.purgeEnded(cutoff);
  const rateCounters = await store.rateCounters.purgeBefore(
    new Date(now.getTime() - RATE_COUNTERS_KEPT_MS).toISOString(),
  );
  return { exchangeLinks, rateCounters };
}

/** Purges once the app is ready and every hour after, until the app closes. */
export function schedulePurge(app: FastifyInstance, deps: RouteDeps): void {
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    try {
      const counts = await purgeExpiredRecords(deps.store, deps.now());
      app.log.debug({ purged: counts }, 'purged expired exchange records');
    } catch (error: unknown) {
      // The next hour tries again; serving goes on meanwhile.
      app.log.warn({ err: error }, 'purging expired exchange records failed');
    }
  };
  app.addHook('onReady', async () => {
    await run();
    timer = setInterval(run, PURGE_EVERY_MS).unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
  });
}
