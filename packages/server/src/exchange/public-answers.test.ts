import type { LightMyRequestResponse } from 'fastify';
import { afterEach, expect, test } from 'vitest';
import { createExchangeApp, type ExchangeApp, nextAddress, visit } from './exchange-test-kit.ts';

/**
 * Dead, rate-limited and refused answers of the public pages are the same designed HTML pages at
 * /x/ and /i/: a stranger who follows a dead introduction link sees what a dead exchange link shows.
 */

const DEAD = 'AAAAAAAAAAAAAAAAAAAAAA';
let t: ExchangeApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Everything but the headers that differ by nature between two answers. */
function shapeOf(response: LightMyRequestResponse) {
  const { date: _date, ...headers } = response.headers;
  return { status: response.statusCode, headers, body: response.body };
}

test('a dead /i/ link answers the very 404 page of a dead /x/ link', async () => {
  t = await createExchangeApp();
  const answers = [
    await visit(t.app, `/x/${DEAD}`),
    await visit(t.app, `/i/${DEAD}`),
    await visit(t.app, '/i/not-a-token'),
    await visit(t.app, `/i/${DEAD}/contact.vcf`),
    await visit(t.app, `/i/${DEAD}/accept`, { form: { share: 'phone' } }),
    await visit(t.app, `/i/${DEAD}/no/such/page`),
  ];
  const [reference] = answers;
  expect(reference?.statusCode).toBe(404);
  expect(reference?.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(reference?.body).toContain('This link does not work');
  for (const answer of answers) expect(shapeOf(answer)).toEqual(shapeOf(reference as LightMyRequestResponse));
});

test('rate-limited /i/ and /x/ answers are the same designed 429 page', async () => {
  t = await createExchangeApp({ env: { PUBLIC_LIMIT_PER_IP: '2' } });
  const limited = async (prefix: string) => {
    const address = nextAddress();
    for (let i = 0; i < 2; i++)
      await visit(t?.app as ExchangeApp['app'], `${prefix}/${DEAD}`, { remoteAddress: address });
    return visit(t?.app as ExchangeApp['app'], `${prefix}/${DEAD}`, { remoteAddress: address });
  };
  const x = await limited('/x');
  const i = await limited('/i');
  expect(i.statusCode).toBe(429);
  expect(i.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(i.body).toContain('Too many requests');
  expect(shapeOf(i)).toEqual(shapeOf(x));
});

test('refused /i/ and /x/ form posts are the same designed 403 page', async () => {
  t = await createExchangeApp();
  const crossSite = { 'sec-fetch-site': 'cross-site' };
  const x = await visit(t.app, `/x/${DEAD}/decline`, { form: {}, headers: crossSite });
  const i = await visit(t.app, `/i/${DEAD}/decline`, { form: {}, headers: crossSite });
  expect(i.statusCode).toBe(403);
  expect(i.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(i.body).toContain('could not be sent');
  expect(shapeOf(i)).toEqual(shapeOf(x));
});
