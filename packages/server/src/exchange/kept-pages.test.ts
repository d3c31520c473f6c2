import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createExchangePageCache } from '../routes/exchange-page-cache.ts';
import { asUser } from '../testing/test-app.ts';
import {
  createCard,
  createExchangeApp,
  createLink,
  type ExchangeApp,
  insertBlockRow,
  OWNER_CARD,
  visit,
} from './exchange-test-kit.ts';

/**
 * PRODUCT.md, performance: a viewed link's page is kept in memory and answered from there while
 * nothing in the store changed. RELIABILITY.md, tokens and links: a kept page never outlives its
 * link: revoke, reset, block, a changed or deleted card, a deleted account and expiry end it at once;
 * a write by another connection within a millisecond.
 */

let t: ExchangeApp;
let cardId: string;
let lookups: number;

beforeEach(async () => {
  t = await createExchangeApp();
  cardId = await createCard(t.app, t.cookie);
  lookups = 0;
  const findLive = t.store.exchangeLinks.findLive;
  t.store.exchangeLinks.findLive = (...args) => {
    lookups++;
    return findLive(...args);
  };
});

afterEach(async () => {
  await t.close();
});

/** A link whose page is kept: the first view is written down, the second kept, the third answered from memory. */
async function keptLink(options: { expiresInDays?: number } = {}) {
  const link = await createLink(t.app, t.cookie, cardId, options);
  for (let i = 0; i < 2; i++) expect((await visit(t.app, `/x/${link.token}`)).statusCode).toBe(200);
  const before = lookups;
  expect((await visit(t.app, `/x/${link.token}`)).statusCode).toBe(200);
  expect(lookups, 'the third view asks the store').toBe(before);
  return link;
}

const unknownTokenPage = () => visit(t.app, '/x/AAAAAAAAAAAAAAAAAAAAAA');

test('a viewed link is answered from memory, byte for byte and header for header as from the store', async () => {
  const link = await createLink(t.app, t.cookie, cardId);
  const fromStore = await visit(t.app, `/x/${link.token}`);
  await visit(t.app, `/x/${link.token}`);
  const before = lookups;
  const kept = await visit(t.app, `/x/${link.token}`);
  expect(lookups).toBe(before);
  expect(kept.statusCode).toBe(200);
  expect(kept.body).toBe(fromStore.body);
  const { date: _a, ...keptHeaders } = kept.headers;
  const { date: _b, ...storeHeaders } = fromStore.headers;
  expect(keptHeaders).toEqual(storeHeaders);
  expect(kept.body).toContain(`action="/x/${link.token}/share"`);
});

describe('a kept page goes at once', () => {
  const owner = () => asUser(t.app, t.cookie);

  test('when its link is revoked: the same 404 as an unknown token', async () => {
    const link = await keptLink();
    await owner().post(`/api/links/${link.id}/revoke`);
    const page = await visit(t.app, `/x/${link.token}`);
    expect(page.statusCode).toBe(404);
    expect(page.body).toBe((await unknownTokenPage()).body);
  });

  test('when its link is reset: the old token is dead, the new one shows the card', async () => {
    const link = await keptLink();
    const reset = await owner().post(`/api/links/${link.id}/reset`);
    const newToken = /\/x\/([^/]+)$/.exec(reset.json().url)?.[1];
    expect((await visit(t.app, `/x/${link.token}`)).statusCode).toBe(404);
    const page = await visit(t.app, `/x/${newToken}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/x/${newToken}/share"`);
  });

  test('when its link is blocked', async () => {
    const link = await keptLink();
    expect((await owner().post('/api/blocks', { linkId: link.id })).statusCode).toBe(201);
    expect((await visit(t.app, `/x/${link.token}`)).statusCode).toBe(404);
  });

  test('when its card changes: the new name shows, a field turned off is gone', async () => {
    const link = await keptLink();
    expect((await visit(t.app, `/x/${link.token}`)).body).toContain('href="tel:+491701234567"');
    const changed = await owner().patch(`/api/cards/${cardId}`, {
      name: 'Alex K.',
      shows: { ...OWNER_CARD.shows, phone: false },
    });
    expect(changed.statusCode).toBe(200);
    const page = await visit(t.app, `/x/${link.token}`);
    expect(page.body).toContain('<h1>Alex K.</h1>');
    expect(page.body).not.toContain('tel:');
  });

  test('when its card is deleted', async () => {
    const link = await keptLink();
    expect((await owner().delete(`/api/cards/${cardId}`)).statusCode).toBe(204);
    expect((await visit(t.app, `/x/${link.token}`)).statusCode).toBe(404);
  });

  test('when its account is deleted', async () => {
    const link = await keptLink();
    expect((await owner().delete('/api/account')).statusCode).toBe(204);
    expect((await visit(t.app, `/x/${link.token}`)).statusCode).toBe(404);
  });

  test('when its link expires, to the millisecond', async () => {
    const link = await keptLink({ expiresInDays: 1 });
    t.clock.set(new Date(Date.parse(link.expiresAt) - 1).toISOString());
    expect((await visit(t.app, `/x/${link.token}`)).statusCode).toBe(200);
    t.clock.set(link.expiresAt);
    expect((await visit(t.app, `/x/${link.token}`)).statusCode).toBe(404);
  });
});

test('a write by another connection to the file ends a kept page within a millisecond', async () => {
  const link = await keptLink();
  const account = await t.store.accounts.findForAdmin();
  insertBlockRow(t.sqliteFile, { accountId: account?.id ?? '', linkId: link.id });
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect((await visit(t.app, `/x/${link.token}`)).statusCode).toBe(404);
});

describe('the page cache', () => {
  const page = Buffer.from('<p>a page</p>');

  test('forgets every page when the data version moves, and keeps nothing read at an older one', () => {
    const cache = createExchangePageCache();
    expect(cache.find('hash-a', 1, 0)).toBeUndefined();
    cache.keep('hash-a', 1, 1_000, page);
    expect(cache.find('hash-a', 1, 999)).toBe(page);
    expect(cache.find('hash-a', 1, 1_000)).toBeUndefined();
    cache.keep('hash-a', 1, 2_000, page);
    expect(cache.find('hash-a', 2, 0)).toBeUndefined();
    cache.keep('hash-b', 1, 2_000, page);
    expect(cache.find('hash-b', 2, 0)).toBeUndefined();
  });

  test('keeps nothing without a data version (PostgreSQL)', () => {
    const cache = createExchangePageCache();
    cache.keep('hash-a', undefined, 1_000, page);
    expect(cache.find('hash-a', undefined, 0)).toBeUndefined();
  });

  test('holds at most its size, the oldest going first', () => {
    const cache = createExchangePageCache(2);
    cache.find('hash-a', 1, 0);
    cache.keep('hash-a', 1, 1_000, page);
    cache.keep('hash-b', 1, 1_000, page);
    cache.keep('hash-c', 1, 1_000, page);
    expect(cache.find('hash-a', 1, 0)).toBeUndefined();
    expect(cache.find('hash-b', 1, 0)).toBe(page);
    expect(cache.find('hash-c', 1, 0)).toBe(page);
  });
});
