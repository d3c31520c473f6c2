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
  const owner = asUser(current.app, current.cookie);
  const encounter = async (payload: object = { place: 'Café Kosmos', topics: ['jazz piano'] }) =>
    (await owner.post('/api/encounters', payload)).json().encounter.id as string;
  const person = async (payload: object = {}) =>
    (
      await owner.post('/api/people', { name: 'Robin', consent: { kind: 'told-me-and-agreed' }, ...payload })
    ).json().person.id as string;
  return { ...current, owner, encounter, person };
}

const GAVE_NUMBER = { outcome: 'gave-number', name: 'Robin Park', phone: '0170 1234567', approach: 'direct' };

describe('the outcome of an ask', () => {
  test('a number they gave adds them with their consent, links the encounter and plans the first text', async () => {
    const { owner, clock, encounter } = await start();
    const id = await encounter();
    await owner.post(`/api/encounters/${id}/cues`, { cues: [{ cue: 'laughing', minute: 8 }] });
    clock.advance(20 * MINUTE);
    const response = await owner.post(`/api/encounters/${id}/outcome`, {
      ...GAVE_NUMBER,
      reason: 'continue',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.person).toMatchObject({
      name: 'Robin Park',
      phone: '+491701234567',
      whereMet: 'Café Kosmos',
      consent: { kind: 'told-me-and-agreed', at: '2026-03-28T19:20:00.000Z' },
      askStatus: null,
      canAskAgain: true,
    });
    expect(body.encounter).toMatchObject({
      personId: body.person.id,
      outcome: 'gave-number',
      outcomeAt: '2026-03-28T19:20:00.000Z',
      ask: { minute: 20, approach: 'direct', reason: 'continue' },
    });
    // Met 20:20 in Berlin + 3 hours falls in quiet hours: 08:00 the next morning, the first day of summer time.
    expect(body.plan).toMatchObject({ status: 'active', unanswered: 0, lastContactAt: null });
    expect(body.plan.firstMessage.suggested).toBe('2026-03-29T08:00:00+02:00');
    const [first, ...cadence] = body.plan.reminders;
    expect(first).toMatchObject({
      kind: 'first-text',
      title: 'Text Robin Park',
      dueAt: '2026-03-29T06:00:00.000Z',
    });
    expect(first.draft).toContain('jazz piano');
    expect(cadence.map((r: { kind: string }) => r.kind)).toEqual([
      'check-in',
      'suggest-meetup',
      'check-in',
      'check-in',
    ]);
    expect(body.reflection).toMatchObject({
      outcome: 'gave-number',
      line: "Great, thank you! I'll text you.",
    });
  });

  test('recording again replaces the outcome and its plan, never doubling people or reminders', async () => {
    const { owner, encounter } = await start();
    const id = await encounter();
    const first = (await owner.post(`/api/encounters/${id}/outcome`, GAVE_NUMBER)).json();
    const again = await owner.post(`/api/encounters/${id}/outcome`, { ...GAVE_NUMBER, minute: 25 });
    expect(again.json().person.id).toBe(first.person.id);
    expect(again.json().encounter.ask.minute).toBe(25);
    const plan = (await owner.get(`/api/people/${first.person.id}/plan`)).json().plan;
    expect(plan.reminders).toHaveLength(5);
    expect((await owner.get('/api/people')).json().people).toHaveLength(1);

    const declined = await owner.post(`/api/encounters/${id}/outcome`, { outcome: 'declined' });
    expect(declined.json()).toMatchObject({
      plan: null,
      person: { askStatus: 'declined', canAskAgain: false },
    });
    expect((await owner.get(`/api/people/${first.person.id}/plan`)).json().plan.reminders).toEqual([]);
  });

  test('a number I already have links that person instead of adding a second one', async () => {
    const { owner, encounter, person } = await start();
    const existing = await person({ name: 'Robin P.', phone: '+49 170 1234567' });
    const id = await encounter();
    const response = await owner.post(`/api/encounters/${id}/outcome`, GAVE_NUMBER);
    expect(response.json().person).toMatchObject({ id: existing, name: 'Robin P.' });
    expect(response.json().encounter.personId).toBe(existing);
    expect((await owner.get('/api/people')).json().people).toHaveLength(1);
  });

  test('a handle they gave adds them with it, and the encounter’s person gets the number they had not', async () => {
    const { owner, encounter, person } = await start();
    const social = await owner.post(`/api/encounters/${await encounter()}/outcome`, {
      outcome: 'connected-social',
      name: 'Kim',
      handle: { platform: 'instagram', handle: '@kim.draws' },
    });
    expect(social.json().person).toMatchObject({
      name: 'Kim',
      phone: null,
      handles: [{ handle: 'kim.draws' }],
    });
    expect(social.json().plan.reminders[0].kind).toBe('first-text');

    const known = await person({ name: 'Alex' });
    const id = await encounter({ personId: known });
    const linked = await owner.post(`/api/encounters/${id}/outcome`, {
      outcome: 'gave-number',
      phone: '+4915112345678',
    });
    expect(linked.json().person).toMatchObject({ id: known, name: 'Alex', phone: '+4915112345678' });
  });

  test('a decline goes into their consent record; without a linked person nothing about them is stored', async () => {
    const { owner, encounter, person } = await start();
    const robin = await person();
    const id = await encounter({ personId: robin });
    await owner.post(`/api/encounters/${id}/cues`, { cues: [{ cue: 'checking-phone', minute: 2 }] });
    const response = await owner.post(`/api/encounters/${id}/outcome`, { outcome: 'declined', minute: 3 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      plan: null,
      person: { id: robin, askStatus: 'declined', canAskAgain: false },
    });
    expect(response.json().reflection.line).toBe('No worries, maybe another time.');
    expect(response.json().reflection.questions.map((q: { id: string }) => q.id)).toEqual([
      'too-strong',
      'enough-rapport',
      'boundaries',
    ]);
    expect((await owner.get(`/api/people/${robin}`)).json().person.canAskAgain).toBe(false);

    const stranger = await owner.post(`/api/encounters/${await encounter()}/outcome`, {
      outcome: 'declined',
    });
    expect(stranger.json().person).toBeNull();
    expect((await owner.get('/api/people')).json().people).toHaveLength(1);
  });

  test('"another time" leaves the door open', async () => {
    const { owner, encounter, person } = await start();
    const robin = await person();
    const response = await owner.post(`/api/encounters/${await encounter({ personId: robin })}/outcome`, {
      outcome: 'another-time',
    });
    expect(response.json().person).toMatchObject({ askStatus: 'another-time', canAskAgain: true });
  });

  test('bad input names the field, and nothing is recorded or stored', async () => {
    const { owner, encounter } = await start();
    const id = await encounter();
    const cases: [object, string][] = [
      [{ outcome: 'maybe' }, 'outcome'],
      [{ outcome: 'declined', phone: '+491701234567' }, 'phone'],
      [{ outcome: 'not-asked', name: 'Robin' }, 'name'],
      [{ outcome: 'took-mine', handle: { platform: 'x', handle: 'robin' } }, 'handle'],
      [{ outcome: 'gave-number', name: 'Robin' }, 'phone'],
      [{ outcome: 'gave-number', name: 'Robin', phone: '12' }, 'phone'],
      [{ outcome: 'gave-number', phone: '+491701234567' }, 'name'],
      [{ outcome: 'connected-social', name: 'Robin' }, 'handle'],
      [
        { outcome: 'connected-social', name: 'Robin', handle: { platform: 'x', handle: 'no spaces!' } },
        'handle.handle',
      ],
      [{ outcome: 'connected-social', handle: { platform: 'myspace', handle: 'r' } }, 'handle.platform'],
      [{ outcome: 'declined', approach: 'shouting' }, 'approach'],
      [{ outcome: 'declined', minute: -3 }, 'minute'],
      [{ outcome: 'declined', why: 'busy' }, 'why'],
    ];
    for (const [payload, field] of cases) {
      const response = await owner.post(`/api/encounters/${id}/outcome`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'invalid-input', field });
    }
    expect((await owner.get(`/api/encounters/${id}`)).json().encounter).toMatchObject({
      outcome: null,
      personId: null,
    });
    expect((await owner.get('/api/people')).json().people).toEqual([]);
    expect((await owner.get('/api/reminders')).json()).toEqual({ overdue: [], today: [], upcoming: [] });
  });
});

