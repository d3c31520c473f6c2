import { afterEach, describe, expect, test } from 'vitest';
import { asUser, createTestApp, type TestApp } from '../testing/test-app.ts';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/** The owner met Robin at 20:00 in Berlin on 2026-03-28 and got their number. */
async function start() {
  current = await createTestApp({ owner: { timeZone: 'Europe/Berlin', phoneRegion: 'DE' } });
  const owner = asUser(current.app, current.cookie);
  const encounter = (await owner.post('/api/encounters', { topics: ['jazz piano'] })).json().encounter.id;
  const outcome = await owner.post(`/api/encounters/${encounter}/outcome`, {
    outcome: 'gave-number',
    name: 'Robin',
    phone: '+491701234567',
  });
  const robin = outcome.json().person.id as string;
  const log = (payload: object) => owner.post(`/api/people/${robin}/messages`, payload);
  return { ...current, owner, robin, log };
}

const kinds = (plan: { reminders: { kind: string }[] }) => plan.reminders.map((r) => r.kind);

describe('messages and the plan', () => {
  test('any contact resets the check-ins from that contact, so none fires the day after they talked', async () => {
    const { clock, log, owner, robin } = await start();
    const before = (await owner.get(`/api/people/${robin}/plan`)).json().plan;
    expect(before.reminders[1]).toMatchObject({ kind: 'check-in', dueAt: '2026-04-01T16:30:00.000Z' });

    clock.set('2026-03-31T10:00:00.000Z');
    const response = await log({ direction: 'received', text: 'Hey, it was fun!' });
    expect(response.statusCode).toBe(201);
    const { message, plan } = response.json();
    expect(message).toMatchObject({
      direction: 'received',
      at: '2026-03-31T10:00:00.000Z',
      text: 'Hey, it was fun!',
    });
    expect(plan).toMatchObject({
      status: 'active',
      unanswered: 0,
      lastContactAt: '2026-03-31T10:00:00.000Z',
    });
    expect(plan.firstMessage).toBeNull();
    // They wrote first: the first text is moot, and the next check-in is three days after their message.
    expect(kinds(plan)).toEqual(['check-in', 'suggest-meetup', 'check-in', 'check-in']);
    expect(plan.reminders[0].dueAt).toBe('2026-04-03T16:30:00.000Z');
  });

  test('a sent message completes the first text; 2 unanswered pause the plan, 3 stop it, a reply resumes it', async () => {
    const { clock, log } = await start();
    clock.set('2026-03-29T08:15:00.000Z');
    const first = (await log({ direction: 'sent', text: 'How was the rest of the gig?' })).json().plan;
    expect(first).toMatchObject({ status: 'active', unanswered: 1 });
    expect(kinds(first)).toEqual(['check-in', 'suggest-meetup', 'check-in', 'check-in']);

    clock.advance(24 * 60 * 60_000);
    const second = (await log({ direction: 'sent' })).json().plan;
    expect(second).toMatchObject({ status: 'paused', unanswered: 2, reminders: [] });
    const third = (await log({ direction: 'sent' })).json().plan;
    expect(third).toMatchObject({ status: 'stopped', unanswered: 3, reminders: [] });

    const reply = (await log({ direction: 'received' })).json().plan;
    expect(reply).toMatchObject({ status: 'active', unanswered: 0 });
    expect(kinds(reply)).toEqual(['check-in', 'suggest-meetup', 'check-in', 'check-in']);
  });

  test('a message logged late counts by when it was sent, and the list shows the newest first', async () => {
    const { clock, log, owner, robin } = await start();
    clock.set('2026-04-02T12:00:00.000Z');
    await log({ direction: 'received', at: '2026-03-30T18:00:00+02:00' });
    await log({ direction: 'sent', at: '2026-03-29T09:00:00Z' });
    const plan = (await owner.get(`/api/people/${robin}/plan`)).json().plan;
    expect(plan).toMatchObject({ unanswered: 0, lastContactAt: '2026-03-30T16:00:00.000Z' });
    // Check-ins planned from that contact that are already past are skipped, not made overdue.
    expect(plan.reminders.every((r: { dueAt: string }) => r.dueAt > '2026-04-02T12:00:00.000Z')).toBe(true);
    const messages = (await owner.get(`/api/people/${robin}/messages`)).json().messages;
    expect(messages.map((m: { at: string }) => m.at)).toEqual([
      '2026-03-30T16:00:00.000Z',
      '2026-03-29T09:00:00.000Z',
    ]);
    expect((await owner.get(`/api/people/${robin}/messages?limit=1&offset=1`)).json().messages).toHaveLength(
      1,
    );
  });

  test('bad input names the field and stores nothing', async () => {
    const { log, owner, robin } = await start();
    const cases: [object, string][] = [
      [{ direction: 'forwarded' }, 'direction'],
      [{ text: 'hi' }, 'direction'],
      [{ direction: 'sent', text: 'x'.repeat(2001) }, 'text'],
      [{ direction: 'sent', at: 'last tuesday' }, 'at'],
      [{ direction: 'sent', read: true }, 'read'],
    ];
    for (const [payload, field] of cases) {
      const response = await log(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'invalid-input', field });
    }
    expect((await owner.get(`/api/people/${robin}/messages`)).json().messages).toEqual([]);
    expect((await owner.get(`/api/people/${robin}/plan`)).json().plan.reminders).toHaveLength(5);
  });

  test("another account's person answers 404 and gains no message", async () => {
    const { app, signUp, owner, robin } = await start();
    const stranger = asUser(app, await signUp('sam@example.org'));
    for (const response of [
      await stranger.post(`/api/people/${robin}/messages`, { direction: 'sent' }),
      await stranger.get(`/api/people/${robin}/messages`),
      await stranger.get(`/api/people/${robin}/plan`),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toEqual({ code: 'not-found', message: 'person not found' });
    }
    expect((await owner.get(`/api/people/${robin}/messages`)).json().messages).toEqual([]);
  });
});

