import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { asUser } from '../testing/test-app.ts';
import {
  createCard,
  createExchangeApp,
  createLink,
  type ExchangeApp,
  insertBlockRow,
  SHARE_FORM,
  visit,
} from './exchange-test-kit.ts';

/**
 * RELIABILITY.md, tokens and links: unknown, expired, revoked and blocked tokens (and used-up
 * one-time, declined and reset-away ones) give the same 404: status, body bytes and header set.
 */

let t: ExchangeApp;
const dead: Record<string, string> = {};

/** Headers that differ between any two answers by nature: when it was sent. */
const PER_ANSWER_HEADERS = new Set(['date', 'x-request-id', 'request-id']);

beforeAll(async () => {
  t = await createExchangeApp();
  const owner = asUser(t.app, t.cookie);
  const cardId = await createCard(t.app, t.cookie);
  const make = (options = {}) => createLink(t.app, t.cookie, cardId, options);

  dead.unknown = 'AAAAAAAAAAAAAAAAAAAAAA';
  dead.malformed = 'not-a-token';
  const expired = await make({ expiresInDays: 1 });
  dead.expired = expired.token;
  const revoked = await make();
  await owner.post(`/api/links/${revoked.id}/revoke`);
  dead.revoked = revoked.token;
  const blocked = await make();
  // A blocks row alone, without the revoke the blocking route adds: the lookup itself must refuse it.
  const ownerAccount = await t.store.accounts.findForAdmin();
  insertBlockRow(t.sqliteFile, { accountId: ownerAccount?.id ?? '', linkId: blocked.id });
  dead.blocked = blocked.token;
  const sharer = await make();
  await visit(t.app, `/x/${sharer.token}/share`, { form: SHARE_FORM });
  const person = (await owner.get('/api/people')).json().people[0];
  await owner.post('/api/blocks', { personId: person.id });
  dead['blocked-person'] = sharer.token;
  const used = await make({ oneTime: true });
  const usedUp = await visit(t.app, `/x/${used.token}/share`, {
    form: { ...SHARE_FORM, phone: '+44 7911 123457' },
  });
  if (usedUp.statusCode !== 200) throw new Error(`share-back answered ${usedUp.statusCode}`);
  dead['used-one-time'] = used.token;
  const declined = await make({ oneTime: true });
  await visit(t.app, `/x/${declined.token}/decline`, { form: {} });
  dead['declined-one-time'] = declined.token;
  const resetAway = await make();
  await owner.post(`/api/links/${resetAway.id}/reset`);
  dead['reset-away'] = resetAway.token;
  // Past the one-day expiry, and well inside everyone else's 30 days.
  t.clock.advance(25 * 60 * 60 * 1000);
});

afterAll(async () => {
  await t.close();
});

test('every dead token answers the same 404 at every page: status, body bytes and headers', async () => {
  const answers: { name: string; path: string; response: LightMyRequestResponse }[] = [];
  for (const [name, token] of Object.entries(dead)) {
    for (const [path, form] of [
      [`/x/${token}`, undefined],
      [`/x/${token}/contact.vcf`, undefined],
      [`/x/${token}/share`, SHARE_FORM],
      [`/x/${token}/decline`, {}],
    ] as const) {
      answers.push({ name, path, response: await visit(t.app, path, form ? { form } : {}) });
    }
  }
  const reference = answers[0]?.response;
  if (!reference) throw new Error('no answers');
  const differing = answers.filter(
    ({ response }) =>
      response.statusCode !== reference.statusCode ||
      !response.rawPayload.equals(reference.rawPayload) ||
      JSON.stringify(comparableHeaders(response)) !== JSON.stringify(comparableHeaders(reference)),
  );
  console.log(
    JSON.stringify({
      test: 'dead-tokens-alike',
      cases: Object.keys(dead),
      answers: answers.length,
      bodyBytes: reference.rawPayload.length,
      headersCompared: Object.keys(comparableHeaders(reference)).length,
      differing: differing.length,
    }),
  );
  expect(differing.map(({ name, path }) => `${name} ${path}`)).toEqual([]);
  expect(reference.statusCode).toBe(404);
  expect(reference.headers['cache-control']).toBe('no-store');
  expect(reference.headers['referrer-policy']).toBe('no-referrer');
  expect(reference.headers['content-security-policy']).toMatch(/^default-src 'none';/);
  expect(reference.headers['content-type']).toBe('text/html; charset=utf-8');
  // And nothing of the owner's is in it.
  expect(reference.body).not.toContain('Alex');
});

test('a live token still answers, so the 404s above are about the tokens', async () => {
  const cardId = (await asUser(t.app, t.cookie).get('/api/cards')).json().cards[0].id;
  const live = await createLink(t.app, t.cookie, cardId);
  expect((await visit(t.app, `/x/${live.token}`)).statusCode).toBe(200);
});

function comparableHeaders(response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(
    Object.entries(response.headers)
      .filter(([name]) => !PER_ANSWER_HEADERS.has(name.toLowerCase()))
      .map(([name, value]) => [name.toLowerCase(), String(value)])
      .sort(([x = ''], [y = '']) => x.localeCompare(y)),
  );
}
