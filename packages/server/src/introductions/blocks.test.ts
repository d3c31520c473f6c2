import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BLOCK_NOTICE } from '../routes/block-routes.ts';
import { comparable, type IntroApp, startIntroApp } from './intro-test-kit.ts';

let t: IntroApp;
beforeEach(async () => {
  t = await startIntroApp();
});
afterEach(async () => {
  await t.close();
});

const stateOf = async (id: string) => (await t.api('GET', `/api/intros/${id}`)).json().intro.state as string;

describe('blocking', () => {
  test('blocking a person drops their pending introduction: its pages answer the common 404', async () => {
    const intro = await t.introduce({ note: 'You should meet' });
    await t.page('POST', `/i/${intro.tokens.b}/accept`, { form: 'share=phone' });
    expect((await t.page('GET', `/i/${intro.tokens.a}`)).statusCode).toBe(200);
    const common404 = comparable(await t.page('GET', '/i/AAAAAAAAAAAAAAAAAAAAAA'));

    const blocked = await t.api('POST', '/api/blocks', { personId: t.people.a });
    expect(blocked.statusCode).toBe(201);
    expect(blocked.json()).toMatchObject({
      block: { personId: t.people.a, linkId: null },
      notice: BLOCK_NOTICE,
    });
    expect(BLOCK_NOTICE).toBe('Blocking stops new sharing. It cannot take back what was already shared.');
    const answers = [
      await t.page('GET', `/i/${intro.tokens.a}`),
      await t.page('GET', `/i/${intro.tokens.b}`),
      await t.page('POST', `/i/${intro.tokens.a}/accept`, { form: 'share=phone' }),
    ];
    expect(answers.map(comparable)).toEqual([common404, common404, common404]);
    expect(await stateOf(intro.id)).toBe('not-completed');
    const [row] = await t.query('SELECT state, shares_b FROM introductions WHERE id = ?', [intro.id]);
    expect(row).toEqual({ state: 'revoked', shares_b: null });

    // Unblocking allows new introductions; the dropped one stays dropped.
    const again = await t.api('POST', '/api/blocks', { personId: t.people.a });
    expect(again.statusCode).toBe(200);
    expect(again.json().block.id).toBe(blocked.json().block.id);
    const refused = await t.api('POST', '/api/intros', { a: t.people.a, b: t.people.b });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('a');
    const list = (await t.api('GET', '/api/blocks')).json();
    expect(list).toEqual({ blocks: [blocked.json().block], notice: BLOCK_NOTICE });
    expect((await t.api('DELETE', `/api/blocks/${blocked.json().block.id}`)).statusCode).toBe(204);
    expect((await t.page('GET', `/i/${intro.tokens.a}`)).statusCode).toBe(404);
    const fresh = await t.introduce();
    expect((await t.page('GET', `/i/${fresh.tokens.a}`)).statusCode).toBe(200);
    console.log(
      JSON.stringify({
        test: 'block-person',
        blockStatus: blocked.statusCode,
        deadPages: answers.length,
        notice: true,
      }),
    );
  });

  test('a completed introduction stays completed, but its pages close: what was shared stays shared', async () => {
    const intro = await t.introduce();
    await t.page('POST', `/i/${intro.tokens.a}/accept`, { form: 'share=phone' });
    await t.page('POST', `/i/${intro.tokens.b}/accept`, { form: 'share=phone' });
    expect((await t.page('GET', `/i/${intro.tokens.a}`)).statusCode).toBe(200);
    await t.api('POST', '/api/blocks', { personId: t.people.b });
    expect((await t.page('GET', `/i/${intro.tokens.a}`)).statusCode).toBe(404);
    expect((await t.page('GET', `/i/${intro.tokens.b}/contact.vcf`)).statusCode).toBe(404);
    expect(await stateOf(intro.id)).toBe('completed');
    expect(await t.consentRows()).toHaveLength(2);
  });

  test('blocking a link kills it; only my own people and links can be blocked', async () => {
    const [owner] = await t.query('SELECT account_id FROM people WHERE id = ?', [t.people.a]);
    const now = t.clock.now().toISOString();
    await t.query(
      `INSERT INTO cards (id, account_id, label, handles, shows, created_at, updated_at) VALUES ('card-1', ?, 'Full', '[]', '{}', ?, ?)`,
      [owner?.account_id, now, now],
    );
    await t.query(
      `INSERT INTO exchange_links (id, account_id, card_id, token_hash, one_time, state, expires_at, created_at)
       VALUES ('link-1', ?, 'card-1', 'hash-1', 0, 'active', '2099-01-01T00:00:00.000Z', ?)`,
      [owner?.account_id, now],
    );
    const blocked = await t.api('POST', '/api/blocks', { linkId: 'link-1' });
    expect(blocked.statusCode).toBe(201);
    expect(blocked.json()).toMatchObject({
      block: { linkId: 'link-1', personId: null },
      notice: BLOCK_NOTICE,
    });
    expect(await t.query('SELECT state FROM exchange_links WHERE id = ?', ['link-1'])).toEqual([
      { state: 'revoked' },
    ]);

    const strangerPerson = await t.api('POST', '/api/blocks', { personId: crypto.randomUUID() });
    expect([strangerPerson.statusCode, strangerPerson.json().error.field]).toEqual([404, 'personId']);
    const strangerLink = await t.api('POST', '/api/blocks', { linkId: 'link-of-someone-else' });
    expect([strangerLink.statusCode, strangerLink.json().error.field]).toEqual([404, 'linkId']);
    const both = await t.api('POST', '/api/blocks', { personId: t.people.a, linkId: 'link-1' });
    expect(both.statusCode).toBe(400);
    const neither = await t.api('POST', '/api/blocks', {});
    expect(neither.statusCode).toBe(400);
    expect((await t.api('DELETE', '/api/blocks/no-such-block')).statusCode).toBe(404);
  });
});
