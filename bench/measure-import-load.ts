import type { AddressInfo } from 'node:net';
import { generateCards } from '../packages/server/src/routes/generate-cards.ts';
import { createTestApp } from '../packages/server/src/testing/test-app.ts';

export interface ImportLoadFigures {
  cards: number;
  importSeconds: number;
  /** p99 (ms) of a signed-in read (GET /api/settings), one every 10 ms, with no import and during one. */
  quietP99Ms: number;
  duringP99Ms: number;
  duringMaxMs: number;
  samples: number;
  /** Resident memory in MB: before the import, at its peak, and a second after it answered. */
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
}

const PROBE_EVERY_MS = 10;
const QUIET_MS = 3_000;

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A 100,000-card import over loopback HTTP into SQLite while a signed-in client reads every 10 ms;
 * the same reads with nothing else running are the baseline. Bounded: one import, reads until it ends.
 */
export async function measureImportLoad(cards = 100_000): Promise<ImportLoadFigures> {
  const test = await createTestApp({ owner: { phoneRegion: 'DE' } });
  try {
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(test.app.server.address() as AddressInfo).port}`;
    const headers = { cookie: test.cookie };
    const probe = async (until: () => boolean): Promise<number[]> => {
      const latencies: number[] = [];
      while (!until()) {
        const started = performance.now();
        const response = await fetch(`${origin}/api/settings`, { headers });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        await pause(PROBE_EVERY_MS);
      }
      return latencies;
    };
    const quietEnd = performance.now() + QUIET_MS;
    const quiet = await probe(() => performance.now() > quietEnd);

    const body = Buffer.from(generateCards(cards));
    let rssPeak = process.memoryUsage().rss;
    const rssBefore = rssPeak;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 20);
    let finished = false;
    const started = performance.now();
    const imported = fetch(`${origin}/api/people/import`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/vcard' },
      body,
    }).then(async (response) => {
      const answer = (await response.json()) as { added?: number };
      finished = true;
      if (answer.added !== cards) throw new Error(`import answered ${response.status}`);
    });
    const during = await probe(() => finished);
    await imported;
    const importSeconds = (performance.now() - started) / 1000;
    await pause(1_000);
    clearInterval(sampler);
    return {
      cards,
      importSeconds,
      quietP99Ms: percentile(quiet, 99),
      duringP99Ms: percentile(during, 99),
      duringMaxMs: Math.max(...during),
      samples: during.length,
      rssBeforeMb: mb(rssBefore),
      rssPeakMb: mb(rssPeak),
      rssAfterMb: mb(process.memoryUsage().rss),
    };
  } finally {
    await test.close();
  }
}
