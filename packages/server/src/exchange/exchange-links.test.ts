import type { OwnerEvent } from '@rapport/db';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { asUser, createTestApp, type TestApp } from '../testing/test-app.ts';
import { createCard, createLink, SHARE_FORM, visit } from './exchange-test-kit.ts';

let t: TestApp;
let cardId: string;

beforeEach(async () => {
  t = await createTestApp({ owner: { name: 'Alex', phoneRegion: 'DE', timeZone: 'Europe/Berlin' } });
  cardId = await createCard(t.app, t.cookie);
});

afterEach(async () => {
  await t.close();
});

describe('an exchange link', () => {
  test('is made for my card with an address, a QR code and an expiry 30 days on', async () => {
    const link = await createLink(t.app, t.cookie, cardId);
    expect(link.url).toMatch(/^http:\/\/localhost:3000\/x\/[A-Za-z0-9_-]{22}$/);
    expect(link.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(link.expiresAt).toBe('2026-04-27T19:00:00.000Z');
    const listed = (await asUser(t.app, t.cookie).get('/api/links')).json().links;
    expect(listed).toEqual([
      expect.objectContaining({
        id: link.id,
        cardLabel: 'Full',
        state: 'active',
        viewed: false,
        answered: false,
      }),
    ]);
  });

  test('shows only the fields the card shows, and offers the contact as a vCard', async () => {
    const link = await createLink(t.app, t.cookie, cardId);
    const page = await visit(t.app, `/x/${link.token}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(page.body).toContain('Alex Kim');
    expect(page.body).toContain('href="tel:+491701234567"');
    expect(page.body).toContain('https://instagram.com/alex.kim');
    expect(page.body).not.toContain('alex@example.org');
    expect(page.body).not.toContain('<script');
    expect(page.body).toContain('I agree that Alex Kim keeps this so we can stay in touch.');
    expect(Buffer.byteLength(page.body)).toBeLessThan(8 * 1024);

    const vcf = await visit(t.app, `/x/${link.token}/contact.vcf`);
    expect(vcf.statusCode).toBe(200);
    expect(vcf.headers['content-type']).toBe('text/vcard; charset=utf-8');
    expect(vcf.body).toContain('FN:Alex Kim\r\n');
    expect(vcf.body).toContain('TEL;TYPE=CELL:+491701234567\r\n');
    expect(vcf.body).not.toContain('alex@example.org');
    const listed = (await asUser(t.app, t.cookie).get('/api/links')).json().links;
    expect(listed[0].viewed).toBe(true);
  });

  test('a share-back adds them with their consent, plans the follow-up and tells me live', async () => {
    const encounter = (
      await asUser(t.app, t.cookie).post('/api/encounters', { place: 'Boulder hall' })
    ).json().encounter;
    const link = await createLink(t.app, t.cookie, cardId, { encounterId: encounter.id, oneTime: true });
    const events: OwnerEvent[] = [];
    const owner = (await t.store.accounts.findForAdmin())?.id;
    if (!owner) throw new Error('no owner');
    const stop = await t.store.events.subscribe(owner, (event) => events.push(event));

    const shared = await visit(t.app, `/x/${link.token}/share`, {
      form: { ...SHARE_FORM, note: 'Fun chat!' },
    });
    expect(shared.statusCode).toBe(200);
    expect(shared.body).toContain('Alex Kim has your details now.');
    stop();

    const people = (await asUser(t.app, t.cookie).get('/api/people')).json().people;
    expect(people).toEqual([
      expect.objectContaining({
        name: 'Jordan Lee',
        phone: '+447911123456',
        whereMet: 'Boulder hall',
        notes: 'Fun chat!',
        consent: { kind: 'shared-via-link', at: '2026-03-28T19:00:00.000Z' },
      }),
    ]);
    const personId = people[0].id;
    expect(events).toEqual([
      { type: 'shared-back', personId, name: 'Jordan Lee', message: 'Jordan Lee shared their number' },
    ]);
    const linked = (await asUser(t.app, t.cookie).get(`/api/encounters/${encounter.id}`)).json().encounter;
    expect(linked.personId).toBe(personId);
    const reminders = await t.store.reminders.listPending(owner, personId);
    expect(reminders.map((reminder) => reminder.kind)).toContain('first-text');
    const listed = (await asUser(t.app, t.cookie).get('/api/links')).json().links;
    expect(listed[0]).toMatchObject({ state: 'shared-back', answered: true, sharedBack: 1, personId });
    // One time: the link is used up.
    expect((await visit(t.app, `/x/${link.token}`)).statusCode).toBe(404);
  });

  test('a handle shared back reads "shared their Instagram", and the same number waits for review', async () => {
    const link = await createLink(t.app, t.cookie, cardId);
    const owner = (await t.store.accounts.findForAdmin())?.id;
    if (!owner) throw new Error('no owner');
    const events: OwnerEvent[] = [];
    const stop = await t.store.events.subscribe(owner, (event) => events.push(event));
    const form = { name: 'Sam', platform: 'instagram', handle: '@sam.rivers', consent: 'yes' };
    expect((await visit(t.app, `/x/${link.token}/share`, { form })).statusCode).toBe(200);
    expect((await visit(t.app, `/x/${link.token}/share`, { form: SHARE_FORM })).statusCode).toBe(200);
    const again = { ...SHARE_FORM, name: 'J.', platform: 'x', handle: 'jlee' };
    expect((await visit(t.app, `/x/${link.token}/share`, { form: again })).statusCode).toBe(200);
    stop();
    expect(events.map((event) => event.message)).toEqual([
      'Sam shared their Instagram',
      'Jordan Lee shared their number',
      'J. shared back — same number as Jordan Lee: merge?',
    ]);
    // The same number changed nothing of Jordan Lee's: it waits for the owner's review.
    const people = (await asUser(t.app, t.cookie).get('/api/people')).json().people;
    expect(
      people.map((p: { name: string; handles: { handle: string }[] }) => [p.name, p.handles.length]),
    ).toEqual([
      ['Jordan Lee', 0],
      ['Sam', 1],
    ]);
    const reviews = (await asUser(t.app, t.cookie).get('/api/share-backs')).json().shareBacks;
    expect(reviews).toMatchObject([{ name: 'J.', sameAs: { name: 'Jordan Lee', match: 'phone' } }]);
    const listed = (await asUser(t.app, t.cookie).get('/api/links')).json().links;
    expect(listed[0]).toMatchObject({ state: 'active', sharedBack: 3 });
  });

  test('a bad share-back names each field and stores nothing', async () => {
    const link = await createLink(t.app, t.cookie, cardId);
    const form = { name: '', phone: '12', note: 'x'.repeat(501) };
    const answer = await visit(t.app, `/x/${link.token}/share`, { form });
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('<p class="problem" id="name-problem">');
    expect(answer.body).toContain('<p class="problem" id="phone-problem">');
    expect(answer.body).toContain('<p class="problem" id="note-problem">');
    expect(answer.body).toContain('<p class="problem" id="consent-problem">');
    expect((await asUser(t.app, t.cookie).get('/api/people')).json().people).toEqual([]);
  });

  test('"Not now" ends a one-time link and tells me only that it was declined', async () => {
    const link = await createLink(t.app, t.cookie, cardId, { oneTime: true });
    const owner = (await t.store.accounts.findForAdmin())?.id;
    if (!owner) throw new Error('no owner');
    const events: OwnerEvent[] = [];
    const stop = await t.store.events.subscribe(owner, (event) => events.push(event));
    const declined = await visit(t.app, `/x/${link.token}/decline`, { form: {} });
    expect(declined.statusCode).toBe(200);
    stop();
    expect(events).toEqual([{ type: 'link-declined', linkId: link.id }]);
    const listed = (await asUser(t.app, t.cookie).get('/api/links')).json().links;
    expect(listed[0]).toMatchObject({ state: 'declined', declined: 1, sharedBack: 0, personId: null });
    expect((await visit(t.app, `/x/${link.token}`)).statusCode).toBe(404);
  });

  test('reset kills the old address at once; revoke switches the link off', async () => {
    const link = await createLink(t.app, t.cookie, cardId);
    const owner = asUser(t.app, t.cookie);
    const reset = await owner.post(`/api/links/${link.id}/reset`);
    expect(reset.statusCode).toBe(200);
    const fresh = reset.json().url.split('/x/')[1];
    expect(fresh).not.toBe(link.token);
    expect((await visit(t.app, `/x/${link.token}`)).statusCode).toBe(404);
    expect((await visit(t.app, `/x/${fresh}`)).statusCode).toBe(200);
    const revoked = await owner.post(`/api/links/${link.id}/revoke`);
    expect(revoked.json().link.state).toBe('revoked');
    expect((await visit(t.app, `/x/${fresh}`)).statusCode).toBe(404);
    const again = await owner.post(`/api/links/${link.id}/reset`);
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toMatchObject({ code: 'invalid-input', field: 'id' });
  });
});
