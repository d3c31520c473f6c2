import type { FastifyInstance } from 'fastify';
import { afterEach, expect, test } from 'vitest';
import { createExchangeApp, type ExchangeApp } from '../exchange/exchange-test-kit.ts';
import { asUser, sessionCookie } from '../testing/test-app.ts';
import { scanFiles } from './scan-files.ts';

/**
 * Deleting a person or an account leaves none of their bytes in the SQLite file or its WAL once the
 * request has answered: each canary is typed in through the API, deleted through the API, and the
 * files are then read from outside the app, byte for byte, while the server still runs.
 */

let current: ExchangeApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

const filesOf = (t: ExchangeApp) => [t.sqliteFile, `${t.sqliteFile}-wal`];

async function addPerson(app: FastifyInstance, cookie: string, canary: string, phone: string) {
  const created = await asUser(app, cookie).post('/api/people', {
    name: `Person ${canary}`,
    phone,
    notes: `notes ${canary}`,
    howMet: `met ${canary}`,
    consent: { kind: 'told-me-and-agreed' },
  });
  expect(created.statusCode).toBe(201);
  const person = created.json().person as { id: string };
  // An encounter is the owner's own record: it stays, unlinked from the deleted person.
  const encounter = await asUser(app, cookie).post('/api/encounters', {
    place: 'Café Einstein',
    personId: person.id,
  });
  expect(encounter.statusCode).toBe(201);
  return person.id;
}

test('a deleted person leaves no byte of their name, phone or notes in the database file or its WAL', async () => {
  const t = await createExchangeApp();
  current = t;
  const gone = await addPerson(t.app, t.cookie, 'qv7-gone-canary', '+49 1512 7770101');
  await addPerson(t.app, t.cookie, 'qv7-kept-control', '+49 1512 7770202');
  const needles = ['qv7-gone-canary', '+4915127770101'];
  // The control: before the delete, the same scan finds the canary, so the scan can see.
  const before = scanFiles(filesOf(t), needles);

  expect((await asUser(t.app, t.cookie).delete(`/api/people/${gone}`)).statusCode).toBe(204);
  const after = scanFiles(filesOf(t), needles);
  const control = scanFiles(filesOf(t), ['qv7-kept-control', '+4915127770202']);
  console.log(
    JSON.stringify({
      test: 'erased-person-bytes',
      bytesScanned: after.bytes,
      hitsBefore: before.hits.length,
      hitsAfter: after.hits.length,
      controlHits: control.hits.length,
    }),
  );
  expect(before.hits.length).toBeGreaterThan(0);
  expect(control.hits.length).toBeGreaterThan(0);
  expect(after.hits).toEqual([]);
});

test('a deleted account leaves no byte of its email, name, card or people in the database file or its WAL', async () => {
  const t = await createExchangeApp();
  current = t;
  const email = 'qv8-account-canary@example.org';
  const password = 'correct horse battery';
  const signUp = await t.app.inject({
    method: 'POST',
    url: '/api/accounts',
    payload: { email, password, name: 'Name qv8-account-canary', phoneRegion: 'DE' },
  });
  expect(signUp.statusCode).toBe(202);
  const session = await t.app.inject({ method: 'POST', url: '/api/sessions', payload: { email, password } });
  const cookie = sessionCookie(session.headers['set-cookie']);
  const card = await asUser(t.app, cookie).post('/api/cards', {
    label: 'Full',
    name: 'Card qv8-card-canary',
    phone: '+49 1512 8880303',
    note: 'note qv8-card-canary',
    shows: { phone: true },
  });
  expect(card.statusCode).toBe(201);
  await addPerson(t.app, cookie, 'qv8-person-canary', '+49 1512 8880404');
  const needles = [
    'qv8-account-canary',
    'qv8-card-canary',
    'qv8-person-canary',
    '+4915128880303',
    '+4915128880404',
  ];
  const before = scanFiles(filesOf(t), needles);

  expect((await asUser(t.app, cookie).delete('/api/account')).statusCode).toBe(204);
  const after = scanFiles(filesOf(t), needles);
  const owner = await asUser(t.app, t.cookie).get('/api/settings');
  console.log(
    JSON.stringify({
      test: 'erased-account-bytes',
      bytesScanned: after.bytes,
      hitsBefore: before.hits.length,
      hitsAfter: after.hits.length,
    }),
  );
  expect(before.hits.length).toBeGreaterThanOrEqual(needles.length);
  expect(owner.statusCode).toBe(200);
  expect(after.hits).toEqual([]);
});
