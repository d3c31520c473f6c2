import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OwnerEvent } from './event-channel.ts';
import type { AccountId, CardId, ExchangeLinkId } from './ids.ts';
import { openStore } from './open-store.ts';
import { createRateCounterStore } from './rate-counter-store.ts';
import type { Store } from './store.ts';
import { postgresSuite, startPostgres } from './testing/start-postgres.ts';
import { createTestAccount } from './testing/store-suites.ts';

const NOW = '2026-03-28T19:00:00.000Z';
const LATER = '2026-04-27T19:00:00.000Z';
const WINDOW = '2026-03-28T19:00:00.000Z';
let sequence = 0;
const unique = (prefix: string) => `${prefix}-${++sequence}-${Math.random().toString(36).slice(2)}`;

const newAccount = async (store: Store) => (await createTestAccount(store)).id;

async function newLink(store: Store, accountId: AccountId, oneTime: boolean) {
  const card = await store.cards.create(accountId, {
    id: unique('card') as CardId,
    label: unique('Card'),
    name: 'Alex',
    phone: null,
    email: null,
    note: null,
    handles: [],
    shows: { name: true, phone: false, email: false, note: false, handles: [] },
    now: NOW,
  });
  const tokenHash = unique('hash');
  const link = await store.exchangeLinks.create(accountId, {
    id: unique('link') as ExchangeLinkId,
    cardId: card.id,
    encounterId: null,
    tokenHash,
    oneTime,
    expiresAt: LATER,
    now: NOW,
  });
  return { link, tokenHash };
}

