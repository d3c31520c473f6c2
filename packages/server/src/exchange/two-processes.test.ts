import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PostgresCluster, postgresSuite, startPostgres } from '@rapport/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SpawnedServer, spawnServer } from '../durability/spawn-server.ts';
import { openEventStream } from './event-stream-reader.ts';
import { OWNER_CARD, SHARE_FORM } from './exchange-test-kit.ts';

/**
 * PRODUCT.md, many processes: two real `rapport serve` processes on one PostgreSQL behave as one. A
 * share-back received by one reaches the owner's event stream held by the other (LISTEN/NOTIFY), and
 * the public rate limits count across both.
 */

const postgres = postgresSuite();

describe.skipIf(!postgres.available)('two server processes on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  let a: SpawnedServer;
  let b: SpawnedServer;
  const folders: string[] = [];
  let cookie = '';
  let token = '';

  beforeAll(async () => {
    cluster = await startPostgres();
    const env = { DATABASE_URL: cluster.url, ALLOW_SIGNUPS: 'true' };
    const spawn = () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'rapport-two-'));
      folders.push(dataDir);
      return spawnServer({ dataDir, env });
    };
    // One after the other: the first runs the migrations.
    a = await spawn();
    b = await spawn();
    const signUp = await fetch(`${a.url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alex@example.org', password: 'correct horse battery', name: 'Alex' }),
    });
    expect(signUp.status).toBe(201);
    cookie = (signUp.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const card = await postJson<{ card: { id: string } }>(`${a.url}/api/cards`, OWNER_CARD);
    const link = await postJson<{ url: string }>(`${a.url}/api/cards/${card.card.id}/links`, {});
    token = String(link.url).split('/x/')[1] ?? '';
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await cluster?.stop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  async function postJson<T>(url: string, body: object): Promise<T> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  test('a share-back received by process B reaches the event stream held by process A', async () => {
    const stream = await openEventStream(`${a.url}/api/events`, cookie);
    try {
      const started = performance.now();
      const shared = await fetch(`${b.url}/x/${token}/share`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams(SHARE_FORM),
      });
      expect(shared.status).toBe(200);
      const event = await stream.next(10_000);
      const latencyMs = Math.round(performance.now() - started);
      const people = (await (await fetch(`${a.url}/api/people`, { headers: { cookie } })).json()) as {
        people: { id: string }[];
      };
      console.log(
        JSON.stringify({ test: 'two-processes-live-event', processes: 2, shareOnBToEventOnAMs: latencyMs }),
      );
      expect(event).toEqual({
        type: 'shared-back',
        data: {
          type: 'shared-back',
          personId: people.people[0]?.id,
          name: 'Jordan Lee',
          message: 'Jordan Lee shared their number',
        },
      });
    } finally {
      stream.close();
    }
  });

  test('the public rate limit counts requests to A and B together', { timeout: 180_000 }, async () => {
    // A minute boundary in the middle would reset the count: start where most of a minute is left,
    // and if one is crossed all the same, try again in the minute after (the one crossed into has
    // counted some requests already).
    for (let attempt = 1; ; attempt++) {
      await waitForMinuteWithTimeLeft(40_000);
      const minute = Math.floor(Date.now() / 60_000);
      const answers: { server: 'A' | 'B'; status: number; retryAfter: string | null }[] = [];
      for (let i = 0; i < 130; i++) {
        const server = i % 2 === 0 ? a : b;
        const response = await fetch(`${server.url}/x/${token}`);
        await response.arrayBuffer();
        answers.push({
          server: i % 2 === 0 ? 'A' : 'B',
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
        });
      }
      if (Math.floor(Date.now() / 60_000) !== minute && attempt < 3) {
        await waitForMinuteWithTimeLeft(60_000 - 100);
        continue;
      }
      const firstRefused = answers.findIndex((answer) => answer.status === 429);
      const refusedBy = new Set(
        answers.filter((answer) => answer.status === 429).map((answer) => answer.server),
      );
      console.log(
        JSON.stringify({
          test: 'two-processes-rate-limit',
          requests: answers.length,
          allowedBeforeFirst429: firstRefused,
          refusedByA: answers.filter((x) => x.server === 'A' && x.status === 429).length,
          refusedByB: answers.filter((x) => x.server === 'B' && x.status === 429).length,
        }),
      );
      // Counted apart, each process would allow 60: together they allow 60 (fewer, as the
      // share-back above counted too).
      expect(firstRefused).toBeGreaterThan(0);
      expect(firstRefused).toBeLessThanOrEqual(60);
      expect([...refusedBy].sort()).toEqual(['A', 'B']);
      expect(answers.slice(firstRefused).every((answer) => answer.status === 429 && answer.retryAfter)).toBe(
        true,
      );
      return;
    }
  });
});

/** Waits, if need be, for a minute of the clock in which at least `ms` are left. */
async function waitForMinuteWithTimeLeft(ms: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < ms) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
