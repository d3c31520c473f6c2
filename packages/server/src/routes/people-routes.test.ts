import { afterEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function start() {
  current = await createTestApp({ owner: { timeZone: 'Europe/Berlin', phoneRegion: 'DE' } });
  const { app, cookie } = current;
  const post = (payload: object) =>
    app.inject({ method: 'POST', url: '/api/people', headers: { cookie }, payload });
  return { ...current, post };
}

const JORDAN = { name: 'Jordan Lee', phone: '0170 1234567', consent: { kind: 'told-me-and-agreed' } };

describe('people', () => {
  test('a number is stored in E.164 and shown in the national format of my region', async () => {
    const { post } = await start();
    const created = await post({
      ...JORDAN,
      handles: [{ platform: 'instagram', handle: '@jordan.lee' }],
      howMet: 'queue at the jazz club',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().person).toMatchObject({
      name: 'Jordan Lee',
      phone: '+491701234567',
      phoneDisplay: '0170 1234567',
      handles: [{ platform: 'instagram', handle: 'jordan.lee', url: 'https://instagram.com/jordan.lee' }],
      consent: { kind: 'told-me-and-agreed' },
      canAskAgain: true,
    });
  });

  test('the same number twice answers 409 with the existing id', async () => {
    const { post } = await start();
    const first = await post(JORDAN);
    const again = await post({ ...JORDAN, name: 'J', phone: '+49 170 1234567' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({
      error: {
        code: 'phone-taken',
        message: 'you already have a person with this phone number',
        field: 'phone',
        existingId: first.json().person.id,
      },
    });
  });

  test('bad input names the field and stores nothing', async () => {
    const { post, app, cookie } = await start();
    const cases: [object, string][] = [
      [{ ...JORDAN, phone: '12' }, 'phone'],
      [{ ...JORDAN, name: '' }, 'name'],
      [{ ...JORDAN, consent: { kind: 'shared-via-link' } }, 'consent.kind'],
      [{ ...JORDAN, handles: [{ platform: 'instagram', handle: 'not a handle!' }] }, 'handles.0.handle'],
      [{ ...JORDAN, handles: [{ platform: 'myspace', handle: 'tom' }] }, 'handles.0.platform'],
      [{ ...JORDAN, favouriteColour: 'teal' }, 'favouriteColour'],
      [{ name: 'No consent' }, 'consent'],
    ];
    for (const [payload, field] of cases) {
      const response = await post(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'invalid-input', field });
    }
    const list = await app.inject({ method: 'GET', url: '/api/people', headers: { cookie } });
    expect(list.json().people).toEqual([]);
  });

  test('search by name, update, and delete', async () => {
    const { post, app, cookie } = await start();
    await post({ name: 'Ada Lovelace', consent: { kind: 'introduced' } });
    const jordan = (await post(JORDAN)).json().person;
    const search = await app.inject({ method: 'GET', url: '/api/people?search=LOVE', headers: { cookie } });
    expect(search.json().people.map((p: { name: string }) => p.name)).toEqual(['Ada Lovelace']);
    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/people/${jordan.id}`,
      headers: { cookie },
      payload: { notes: 'plays jazz piano' },
    });
    expect(updated.json().person).toMatchObject({
      notes: 'plays jazz piano',
      phone: '+491701234567',
      consent: { kind: 'told-me-and-agreed' },
    });
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/people/${jordan.id}`, headers: { cookie } }))
        .statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: `/api/people/${jordan.id}`, headers: { cookie } })).statusCode,
    ).toBe(404);
  });

  test('merge keeps one person with the other’s number and notes', async () => {
    const { post, app, cookie } = await start();
    const keep = (await post({ name: 'Jo', consent: { kind: 'told-me-and-agreed' } })).json().person;
    const other = (await post({ ...JORDAN, notes: 'met at the jazz club' })).json().person;
    const merged = await app.inject({
      method: 'POST',
      url: '/api/people/merge',
      headers: { cookie },
      payload: { keep: keep.id, other: other.id },
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().person).toMatchObject({
      id: keep.id,
      name: 'Jo',
      phone: '+491701234567',
      notes: 'met at the jazz club',
    });
    const same = await app.inject({
      method: 'POST',
      url: '/api/people/merge',
      headers: { cookie },
      payload: { keep: keep.id, other: keep.id },
    });
    expect(same.json().error).toMatchObject({ code: 'invalid-input', field: 'other' });
  });

  test('a client-chosen id makes a retried create answer the same person', async () => {
    const { post, app, cookie } = await start();
    const id = '0b9c5a56-7f0e-4c43-9d0e-1c2b3a4d5e6f';
    expect((await post({ ...JORDAN, id })).statusCode).toBe(201);
    const retry = await post({ ...JORDAN, id });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().person.id).toBe(id);
    expect(
      (await app.inject({ method: 'GET', url: '/api/people', headers: { cookie } })).json().people,
    ).toHaveLength(1);
  });

  test('another account sees none of it: 404, never 403', async () => {
    const { post, app, signUp } = await start();
    const jordan = (await post(JORDAN)).json().person;
    const other = await signUp('sam@example.org');
    for (const method of ['GET', 'DELETE'] as const) {
      expect(
        (await app.inject({ method, url: `/api/people/${jordan.id}`, headers: { cookie: other } }))
          .statusCode,
      ).toBe(404);
    }
    expect(
      (await app.inject({ method: 'GET', url: '/api/people', headers: { cookie: other } })).json().people,
    ).toEqual([]);
  });
});