/** What both stores promise for exchange links, rate counters and live events. */
function exchangeContract(name: string, open: () => Promise<{ stores: Store[]; done: () => Promise<void> }>) {
  describe(`exchange contract: ${name}`, () => {
    let store: Store;
    let second: Store;
    let done: () => Promise<void>;
    beforeAll(async () => {
      const opened = await open();
      const [first, other] = opened.stores;
      if (!first) throw new Error('no store');
      store = first;
      second = other ?? first;
      done = opened.done;
    });
    afterAll(async () => {
      await store.close();
      if (second !== store) await second.close();
      await done();
    });

    test('of fifty racing declines of a one-time link exactly one wins', async () => {
      const accountId = await newAccount(store);
      const { link, tokenHash } = await newLink(store, accountId, true);
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (i % 2 === 0 ? store : second).transaction((stores) =>
            stores.exchangeLinks.decline(tokenHash, NOW),
          ),
        ),
      );
      const winners = answers.filter((answer) => answer !== undefined);
      console.log(JSON.stringify({ test: `racing-declines-${name}`, requests: 50, winners: winners.length }));
      expect(winners.map((winner) => winner?.id)).toEqual([link.id]);
      expect(await store.exchangeLinks.get(accountId, link.id, NOW)).toMatchObject({
        state: 'declined',
        declines: 1,
        personId: null,
      });
      expect(await store.exchangeLinks.findLive(tokenHash, NOW)).toBeUndefined();
    });

    test('a reusable link counts every answer and stays live; it dies at its expiry', async () => {
      const accountId = await newAccount(store);
      const { link, tokenHash } = await newLink(store, accountId, false);
      await Promise.all(Array.from({ length: 10 }, () => store.exchangeLinks.claimShareBack(tokenHash, NOW)));
      await store.exchangeLinks.decline(tokenHash, NOW);
      expect(await store.exchangeLinks.get(accountId, link.id, NOW)).toMatchObject({
        state: 'active',
        shares: 10,
        declines: 1,
      });
      expect(await store.exchangeLinks.findLive(tokenHash, NOW)).toMatchObject({ id: link.id, accountId });
      expect(await store.exchangeLinks.findLive(tokenHash, LATER)).toBeUndefined();
      expect(await store.exchangeLinks.claimShareBack(tokenHash, LATER)).toBeUndefined();
    });

    test('counters count every racing hit once, per key and window, and forget old windows', async () => {
      const key = unique('public:ip');
      const counts = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? store : second).rateCounters.hit([key], WINDOW)),
      );
      expect(counts.map(([count]) => count).sort((a = 0, b = 0) => a - b)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      expect(await second.rateCounters.count([key, 'public:none'], WINDOW)).toEqual([50, 0]);
      expect(await store.rateCounters.count([key], WINDOW)).toEqual([50]);
      expect(await store.rateCounters.hit([key, 'public:other'], '2026-03-28T19:01:00.000Z')).toEqual([1, 1]);
      await store.rateCounters.purgeBefore('2026-03-28T19:01:00.000Z');
      expect(await store.rateCounters.hit([key], WINDOW)).toEqual([1]);
    });

    test('the data version moves with every write through the store and stays put while reading', async () => {
      if (store.kind === 'postgres') {
        // Another process's commit could only be seen by asking the server: nothing is kept there.
        expect(store.dataVersion()).toBeUndefined();
        return;
      }
      const before = store.dataVersion();
      const accountId = await newAccount(store);
      const { link, tokenHash } = await newLink(store, accountId, false);
      const written = store.dataVersion();
      expect(written).not.toBe(before);
      await store.exchangeLinks.findLive(tokenHash, NOW);
      expect(store.dataVersion()).toBe(written);
      await store.exchangeLinks.markViewed(link.id, NOW);
      expect(store.dataVersion()).not.toBe(written);
    });

    test('an event published for an owner reaches that owner only', async () => {
      const alex = await newAccount(store);
      const bea = await newAccount(store);
      const heard: { who: string; event: OwnerEvent }[] = [];
      const stopAlex = await store.events.subscribe(alex, (event) => heard.push({ who: 'alex', event }));
      const stopBea = await store.events.subscribe(bea, (event) => heard.push({ who: 'bea', event }));
      await second.events.publish(alex, { type: 'shared-back', name: 'Jordan' });
      await waitFor(() => heard.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      stopAlex();
      stopBea();
      await second.events.publish(alex, { type: 'link-declined', linkId: 'x' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard).toEqual([{ who: 'alex', event: { type: 'shared-back', name: 'Jordan' } }]);
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * pg's Pool.end() resolves before its clients' sockets have closed; stopping the cluster meanwhile
 * makes those clients emit an error no one listens to any more. Wait until the server sees them go.
 */
async function waitForNoClients(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const others = async () =>
      Number(
        (
          await admin.query(
            'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
          )
        ).rows[0]?.n,
      );
    for (let i = 0; i < 100 && (await others()) > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    await admin.end();
  }
}

exchangeContract('SQLite', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-exchange-store-'));
  const store = await openStore({ sqliteFile: join(folder, 'rapport.sqlite') });
  return { stores: [store], done: async () => rmSync(folder, { recursive: true, force: true }) };
});

test('on SQLite the data version moves within a millisecond of a commit by another connection', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-data-version-'));
  const file = join(folder, 'rapport.sqlite');
  const store = await openStore({ sqliteFile: file });
  try {
    const before = store.dataVersion();
    const other = new SqliteDatabase(file);
    other.prepare("INSERT INTO rate_counters (key, window_start, count) VALUES ('other', ?, 1)").run(WINDOW);
    other.close();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(store.dataVersion()).not.toBe(before);
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

const postgres = postgresSuite();
describe.skipIf(!postgres.available)('PostgreSQL across processes', () => {
  exchangeContract('PostgreSQL', async () => {
    const cluster = await startPostgres();
    // Two stores on one database stand for two server processes.
    const first = await openStore({ databaseUrl: cluster.url, sqliteFile: '' });
    const second = await openStore({ databaseUrl: cluster.url, sqliteFile: '' });
    return {
      stores: [first, second],
      done: async () => {
        await waitForNoClients(cluster.url);
        await cluster.stop();
      },
    };
  });

  test('the listener comes back after its connection is lost, and events flow again', async () => {
    const cluster = await startPostgres();
    const listener = await openStore({ databaseUrl: cluster.url, sqliteFile: '' });
    const publisher = await openStore({ databaseUrl: cluster.url, sqliteFile: '' });
    const admin = new pg.Client({ connectionString: cluster.url });
    try {
      await admin.connect();
      const accountId = await newAccount(listener);
      const heard: string[] = [];
      const stop = await listener.events.subscribe(accountId, (event) => heard.push(event.type));
      await publisher.events.publish(accountId, { type: 'before' });
      await waitFor(() => heard.includes('before'));
      const killed = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
      );
      const started = Date.now();
      // Publish until the new listener hears one: events sent while it was away are lost (at most once).
      for (let i = 0; i < 100 && !heard.includes('after'); i++) {
        await publisher.events.publish(accountId, { type: 'after' });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      console.log(
        JSON.stringify({
          test: 'event-listener-reconnect',
          listenersKilled: killed.rowCount,
          backAfterMs: Date.now() - started,
        }),
      );
      expect(heard).toContain('after');
      stop();
    } finally {
      await admin.end();
      await listener.close();
      await publisher.close();
      await waitForNoClients(cluster.url);
      await cluster.stop();
    }
  });

  test('the counters live in the table, shared by every connection', async () => {
    const cluster = await startPostgres();
    const store = await openStore({ databaseUrl: cluster.url, sqliteFile: '' });
    try {
      const { Kysely, PostgresDialect } = await import('kysely');
      const other = new Kysely<import('./database-schema.ts').Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: cluster.url, max: 1 }) }),
      });
      await store.rateCounters.hit(['public:all'], WINDOW);
      expect(await createRateCounterStore(other).hit(['public:all'], WINDOW)).toEqual([2]);
      await other.destroy();
    } finally {
      await store.close();
      await waitForNoClients(cluster.url);
      await cluster.stop();
    }
  });
});
