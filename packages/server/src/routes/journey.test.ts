import { afterEach, expect, test } from 'vitest';
import { asUser, createTestApp, type TestApp } from '../testing/test-app.ts';

const MINUTE = 60_000;
let current: TestApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

test('from "I just met someone" to a plan that gives them space when they stop answering', async () => {
  current = await createTestApp({
    now: '2026-05-15T17:00:00.000Z',
    owner: {
      timeZone: 'Europe/Berlin',
      phoneRegion: 'DE',
      quietHours: '23:00-08:00',
      firstTextDelayHours: 2,
    },
  });
  const { clock } = current;
  const me = asUser(current.app, current.cookie);

  // 19:00 in Berlin, at a gallery opening.
  const started = await me.post('/api/encounters', { place: 'Galerie Nord', topics: ['street photography'] });
  const encounter = started.json().encounter.id;
  expect((await me.get(`/api/encounters/${encounter}/advice`)).json().verdict).toBe('wait');

  clock.advance(15 * MINUTE);
  await me.patch(`/api/encounters/${encounter}`, { phase: 'flowing' });
  const cues = await me.post(`/api/encounters/${encounter}/cues`, {
    cues: [{ cue: 'smiling' }, { cue: 'shared-interest' }, { cue: 'questions-back' }],
  });
  expect(cues.json().advice.verdict).toBe('ask-now');

  clock.advance(3 * MINUTE);
  const outcome = await me.post(`/api/encounters/${encounter}/outcome`, {
    outcome: 'gave-number',
    approach: 'direct',
    reason: 'continue',
    name: 'Noor',
    phone: '0151 23456789',
  });
  expect(outcome.statusCode).toBe(200);
  const { person, plan } = outcome.json();
  expect(person).toMatchObject({
    name: 'Noor',
    phone: '+4915123456789',
    consent: { kind: 'told-me-and-agreed', at: '2026-05-15T17:18:00.000Z' },
    canAskAgain: true,
  });
  const firstText = plan.reminders[0];
  // Asked at 19:18 local; two hours later is 21:18, rounded to 21:30.
  expect(firstText).toMatchObject({ kind: 'first-text', dueAt: '2026-05-15T19:30:00.000Z' });
  expect(firstText.draft).toContain('street photography');
  const due = (await me.get('/api/reminders')).json();
  expect(due.today.map((r: { id: string }) => r.id)).toEqual([firstText.id]);
  // A delay of 2 hours is my setting; the coach still holds the guide's "at least 3 hours".
  expect(due.today[0].coach.flags.map((flag: { code: string }) => flag.code)).toEqual(['too-soon']);

  clock.set('2026-05-15T19:35:00.000Z');
  const sent = await me.post(`/api/people/${person.id}/messages`, {
    direction: 'sent',
    text: firstText.draft,
  });
  const reset = sent.json().plan;
  expect(reset).toMatchObject({ status: 'active', unanswered: 1, firstMessage: null });
  expect(reset.reminders.map((r: { kind: string }) => r.kind)).toEqual([
    'check-in',
    'suggest-meetup',
    'check-in',
    'check-in',
  ]);
  expect(reset.reminders[0].dueAt > '2026-05-18T00:00:00.000Z').toBe(true);

  clock.set('2026-05-18T16:30:00.000Z');
  const second = (await me.post(`/api/people/${person.id}/messages`, { direction: 'sent' })).json().plan;
  expect(second).toMatchObject({ status: 'paused', unanswered: 2, reminders: [] });
  clock.set('2026-05-22T16:30:00.000Z');
  const third = (await me.post(`/api/people/${person.id}/messages`, { direction: 'sent' })).json().plan;
  expect(third).toMatchObject({ status: 'stopped', unanswered: 3, reminders: [] });
  const nothingDue = (await me.get('/api/reminders')).json();
  expect([...nothingDue.overdue, ...nothingDue.today, ...nothingDue.upcoming]).toEqual([]);

  // Another evening, someone else says no: it is kept in their consent record.
  const other = await me.post('/api/people', { name: 'Jo', consent: { kind: 'told-me-and-agreed' } });
  const evening = (await me.post('/api/encounters', { personId: other.json().person.id })).json().encounter
    .id;
  const declined = await me.post(`/api/encounters/${evening}/outcome`, { outcome: 'declined' });
  expect(declined.json().reflection.line).toBe('No worries, maybe another time.');
  const jo = (await me.get(`/api/people/${other.json().person.id}`)).json().person;
  expect(jo).toMatchObject({ askStatus: 'declined', canAskAgain: false });
});
