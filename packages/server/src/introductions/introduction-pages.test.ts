import { parseVCards } from '@rapport/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  comparable,
  INTRODUCER,
  type IntroApp,
  PEOPLE,
  revealsDetailsOf,
  startIntroApp,
} from './intro-test-kit.ts';

const DAY = 24 * 60 * 60 * 1000;
let t: IntroApp;
beforeEach(async () => {
  t = await startIntroApp();
});
afterEach(async () => {
  await t.close();
});

const stateOf = async (id: string) => (await t.api('GET', `/api/intros/${id}`)).json().intro.state as string;

describe('an introduction through a mutual friend', () => {
  test('each page says who introduces them and why, with only the other first name, and asks', async () => {
    const intro = await t.introduce({ note: 'You both climb & love <bad> puns' });
    const a = await t.page('GET', `/i/${intro.tokens.a}`);
    const b = await t.page('GET', `/i/${intro.tokens.b}`);
    for (const [page, other] of [
      [a, PEOPLE.b],
      [b, PEOPLE.a],
    ] as const) {
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toContain(`${INTRODUCER} would like to introduce you to ${other.firstName}`);
      expect(page.body).toContain('You both climb &#38; love &#60;bad&#62; puns');
      expect(page.body).toContain('Yes, introduce us');
      expect(page.body).toContain('No thanks');
      expect(page.body).not.toContain('<script');
    }
    expect(revealsDetailsOf(a.body, 'b')).toBe(false);
    expect(revealsDetailsOf(b.body, 'a')).toBe(false);
    expect(a.headers['cache-control']).toBe('no-store');
    expect(a.headers['referrer-policy']).toBe('no-referrer');
    expect(a.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
  });

  test('only when both said yes does each page reveal what the other chose, with a vCard', async () => {
    const intro = await t.introduce({ note: 'Both new in town' });
    // A shares the phone only; B shares the handles only.
    const acceptA = await t.page('POST', `/i/${intro.tokens.a}/accept`, { form: 'share=phone' });
    expect(acceptA.statusCode).toBe(303);
    expect(acceptA.headers.location).toBe(`/i/${intro.tokens.a}`);
    const waiting = await t.page('GET', `/i/${intro.tokens.a}`);
    expect(waiting.body).toContain('You said yes');
    expect(revealsDetailsOf(waiting.body, 'b')).toBe(false);
    expect(await stateOf(intro.id)).toBe('pending');

    await t.page('POST', `/i/${intro.tokens.b}/accept`, { form: 'share=handles&share=bogus' });
    expect(await stateOf(intro.id)).toBe('completed');
    const pageA = (await t.page('GET', `/i/${intro.tokens.a}`)).body;
    const pageB = (await t.page('GET', `/i/${intro.tokens.b}`)).body;
    expect(pageA).toContain(PEOPLE.b.name);
    expect(pageA).toContain(PEOPLE.b.handle.handle);
    expect(pageA).not.toContain(PEOPLE.b.digits.slice(-6)); // B did not tick the phone
    expect(pageB).toContain(PEOPLE.a.name);
    expect(pageB).toContain('href="tel:+4915123456789"');
    expect(pageB).not.toContain(PEOPLE.a.handle.handle); // A did not tick the handles

    const vcf = await t.page('GET', `/i/${intro.tokens.b}/contact.vcf`);
    expect(vcf.headers['content-type']).toBe('text/vcard; charset=utf-8');
    const parsed = parseVCards(vcf.body);
    const entries = parsed.ok ? parsed.value.entries : [];
    expect(entries).toHaveLength(1);
    const card = entries[0]?.ok ? entries[0].contact : undefined;
    expect(card?.name).toBe(PEOPLE.a.name);
    expect(card?.phones.map((phone) => phone.value)).toEqual([PEOPLE.a.phone]);
    expect(card?.urls).toEqual([]);
    expect(card?.note).toBe(`Introduced by ${INTRODUCER}: Both new in town`);

    const consent = await t.consentRows();
    expect(consent).toHaveLength(2);
    expect(consent).toEqual(
      expect.arrayContaining([
        { personId: t.people.a, kind: 'introduction-revealed', fields: ['name', 'phone'] },
        { personId: t.people.b, kind: 'introduction-revealed', fields: ['name', 'handles'] },
      ]),
    );
    console.log(
      JSON.stringify({ test: 'intro-journey', consentRows: consent.length, vcfBytes: vcf.body.length }),
    );
  });

  test('a decline by either side is "not completed" to me, and both pages answer the common 404', async () => {
    const intro = await t.introduce();
    await t.page('POST', `/i/${intro.tokens.a}/accept`, { form: 'share=phone&share=handles' });
    const declined = await t.page('POST', `/i/${intro.tokens.b}/decline`, { form: '' });
    expect(declined.statusCode).toBe(200);
    expect(declined.body).toContain('nothing was shared');
    expect(await stateOf(intro.id)).toBe('not-completed');
    for (const token of [intro.tokens.a, intro.tokens.b]) {
      expect((await t.page('GET', `/i/${token}`)).statusCode).toBe(404);
    }
    // The record keeps neither the answers nor the choices: nobody can tell who said no.
    const [row] = await t.query('SELECT * FROM introductions WHERE id = ?', [intro.id]);
    expect(row).toMatchObject({ state: 'declined', shares_a: null, shares_b: null });
    expect(row?.answer_a).toBe(row?.answer_b);
  });

  test('unknown, expired, revoked, declined, blocked and malformed tokens answer the same 404', async () => {
    const [expired, revoked, declined, blocked] = await Promise.all(
      [1, 14, 14, 14].map((days) => t.introduce({ expiresInDays: days })),
    );
    if (!expired || !revoked || !declined || !blocked) throw new Error('four intros expected');
    await t.api('POST', `/api/intros/${revoked.id}/revoke`);
    await t.page('POST', `/i/${declined.tokens.b}/decline`);
    t.clock.advance(DAY + 1);
    const answersFor = async (token: string) => [
      comparable(await t.page('GET', `/i/${token}`)),
      comparable(await t.page('POST', `/i/${token}/accept`, { form: 'share=phone' })),
      comparable(await t.page('POST', `/i/${token}/decline`, { form: '' })),
      comparable(await t.page('GET', `/i/${token}/contact.vcf`)),
      comparable(await t.page('GET', `/i/${token}/no/such/page`)),
    ];
    const answers: Record<string, string[]> = {
      unknown: await answersFor('AAAAAAAAAAAAAAAAAAAAAA'),
      expired: await answersFor(expired.tokens.a),
      revoked: await answersFor(revoked.tokens.a),
      declined: await answersFor(declined.tokens.a),
      malformed: await answersFor('not-a-token'),
    };
    // The blocked one was live until the block: its page answered 200 just before.
    expect((await t.page('GET', `/i/${blocked.tokens.a}`)).statusCode).toBe(200);
    expect((await t.api('POST', '/api/blocks', { personId: t.people.b })).statusCode).toBe(201);
    answers.blocked = await answersFor(blocked.tokens.a);

    const distinct = new Set(Object.values(answers).flat());
    console.log(
      JSON.stringify({
        test: 'same-404',
        cases: Object.keys(answers).length,
        answersCompared: Object.values(answers).flat().length,
        distinct: distinct.size,
      }),
    );
    expect(JSON.parse([...distinct][0] ?? '{}').status).toBe(404);
    for (const [name, list] of Object.entries(answers)) expect(list, name).toEqual(answers.unknown);
    expect(distinct.size).toBe(1);
  });

  test('a form posted from the page itself passes, though the browser sends Origin: null', async () => {
    const intro = await t.introduce();
    const sameOrigin = { origin: 'null', 'sec-fetch-site': 'same-origin' };
    const crossSite = { origin: 'null', 'sec-fetch-site': 'cross-site' };
    const forged = await t.page('POST', `/i/${intro.tokens.a}/accept`, { form: '', headers: crossSite });
    expect(forged.statusCode).toBe(403);
    const own = await t.page('POST', `/i/${intro.tokens.a}/accept`, { form: '', headers: sameOrigin });
    expect(own.statusCode).toBe(303);
  });

  test('tokens never reach a log line', async () => {
    const intro = await t.introduce();
    await t.page('GET', `/i/${intro.tokens.a}`);
    await t.page('POST', `/i/${intro.tokens.a}/accept`, { form: 'share=phone' });
    await t.page('POST', `/i/${intro.tokens.b}/accept`, { form: '' });
    await t.page('GET', `/i/${intro.tokens.b}/contact.vcf`);
    await t.page('GET', '/i/AAAAAAAAAAAAAAAAAAAAAA');
    const logged = t.logs.join('\n');
    expect(logged).toContain('/i/[token]');
    for (const token of Object.values(intro.tokens)) expect(logged).not.toContain(token);
    expect(logged).not.toContain('AAAAAAAAAAAAAAAAAAAAAA');
  });

  test('the pages are rate-limited per address, with retry-after and the page headers', async () => {
    const intro = await t.introduce();
    const statuses: number[] = [];
    let last = await t.page('GET', `/i/${intro.tokens.a}`, { ip: '192.0.2.7' });
    for (let i = 0; i < 70; i++) {
      last = await t.page('GET', `/i/${intro.tokens.a}`, { ip: '192.0.2.7' });
      statuses.push(last.statusCode);
    }
    console.log(
      JSON.stringify({
        test: 'intro-rate-limit',
        ok: statuses.filter((s) => s === 200).length,
        limited: statuses.filter((s) => s === 429).length,
      }),
    );
    expect(last.statusCode).toBe(429);
    expect(last.headers['retry-after']).toBeDefined();
    expect(last.headers['cache-control']).toBe('no-store');
    expect(last.headers['referrer-policy']).toBe('no-referrer');
    expect(last.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(last.body).toContain('Too many requests');
    // Another address is served; so is this one in the next minute.
    expect((await t.page('GET', `/i/${intro.tokens.a}`)).statusCode).toBe(200);
    t.clock.advance(60_000);
    expect((await t.page('GET', `/i/${intro.tokens.a}`, { ip: '192.0.2.7' })).statusCode).toBe(200);
  });

  test('creating: two different people of mine, a note of at most 280 characters', async () => {
    const same = await t.api('POST', '/api/intros', { a: t.people.a, b: t.people.a });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.field).toBe('b');
    const long = await t.api('POST', '/api/intros', { a: t.people.a, b: t.people.b, note: 'x'.repeat(281) });
    expect(long.statusCode).toBe(400);
    const stranger = await t.api('POST', '/api/intros', { a: t.people.a, b: crypto.randomUUID() });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().error.field).toBe('b');
    const created = await t.api('POST', '/api/intros', { a: t.people.a, b: t.people.b });
    expect(created.statusCode).toBe(201);
    const { links } = created.json();
    expect(links.a).toMatch(/^https:\/\/rapport\.example\.org\/i\/[A-Za-z0-9_-]{22}$/);
    expect(links.a).not.toBe(links.b);
  });
});
