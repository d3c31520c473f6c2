import { expect, test } from 'vitest';
import { createCard, createLink, visit } from '../exchange/exchange-test-kit.ts';
import { exchangeAppPerTest } from './exchange-app-per-test.ts';

/**
 * A phone extension is kept wherever a number is (E.164, then `;ext=` as in RFC 3966), shown as
 * "ext. 45", written into vCards and tel: links, and never silently dropped.
 */

const start = exchangeAppPerTest();

const consent = { kind: 'told-me-and-agreed' };

test('a number typed with an extension is stored with ;ext= and shown with "ext."', async () => {
  const { owner } = await start();
  const created = await owner.post('/api/people', {
    name: 'Dana Fox',
    phone: '+1 201 555 0123 ext. 45',
    consent,
  });
  expect(created.statusCode).toBe(201);
  expect(created.json().person).toMatchObject({
    phone: '+12015550123;ext=45',
    phoneDisplay: '+1 201 555 0123 ext. 45',
  });
  // The same line with another extension, or none, is someone else; the same extension is not.
  const other = await owner.post('/api/people', { name: 'Eli Fox', phone: '+1 201 555 0123 x46', consent });
  expect(other.json().person.phone).toBe('+12015550123;ext=46');
  const again = await owner.post('/api/people', {
    name: 'Dana F.',
    phone: '(+1) 201-555-0123;ext=45',
    consent,
  });
  expect(again.statusCode).toBe(409);
  expect(again.json().error.existingId).toBe(created.json().person.id);

  const vcard = await owner.get(`/api/people/${created.json().person.id}/vcard`);
  expect(vcard.body).toContain('\r\nTEL;VALUE=uri;TYPE=cell:tel:+12015550123;ext=45\r\n');
});

test('a vCard import keeps the extension of a tel URI and of a typed number', async () => {
  const { app, cookie, owner } = await start();
  const file =
    'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dana Fox\r\nTEL;VALUE=uri:tel:+1-201-555-0123;ext=45\r\nEND:VCARD\r\n' +
    'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eli Fox\r\nTEL;TYPE=WORK:+1 (201) 555-0199 ext 7\r\nEND:VCARD\r\n';
  const response = await app.inject({
    method: 'POST',
    url: '/api/people/import',
    headers: { cookie, 'content-type': 'text/vcard' },
    payload: file,
  });
  expect(response.json()).toMatchObject({ added: 2, skipped: [] });
  const people = (await owner.get('/api/people')).json().people as { name: string; phone: string }[];
  expect(people.map(({ name, phone }) => [name, phone]).sort()).toEqual([
    ['Dana Fox', '+12015550123;ext=45'],
    ['Eli Fox', '+12015550199;ext=7'],
  ]);
});

test('a card with an extension shows it on the public page with a tel: link that dials it', async () => {
  const { app, cookie, owner } = await start();
  const cardId = await createCard(app, cookie, {
    label: 'Office',
    name: 'Alex',
    phone: '+1 201 555 0123 ext. 45',
    shows: { phone: true },
  });
  const card = (await owner.get('/api/cards')).json().cards[0];
  expect(card).toMatchObject({
    id: cardId,
    phone: '+12015550123;ext=45',
    phoneDisplay: '+1 201 555 0123 ext. 45',
  });
  const link = await createLink(app, cookie, cardId);
  const page = await visit(app, `/x/${link.token}`);
  expect(page.body).toContain('<a href="tel:+12015550123;ext=45">+1 201 555 0123 ext. 45</a>');
});

test('WhatsApp cannot reach an extension: such a card is refused, naming the handle and the fix', async () => {
  const { owner } = await start();
  const response = await owner.post('/api/cards', {
    label: 'Office',
    phone: '+1 201 555 0123 ext. 45',
    handles: [{ platform: 'whatsapp' }],
  });
  expect(response.statusCode).toBe(400);
  expect(response.json().error).toMatchObject({ code: 'invalid-input', field: 'handles.0.platform' });
  expect(response.json().error.message).toMatch(/extension/);
  expect((await owner.get('/api/cards')).json().cards).toEqual([]);
});

test('a stranger sharing back a number with an extension is stored with it', async () => {
  const { app, cookie, owner } = await start();
  const link = await createLink(app, cookie, await createCard(app, cookie));
  const shared = await visit(app, `/x/${link.token}/share`, {
    form: { name: 'Fay Lin', phone: '+1 201 555 0188 ext. 9', consent: 'yes' },
  });
  expect(shared.statusCode).toBe(200);
  const people = (await owner.get('/api/people')).json().people;
  expect(people).toMatchObject([{ name: 'Fay Lin', phone: '+12015550188;ext=9' }]);
});
