import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startIntroApp } from '../introductions/intro-test-kit.ts';
import { asUser } from '../testing/test-app.ts';
import {
  createCard,
  createExchangeApp,
  createLink,
  type ExchangeApp,
  SHARE_FORM,
  visit,
} from './exchange-test-kit.ts';

/**
 * The public forms (share back, not now, accept, no thanks) post from pages sent with
 * Referrer-Policy: no-referrer, so a browser says `Origin: null`; Safari before 16.4 sends no
 * Sec-Fetch-Site besides. Such a post passes with the page's form token; a forged one without it is
 * refused with the designed page, and changes nothing.
 */

/** Safari 16.3 posting a form from a no-referrer page. */
const OLD_SAFARI = { origin: 'null' };
let t: ExchangeApp;
let cardId: string;

beforeAll(async () => {
  t = await createExchangeApp();
  cardId = await createCard(t.app, t.cookie);
});
afterAll(async () => {
  await t.close();
});

const formTokenOf = (html: string) => /name="form-token" value="([^"]+)"/.exec(html)?.[1];
const peopleCount = async () => (await asUser(t.app, t.cookie).get('/api/people')).json().people.length;

describe('exchange pages', () => {
  test('a share-back from a browser without Sec-Fetch-Site passes with the form token of the page', async () => {
    const link = await createLink(t.app, t.cookie, cardId);
    const page = await visit(t.app, `/x/${link.token}`);
    const formToken = formTokenOf(page.body);
    expect(formToken).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(page.body.match(/name="form-token"/g)).toHaveLength(2);
    const before = await peopleCount();
    const shared = await visit(t.app, `/x/${link.token}/share`, {
      form: { ...SHARE_FORM, 'form-token': formToken ?? '' },
      headers: OLD_SAFARI,
    });
    expect(shared.statusCode).toBe(200);
    expect(shared.body).toContain('Thank you');
    expect(await peopleCount()).toBe(before + 1);
    const noHeaders = await visit(t.app, `/x/${link.token}/decline`, {
      form: { 'form-token': formToken ?? '' },
      headers: {},
    });
    expect(noHeaders.statusCode).toBe(200);
  });

  test.each([
    ['Origin: null without a token', OLD_SAFARI, undefined],
    ['no headers and no token', {}, undefined],
    ['a token of another link', OLD_SAFARI, 'other'],
    ['a valid token from a foreign origin', { origin: 'https://evil.example' }, 'valid'],
    ['a valid token with Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, 'valid'],
  ] as const)(
    'a forged share-back is refused with the designed page: %s',
    async (_case, headers, tokenKind) => {
      const link = await createLink(t.app, t.cookie, cardId);
      const other = await createLink(t.app, t.cookie, cardId);
      const tokenFrom = tokenKind === 'other' ? other.token : link.token;
      const formToken = formTokenOf((await visit(t.app, `/x/${tokenFrom}`)).body) ?? '';
      const before = await peopleCount();
      const forged = await visit(t.app, `/x/${link.token}/share`, {
        form: { ...SHARE_FORM, ...(tokenKind ? { 'form-token': formToken } : {}) },
        headers,
      });
      expect(forged.statusCode).toBe(403);
      expect(forged.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(forged.headers['cache-control']).toBe('no-store');
      expect(forged.body).toContain('could not be sent');
      expect(await peopleCount()).toBe(before);
    },
  );
});

describe('introduction pages', () => {
  test('accept passes from an old Safari with the form token, and is refused without it', async () => {
    const intro = await startIntroApp();
    try {
      const made = await intro.introduce();
      const page = await intro.page('GET', `/i/${made.tokens.a}`);
      const formToken = formTokenOf(page.body) ?? '';
      expect(formToken).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      const forged = await intro.page('POST', `/i/${made.tokens.a}/accept`, {
        form: 'share=phone',
        headers: OLD_SAFARI,
      });
      expect(forged.statusCode).toBe(403);
      expect(forged.body).toContain('could not be sent');
      expect((await intro.api('GET', `/api/intros/${made.id}`)).json().intro.state).toBe('pending');
      const accepted = await intro.page('POST', `/i/${made.tokens.a}/accept`, {
        form: `share=phone&form-token=${formToken}`,
        headers: OLD_SAFARI,
      });
      expect(accepted.statusCode).toBe(303);
      expect((await intro.page('GET', `/i/${made.tokens.a}`)).body).toContain('You said yes');
    } finally {
      await intro.close();
    }
  });
});
