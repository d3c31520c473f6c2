import { afterEach, beforeEach, expect, test } from 'vitest';
import { readConfig } from '../config.ts';
import {
  createCard,
  createExchangeApp,
  createLink,
  type ExchangeApp,
  nextAddress,
  visit,
} from './exchange-test-kit.ts';

/** The defaults, which the app under test runs with. */
const PUBLIC_RATE_LIMITS = readConfig({}).publicRateLimits;
let t: ExchangeApp;
let token: string;

beforeEach(async () => {
  t = await createExchangeApp();
  token = (await createLink(t.app, t.cookie, await createCard(t.app, t.cookie))).token;
  // At the start of a minute, so one window holds the whole test.
  t.clock.set('2026-03-28T19:10:00.000Z');
});

afterEach(async () => {
  await t.close();
});

test('one address gets 60 a minute, then 429 with retry-after and the page headers; others go on', async () => {
  const address = nextAddress();
  const statuses: number[] = [];
  for (let i = 0; i < PUBLIC_RATE_LIMITS.perAddress; i++) {
    // Unknown tokens count too: that is what someone trying tokens sends.
    const path = i % 2 === 0 ? `/x/${token}` : `/x/AAAAAAAAAAAAAAAAAAAAA${i % 10}`;
    statuses.push((await visit(t.app, path, { remoteAddress: address })).statusCode);
  }
  t.clock.advance(15_000);
  const refused = await visit(t.app, `/x/${token}`, { remoteAddress: address });
  const elsewhere = await visit(t.app, `/x/${token}`, { remoteAddress: nextAddress() });
  expect(statuses.filter((status) => status === 429)).toEqual([]);
  expect(refused.statusCode).toBe(429);
  expect(refused.headers['retry-after']).toBe('45');
  expect(refused.headers['cache-control']).toBe('no-store');
  expect(refused.headers['referrer-policy']).toBe('no-referrer');
  expect(refused.headers['content-security-policy']).toMatch(/^default-src 'none';/);
  expect(refused.body).toContain('Too many requests');
  expect(elsewhere.statusCode).toBe(200);
  t.clock.advance(45_000);
  expect((await visit(t.app, `/x/${token}`, { remoteAddress: address })).statusCode).toBe(200);
  console.log(
    JSON.stringify({
      test: 'public-rate-per-address',
      allowed: statuses.length,
      refusedAt: statuses.length + 1,
    }),
  );
});

test('wrong guesses from all addresses together get 600 a minute; then addresses that guessed wrong are refused', async () => {
  const unknown = (i: number) => `/x/AAAAAAAAAAAAAAAAAAA${String(i % 1000).padStart(3, '0')}`;
  const busy = nextAddress();
  for (let i = 0; i < PUBLIC_RATE_LIMITS.perAddress + 200; i++)
    await visit(t.app, unknown(i), { remoteAddress: busy });
  // The busy address's refused requests were no guesses: the others still have the rest of the budget.
  let notFound = 0;
  for (let i = 0; i < PUBLIC_RATE_LIMITS.overall - PUBLIC_RATE_LIMITS.perAddress; i++) {
    if ((await visit(t.app, unknown(i))).statusCode === 404) notFound++;
  }
  const guesser = nextAddress();
  const lastGuess = await visit(t.app, unknown(1), { remoteAddress: guesser });
  const refused = await visit(t.app, unknown(2), { remoteAddress: guesser });
  const refusedLive = await visit(t.app, `/x/${token}`, { remoteAddress: guesser });
  const visitor = await visit(t.app, `/x/${token}`);
  expect(notFound).toBe(PUBLIC_RATE_LIMITS.overall - PUBLIC_RATE_LIMITS.perAddress);
  expect(lastGuess.statusCode).toBe(404);
  expect(refused.statusCode).toBe(429);
  expect(refusedLive.statusCode).toBe(429);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect(visitor.statusCode).toBe(200);
  console.log(
    JSON.stringify({
      test: 'public-rate-overall',
      fromBusyAddress: PUBLIC_RATE_LIMITS.perAddress + 200,
      wrongGuessesAllowed: PUBLIC_RATE_LIMITS.perAddress + notFound,
      freshVisitor: visitor.statusCode,
    }),
  );
});