describe('reflection', () => {
  test('a private reflection is kept only after an outcome, and the latest one counts', async () => {
    const { owner, encounter, signUp, app } = await start();
    const id = await encounter();
    const early = await owner.post(`/api/encounters/${id}/reflection`, { answers: { boundaries: 'yes' } });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.field).toBe('outcome');
    expect((await owner.get(`/api/encounters/${id}/reflection`)).statusCode).toBe(404);

    await owner.post(`/api/encounters/${id}/outcome`, { outcome: 'declined' });
    const bad = await owner.post(`/api/encounters/${id}/reflection`, { answers: { mood: 'sad' } });
    expect(bad.json().error).toMatchObject({ code: 'invalid-input', field: 'answers.mood' });
    const long = await owner.post(`/api/encounters/${id}/reflection`, {
      answers: { boundaries: 'x'.repeat(2001) },
    });
    expect(long.json().error.field).toBe('answers.boundaries');

    const first = await owner.post(`/api/encounters/${id}/reflection`, {
      answers: { 'too-strong': 'a little', 'enough-rapport': 'not really' },
      note: 'ask later next time',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().reflection).toMatchObject({ outcome: 'declined', note: 'ask later next time' });
    await owner.post(`/api/encounters/${id}/reflection`, { answers: { boundaries: 'I did' } });
    const kept = (await owner.get(`/api/encounters/${id}/reflection`)).json().reflection;
    expect(kept).toMatchObject({ answers: { boundaries: 'I did' }, note: null });

    const stranger = asUser(app, await signUp('sam@example.org'));
    expect((await stranger.get(`/api/encounters/${id}/reflection`)).statusCode).toBe(404);
  });
});