describe('the coach', () => {
  test('a draft that mentions the conversation and asks an open question can be sent', async () => {
    const { owner } = await start();
    const response = await owner.post('/api/coach', {
      text: 'Hey Robin! What did you think of the jazz piano set after I left?',
      theirName: 'Robin',
      topics: ['jazz piano'],
      hoursSinceMeeting: 14,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ verdict: 'send', flags: [] });
  });

  test('a bare greeting is flagged, with what to fix', async () => {
    const { owner } = await start();
    const body = (
      await owner.post('/api/coach', { text: 'hey', hoursSinceMeeting: 1, unanswered: 1 })
    ).json();
    expect(body.verdict).toBe('revise');
    expect(body.flags.map((flag: { code: string }) => flag.code)).toEqual([
      'generic',
      'no-shared-topic',
      'no-open-question',
      'too-soon',
      'double-text',
    ]);
  });

  test('bad input answers 400 naming the field', async () => {
    const { owner, app } = await start();
    const cases: [object, string][] = [
      [{ text: '   ' }, 'text'],
      [{}, 'text'],
      [{ text: 'hi', hoursSinceMeeting: -1 }, 'hoursSinceMeeting'],
      [{ text: 'hi', unanswered: 1.5 }, 'unanswered'],
      [{ text: 'hi', topics: [''] }, 'topics'],
      [{ text: 'hi', tone: 'warm' }, 'tone'],
      [{ text: 'x'.repeat(2001) }, 'text'],
    ];
    for (const [payload, field] of cases) {
      const response = await owner.post('/api/coach', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'invalid-input', field });
    }
    expect(
      (await app.inject({ method: 'POST', url: '/api/coach', payload: { text: 'hi' } })).statusCode,
    ).toBe(401);
  });
});
