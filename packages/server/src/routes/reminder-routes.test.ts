import { afterEach, describe, expect, test } from 'vitest';
import { asUser, createTestApp, type TestApp } from '../testing/test-app.ts';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/**
 * The owner (Berlin) met Robin at 20:00 local on 2026-03-28 and got their number: the first text is
 * due 2026-03-29 08:00 local (06:00Z), check-ins on Apr 1, 5, 10 and 17 at 18:30 local.
 */
async function start() {
  current = await createTestApp({ owner: { timeZone: 'Europe/Berlin', phoneRegion: 'DE' } });
  const owner = asUser(current.app, current.cookie);
  const encounter = (await owner.post('/api/encounters', { topics: ['jazz piano'] })).json().encounter.id;
  const outcome = await owner.post(`/api/encounters/${encounter}/outcome`, {
    outcome: 'gave-number',
    name: 'Robin',
    phone: '+491701234567',
  });
  const reminders = outcome.json().plan.reminders as { id: string; kind: string; dueAt: string }[];
  const list = async () => (await owner.get('/api/reminders')).json();
  return { ...current, owner, reminders, list, firstText: reminders[0]?.id as string };
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('reminders', () => {
  test("today, overdue and the next 14 days follow the account's time zone", async () => {
    const { clock, list, reminders, firstText } = await start();
    const [, checkIn, meetup, later] = reminders.map((r) => r.id);
    const evening = await list();
    expect(evening.today).toEqual([]);
    expect(ids(evening.upcoming)).toEqual([firstText, checkIn, meetup, later]);

    // 00:30 in Berlin on the 29th while it is still the 28th in UTC: the first text is due today.
    clock.set('2026-03-28T23:30:00.000Z');
    const night = await list();
    expect(ids(night.today)).toEqual([firstText]);
    expect(night.today[0]).toMatchObject({
      personName: 'Robin',
      kind: 'first-text',
      title: 'Text Robin',
      dueAt: '2026-03-29T06:00:00.000Z',
    });
    expect(night.today[0].draft).toContain('jazz piano');
    expect(night.today[0].coach).toMatchObject({ verdict: 'send', flags: [] });

    clock.set('2026-03-30T10:00:00.000Z');
    const next = await list();
    expect(ids(next.overdue)).toEqual([firstText]);
    expect(next.today).toEqual([]);
  });

  test('done takes a reminder off the list and keeps when it was first done', async () => {
    const { clock, list, owner, firstText } = await start();
    clock.set('2026-03-29T06:10:00.000Z');
    const done = await owner.post(`/api/reminders/${firstText}/done`);
    expect(done.statusCode).toBe(200);
    expect(done.json().reminder).toMatchObject({ id: firstText, doneAt: '2026-03-29T06:10:00.000Z' });
    clock.advance(60_000);
    expect((await owner.post(`/api/reminders/${firstText}/done`)).json().reminder.doneAt).toBe(
      '2026-03-29T06:10:00.000Z',
    );
    const after = await list();
    expect(
      [...after.overdue, ...after.today, ...after.upcoming].map((r: { id: string }) => r.id),
    ).not.toContain(firstText);
  });

  test('a snoozed reminder waits in upcoming until the snooze ends', async () => {
    const { clock, list, owner, firstText } = await start();
    clock.set('2026-03-30T10:00:00.000Z');
    const snoozed = await owner.post(`/api/reminders/${firstText}/snooze`, { hours: 2 });
    expect(snoozed.json().reminder.snoozedUntil).toBe('2026-03-30T12:00:00.000Z');
    const waiting = await list();
    expect(waiting.overdue).toEqual([]);
    expect(waiting.upcoming[0]).toMatchObject({ id: firstText, snoozedUntil: '2026-03-30T12:00:00.000Z' });

    clock.advance(3 * 60 * 60_000);
    expect(ids((await list()).overdue)).toEqual([firstText]);
    const until = await owner.post(`/api/reminders/${firstText}/snooze`, {
      until: '2026-03-31T09:00:00+02:00',
    });
    expect(until.json().reminder.snoozedUntil).toBe('2026-03-31T07:00:00.000Z');
  });

  test('bad snoozes name the field and change nothing', async () => {
    const { owner, firstText, list } = await start();
    const cases: [object, string][] = [
      [{}, 'until'],
      [{ hours: 2, until: '2026-04-01T10:00:00Z' }, 'until'],
      [{ until: '2026-03-01T10:00:00Z' }, 'until'],
      [{ until: 'tomorrow' }, 'until'],
      [{ hours: -1 }, 'hours'],
      [{ hours: 2, quietly: true }, 'quietly'],
    ];
    for (const [payload, field] of cases) {
      const response = await owner.post(`/api/reminders/${firstText}/snooze`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'invalid-input', field });
    }
    expect((await list()).upcoming[0]).toMatchObject({ id: firstText, snoozedUntil: null });
  });

  test("another account's reminder answers 404 and stays as it was", async () => {
    const { app, signUp, firstText, list } = await start();
    const stranger = asUser(app, await signUp('sam@example.org'));
    expect(await (await stranger.get('/api/reminders')).json()).toEqual({
      overdue: [],
      today: [],
      upcoming: [],
    });
    for (const response of [
      await stranger.post(`/api/reminders/${firstText}/done`),
      await stranger.post(`/api/reminders/${firstText}/snooze`, { hours: 5 }),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toEqual({ code: 'not-found', message: 'reminder not found' });
    }
    expect((await list()).upcoming[0]).toMatchObject({ id: firstText, snoozedUntil: null });
  });
});
