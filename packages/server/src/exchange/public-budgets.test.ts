import { openStore } from '@rapport/db';
import { type PostgresCluster, postgresSuite, startPostgres } from '@rapport/db/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';
import {
  createCard,
  createExchangeApp,
  createLink,
  type ExchangeApp,
  nextAddress,
  visit,
} from './exchange-test-kit.ts';

/**
 * The public pages' budgets (docs/decisions/0012-public-page-budgets.md): one attacker, even from
 * many addresses, cannot deny a live link to a fresh visitor; wrong guesses are capped overall; on
 * PostgreSQL the counters are shared, so they are tested on both stores.
 */

const UNKNOWN = (i: number) => `/x/AAAAAAAAAAAAAAAAAAA${String(i % 1000).padStart(3, '0')}`;
let open: ExchangeApp[] = [];

afterEach(async () => {
  await Promise.all(open.map((t) => t.close()));
  open = [];
});

function budgetSuite(name: string, databaseUrl: () => Promise<string | undefined>) {
  describe(`public page budgets on ${name}`, () => {
    async function start(env: Record<string, string> = {}) {
      const t = await createExchangeApp({ databaseUrl: await databaseUrl(), env });
      open.push(t);
      const link = await createLink(t.app, t.cookie, await createCard(t.app, t.cookie));
      // At the start of a minute, so one window holds the whole test.
      t.clock.set('2026-03-28T19:10:00.000Z');
      return { t, token: link.token };
    }

    test.each([
      ['unknown tokens', () => UNKNOWN(Math.floor(Math.random() * 1000))],
      ['the live link itself', undefined],
    ] as const)(
      'twelve addresses sending sixty requests each (%s) leave a live link open to a fresh visitor',
      async (_kind, path) => {
        const { t, token } = await start();
        const attackers = Array.from({ length: 12 }, () => nextAddress());
        const statuses = new Map<number, number>();
        for (let round = 0; round < 60; round++) {
          const answers = await Promise.all(
            attackers.map((address) =>
              visit(t.app, path ? path() : `/x/${token}`, { remoteAddress: address }),
            ),
          );
          for (const { statusCode } of answers) statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
        }
        t.clock.advance(30_000);
        const fresh = await visit(t.app, `/x/${token}`, { remoteAddress: nextAddress() });
        console.log(
          JSON.stringify({
            test: 'public-budget-fresh-visitor',
            store: name,
            attackers: attackers.length,
            requestsEach: 60,
            statuses: Object.fromEntries(statuses),
            freshVisitor: fresh.statusCode,
          }),
        );
        expect(fresh.statusCode).toBe(200);
        expect(fresh.body).toContain('Alex Kim');
      },
    );

    test('past the overall budget of wrong guesses, addresses that guessed wrong are refused; others are served', async () => {
      const { t, token } = await start({ PUBLIC_LIMIT_GLOBAL: '20' });
      const guessers = Array.from({ length: 5 }, () => nextAddress());
      for (let i = 0; i < 5; i++) {
        for (const address of guessers) await visit(t.app, UNKNOWN(i), { remoteAddress: address });
      }
      // 25 wrong guesses against a budget of 20: each guesser is refused now, its live link included.
      const guesser = await visit(t.app, `/x/${token}`, { remoteAddress: guessers[0] });
      const newGuess = await visit(t.app, UNKNOWN(7));
      const newGuessAgain = await visit(t.app, UNKNOWN(8), { remoteAddress: guessers[1] });
      const fresh = await visit(t.app, `/x/${token}`);
      expect(guesser.statusCode).toBe(429);
      expect(guesser.body).toContain('Too many requests');
      expect(Number(guesser.headers['retry-after'])).toBeGreaterThan(0);
      // A new address has its one guess: the answer for a dead token stays the common 404.
      expect(newGuess.statusCode).toBe(404);
      expect(newGuessAgain.statusCode).toBe(429);
      expect(fresh.statusCode).toBe(200);
      t.clock.advance(60_000);
      expect((await visit(t.app, `/x/${token}`, { remoteAddress: guessers[0] })).statusCode).toBe(200);
    });

    test('introduction pages count against the configured PUBLIC_LIMIT_PER_IP', async () => {
      const { t } = await start({ PUBLIC_LIMIT_PER_IP: '5' });
      const address = nextAddress();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push(
          (await visit(t.app, '/i/AAAAAAAAAAAAAAAAAAAAAA', { remoteAddress: address })).statusCode,
        );
      }
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    });

    test('behind TRUST_PROXY each visitor has their own budget; a forged X-Forwarded-For buys nothing', async () => {
      const { t, token } = await start({ PUBLIC_LIMIT_PER_IP: '5', TRUST_PROXY: '127.0.0.1' });
      const viaProxy = (client: string) =>
        visit(t.app, `/x/${token}`, { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } });
      for (let i = 0; i < 5; i++) expect((await viaProxy('203.0.113.10')).statusCode).toBe(200);
      expect((await viaProxy('203.0.113.10')).statusCode).toBe(429);
      expect((await viaProxy('203.0.113.11')).statusCode).toBe(200);
      // Not from the proxy: the header is the sender's own claim, and the sender's address counts.
      const forged: number[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await visit(t.app, `/x/${token}`, {
          remoteAddress: '198.51.100.9',
          headers: { 'x-forwarded-for': `203.0.113.${100 + i}` },
        });
        forged.push(response.statusCode);
      }
      expect(forged).toEqual([200, 200, 200, 200, 200, 429]);
    });

    test('with TRUST_PROXY as a hop count, the client is the address the nearest proxy saw', async () => {
      const { t, token } = await start({ PUBLIC_LIMIT_PER_IP: '5', TRUST_PROXY: '1' });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        // What the client wrote in front of the proxy's entry is its own claim: it changes nothing.
        const response = await visit(t.app, `/x/${token}`, {
          remoteAddress: '10.9.9.9',
          headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.20` },
        });
        statuses.push(response.statusCode);
      }
      const neighbour = await visit(t.app, `/x/${token}`, {
        remoteAddress: '10.9.9.9',
        headers: { 'x-forwarded-for': '203.0.113.21' },
      });
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect(neighbour.statusCode).toBe(200);
    });

    test('without TRUST_PROXY, X-Forwarded-For is ignored', async () => {
      const { t, token } = await start({ PUBLIC_LIMIT_PER_IP: '5' });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await visit(t.app, `/x/${token}`, {
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    });

    test('IPv6 clients share one budget per /64', async () => {
      const { t, token } = await start({ PUBLIC_LIMIT_PER_IP: '5' });
      const statuses: number[] = [];
      for (let i = 1; i <= 6; i++) {
        const remoteAddress = `2001:db8:aa:bb:${i.toString(16)}::${i}`;
        statuses.push((await visit(t.app, `/x/${token}`, { remoteAddress })).statusCode);
      }
      const otherNetwork = await visit(t.app, `/x/${token}`, { remoteAddress: '2001:db8:aa:bc::1' });
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect(otherNetwork.statusCode).toBe(200);
    });
  });
}

budgetSuite('SQLite', async () => undefined);

const postgres = postgresSuite();
describe.skipIf(!postgres.available)('on PostgreSQL', () => {
  let cluster: PostgresCluster;
  let databases = 0;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  // A database per app: each test's owner is the first account of its own database.
  const freshDatabase = async () => {
    const name = `budgets_${++databases}`;
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(cluster.url);
    url.pathname = `/${name}`;
    return url.toString();
  };
  budgetSuite('PostgreSQL', freshDatabase);

  test('wrong guesses counted by one server shed the guesser at another on the same database', async () => {
    const env = { PUBLIC_LIMIT_GLOBAL: '10' };
    const databaseUrl = await freshDatabase();
    const first = await createExchangeApp({ databaseUrl, env });
    open.push(first);
    const token = (await createLink(first.app, first.cookie, await createCard(first.app, first.cookie)))
      .token;
    const store = await openStore({ databaseUrl, sqliteFile: '' });
    const second = await buildApp({
      store,
      config: readConfig({ LOG_LEVEL: 'silent', ...env }),
      now: first.clock.now,
    });
    try {
      first.clock.set('2026-03-28T19:20:00.000Z');
      const guesser = nextAddress();
      for (let i = 0; i < 10; i++) await visit(first.app, UNKNOWN(i), { remoteAddress: guesser });
      expect((await visit(second, `/x/${token}`, { remoteAddress: guesser })).statusCode).toBe(429);
      expect((await visit(second, `/x/${token}`)).statusCode).toBe(200);
    } finally {
      await second.close();
      await store.close();
    }
  });
});
