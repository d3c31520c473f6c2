import { afterEach, describe, expect, test } from 'vitest';
import { asUser, createTestApp, type TestApp } from '../testing/test-app.ts';

const MINUTE = 60_000;
let current: TestApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function start() {
  current = await createTestApp({ owner: { timeZone: 'Europe/Berlin', phoneRegion: 'DE' } });
  return { ...current, owner: asUser(current.app, current.cookie) };
}

describe('encounters', () => {
  test('an encounter starts now in the opening phase, and the list shows the newest first', async () => {
    const { owner } = await start();
    const created = await owner.post('/api/encounters', { place: 'Café Kosmos', topics: ['jazz piano'] });
    expect(created.statusCode).toBe(201);
    expect(created.json().encounter).toMatchObject({
      place: 'Café Kosmos',
      startedAt: '2026-03-28T19:00:00.000Z',
      phase: 'opening',
      topics: ['jazz piano'],
      personId: null,
      ask: null,
      outcome: null,
      cues: [],
    });
    const older = await owner.post('/api/encounters', {
      startedAt: '2026-03-20T18:30:00+01:00',
      phase: 'flowing',
    });
    expect(older.json().encounter.startedAt).toBe('2026-03-20T17:30:00.000Z');
    const list = await owner.get('/api/encounters?limit=10');
    expect(list.json().encounters.map((e: { id: string }) => e.id)).toEqual([
      created.json().encounter.id,
      older.json().encounter.id,
    ]);
    expect((await owner.get('/api/encounters?limit=1&offset=1')).json().encounters).toHaveLength(1);
  });

  test('the advice follows the cues tapped, the phase and the minutes passed, and undo takes a tap back', async () => {
    const { owner, clock } = await start();
    const { id } = (await owner.post('/api/encounters', {})).json().encounter;
    expect((await owner.get(`/api/encounters/${id}/advice`)).json().verdict).toBe('wait');

    clock.advance(12 * MINUTE);
    await owner.patch(`/api/encounters/${id}`, { phase: 'flowing' });
    const tapped = await owner.post(`/api/encounters/${id}/cues`, {
      cues: [{ cue: 'laughing' }, { cue: 'questions-back' }, { cue: 'laughing' }],
    });
    expect(tapped.statusCode).toBe(200);
    expect(
      tapped.json().encounter.cues.map((c: { cue: string; minute: number }) => [c.cue, c.minute]),
    ).toEqual([
      ['laughing', 12],
      ['questions-back', 12],
      ['laughing', 12],
    ]);
    expect(tapped.json().advice.verdict).toBe('ask-now');
    expect(tapped.json().advice.reasons.map((r: { id: string }) => r.id)).toEqual([
      'rapport-flowing',
      'laughing',
      'questions-back',
    ]);

    const uneasy = await owner.post(`/api/encounters/${id}/cues`, {
      cues: [{ cue: 'uncomfortable', minute: 13 }],
    });
    expect(uneasy.json().advice.verdict).toBe('let-it-be');
    const undone = await owner.delete(`/api/encounters/${id}/cues/last`);
    expect(undone.json()).toMatchObject({
      undone: { cue: 'uncomfortable', minute: 13 },
      advice: { verdict: 'ask-now' },
    });
    expect((await owner.get(`/api/encounters/${id}`)).json().encounter.cues).toHaveLength(3);
  });

  test('undo with nothing tapped changes nothing', async () => {
    const { owner } = await start();
    const { id } = (await owner.post('/api/encounters', {})).json().encounter;
    const undone = await owner.delete(`/api/encounters/${id}/cues/last`);
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({ undone: null, encounter: { cues: [] } });
  });

  test('a change keeps the fields it does not name, and links one of my people', async () => {
    const { owner } = await start();
    const { id } = (await owner.post('/api/encounters', { place: 'Park', topics: ['kites'] })).json()
      .encounter;
    const person = await owner.post('/api/people', {
      name: 'Robin',
      consent: { kind: 'told-me-and-agreed' },
    });
    const personId = person.json().person.id;
    const patched = await owner.patch(`/api/encounters/${id}`, { personId, phase: 'winding-down' });
    expect(patched.json().encounter).toMatchObject({
      personId,
      phase: 'winding-down',
      place: 'Park',
      topics: ['kites'],
    });
    const cleared = await owner.patch(`/api/encounters/${id}`, { place: null, personId: null });
    expect(cleared.json().encounter).toMatchObject({ personId: null, place: null, topics: ['kites'] });
  });

  test('bad input answers 400 naming the field, and stores nothing', async () => {
    const { owner, signUp, app } = await start();
    const { id } = (await owner.post('/api/encounters', { place: 'Bar' })).json().encounter;
    const stranger = asUser(app, await signUp('sam@example.org'));
    const theirs = await stranger.post('/api/people', {
      name: 'Kim',
      consent: { kind: 'told-me-and-agreed' },
    });
    const cases: [string, string, object, string][] = [
      ['POST', '/api/encounters', { place: 'Bar', mood: 'great' }, 'mood'],
      ['POST', '/api/encounters', { phase: 'dancing' }, 'phase'],
      ['POST', '/api/encounters', { startedAt: 'yesterday' }, 'startedAt'],
      ['POST', '/api/encounters', { topics: Array.from({ length: 21 }, () => 'x') }, 'topics'],
      ['POST', '/api/encounters', { place: 'x'.repeat(201) }, 'place'],
      ['POST', '/api/encounters', { personId: theirs.json().person.id }, 'personId'],
      ['PATCH', `/api/encounters/${id}`, { phase: 'late' }, 'phase'],
      ['PATCH', `/api/encounters/${id}`, { startedAt: '2026-03-28T19:00:00Z' }, 'startedAt'],
      ['POST', `/api/encounters/${id}/cues`, { cues: [] }, 'cues'],
      ['POST', `/api/encounters/${id}/cues`, { cues: [{ cue: 'winking' }] }, 'cues.0.cue'],
      ['POST', `/api/encounters/${id}/cues`, { cues: [{ cue: 'smiling', minute: -1 }] }, 'cues.0.minute'],
    ];
    for (const [method, url, payload, field] of cases) {
      const response = await (method === 'POST' ? owner.post(url, payload) : owner.patch(url, payload));
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'invalid-input', field });
    }
    expect((await owner.get('/api/encounters')).json().encounters).toHaveLength(1);
    expect((await owner.get(`/api/encounters/${id}`)).json().encounter).toMatchObject({
      phase: 'opening',
      cues: [],
    });
    expect((await owner.get('/api/encounters?limit=0')).statusCode).toBe(400);
  });

  test("another account's encounter answers 404 to every route and stays as it was", async () => {
    const { owner, signUp, app } = await start();
    const { id } = (await owner.post('/api/encounters', { place: 'Bar' })).json().encounter;
    await owner.post(`/api/encounters/${id}/cues`, { cues: [{ cue: 'smiling' }] });
    const stranger = asUser(app, await signUp('sam@example.org'));
    const attempts = [
      stranger.get(`/api/encounters/${id}`),
      stranger.get(`/api/encounters/${id}/advice`),
      stranger.patch(`/api/encounters/${id}`, { phase: 'winding-down' }),
      stranger.post(`/api/encounters/${id}/cues`, { cues: [{ cue: 'uncomfortable' }] }),
      stranger.delete(`/api/encounters/${id}/cues/last`),
      stranger.post(`/api/encounters/${id}/outcome`, { outcome: 'declined' }),
      stranger.post(`/api/encounters/${id}/reflection`, { answers: {} }),
      stranger.get(`/api/encounters/${id}/reflection`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toEqual({ code: 'not-found', message: 'encounter not found' });
    }
    expect((await stranger.get('/api/encounters')).json().encounters).toEqual([]);
    expect((await owner.get(`/api/encounters/${id}`)).json().encounter).toMatchObject({
      phase: 'opening',
      outcome: null,
      cues: [{ cue: 'smiling' }],
    });
  });

  test('without a session every encounter route answers 401', async () => {
    const { app } = await start();
    const response = await app.inject({ method: 'POST', url: '/api/encounters', payload: {} });
    expect(response.statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/encounters' })).statusCode).toBe(401);
  });
});
