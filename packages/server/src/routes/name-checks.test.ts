import { expect, test } from 'vitest';
import { createCard, createLink, visit } from '../exchange/exchange-test-kit.ts';
import { exchangeAppPerTest } from './exchange-app-per-test.ts';

/**
 * A name made only of invisible characters, or carrying a text-direction override, is refused on
 * every path that writes one: 400 naming the field and saying what to do, nothing stored.
 */

const INVISIBLE = '\u200B\u3164\u200B';
const OVERRIDE = 'Ana \u202Eziur\u202C';

const start = exchangeAppPerTest();

function expectRefused(response: { statusCode: number; json(): unknown }, field: string, says: RegExp) {
  expect(response.statusCode).toBe(400);
  const { error } = response.json() as { error: { code: string; field: string; message: string } };
  expect(error).toMatchObject({ code: 'invalid-input', field });
  expect(error.message).toMatch(says);
}

test('people: adding or renaming someone to an invisible or direction-reversed name is refused', async () => {
  const { owner } = await start();
  const consent = { kind: 'told-me-and-agreed' };
  expectRefused(await owner.post('/api/people', { name: INVISIBLE, consent }), 'name', /visible letter/);
  expectRefused(await owner.post('/api/people', { name: OVERRIDE, consent }), 'name', /text-direction/);
  const kept = await owner.post('/api/people', { name: 'Ana Ruiz', consent });
  expect(kept.statusCode).toBe(201);
  const id = kept.json().person.id;
  expectRefused(await owner.patch(`/api/people/${id}`, { name: OVERRIDE }), 'name', /U\+202A/);
  const people = (await owner.get('/api/people')).json().people;
  expect(people.map((person: { name: string }) => person.name)).toEqual(['Ana Ruiz']);
});

test('cards and account settings refuse such a name for me too', async () => {
  const { owner } = await start();
  expectRefused(await owner.post('/api/cards', { label: 'Full', name: INVISIBLE }), 'name', /visible/);
  expectRefused(await owner.post('/api/cards', { label: 'Full', name: OVERRIDE }), 'name', /direction/);
  expectRefused(await owner.patch('/api/settings', { name: OVERRIDE }), 'name', /direction/);
  expect((await owner.get('/api/cards')).json().cards).toEqual([]);
  expect((await owner.get('/api/settings')).json().account.settings.name).toBe('Alex');
});

test('an outcome that adds them to my people refuses such a name', async () => {
  const { owner } = await start();
  const encounter = (await owner.post('/api/encounters', { place: 'Café' })).json().encounter;
  const outcome = await owner.post(`/api/encounters/${encounter.id}/outcome`, {
    outcome: 'gave-number',
    name: INVISIBLE,
    phone: '+49 1512 3456789',
  });
  expectRefused(outcome, 'name', /visible/);
  expect((await owner.get('/api/people')).json().people).toEqual([]);
});

test('a stranger sharing back under such a name is told what to fix, and nothing is stored', async () => {
  const { app, cookie, owner } = await start();
  const link = await createLink(app, cookie, await createCard(app, cookie));
  for (const [name, says] of [
    [INVISIBLE, 'visible letter'],
    [OVERRIDE, 'text-direction'],
  ] as const) {
    const response = await visit(app, `/x/${link.token}/share`, {
      form: { name, phone: '+44 7911 123456', consent: 'yes' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(says);
  }
  expect((await owner.get('/api/people')).json().people).toEqual([]);
});

test('a vCard import reports a card with such a name as a problem and stores the others', async () => {
  const { app, cookie, owner } = await start();
  const card = (name: string, phone: string) =>
    `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nTEL:${phone}\r\nEND:VCARD\r\n`;
  const file =
    card(INVISIBLE, '+49 1512 1110001') +
    card('Ben Okoro', '+49 1512 1110002') +
    card(OVERRIDE, '+49 1512 1110003');
  const response = await app.inject({
    method: 'POST',
    url: '/api/people/import',
    headers: { cookie, 'content-type': 'text/vcard' },
    payload: file,
  });
  expect(response.statusCode).toBe(200);
  const summary = response.json();
  expect(summary.added).toBe(1);
  expect(summary.skipped).toEqual([
    { index: 0, reason: expect.stringMatching(/^card 1: .*visible letter/) },
    { index: 2, reason: expect.stringMatching(/^card 3: .*text-direction/) },
  ]);
  const people = (await owner.get('/api/people')).json().people;
  expect(people.map((person: { name: string }) => person.name)).toEqual(['Ben Okoro']);
});
