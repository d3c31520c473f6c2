import { afterEach, describe, expect, test } from 'vitest';
import { asUser, createTestApp, type TestApp } from '../testing/test-app.ts';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function start() {
  current = await createTestApp({ owner: { timeZone: 'Europe/Berlin', phoneRegion: 'DE' } });
  const owner = asUser(current.app, current.cookie);
  const ask = async (cues: { cue: string; minute: number }[], outcome: object) => {
    const id = (await owner.post('/api/encounters', { topics: ['jazz piano'] })).json().encounter.id;
    if (cues.length > 0) await owner.post(`/api/encounters/${id}/cues`, { cues });
    return (await owner.post(`/api/encounters/${id}/outcome`, outcome)).json();
  };
  return { ...current, owner, ask };
}

const bucket = (buckets: { bucket: string; asks: number; accepted: number }[], name: string) =>
  buckets.find((entry) => entry.bucket === name);

describe('insights', () => {
  test('with nothing logged, the summary says so', async () => {
    const { owner } = await start();
    const summary = (await owner.get('/api/insights')).json();
    expect(summary).toMatchObject({ asks: 0, accepted: 0, rate: null, followUp: { due: 0, onTime: 0 } });
    expect(summary.findings[0].topic).toBe('sample');
  });

  test('my asks by minutes, by positive cues before the ask and by approach, and follow-ups kept', async () => {
    const { owner, ask, clock, signUp, app } = await start();
    const robin = await ask(
      [
        { cue: 'smiling', minute: 5 },
        { cue: 'laughing', minute: 9 },
        { cue: 'smiling', minute: 10 },
        { cue: 'questions-back', minute: 12 },
        { cue: 'leaning-in', minute: 30 },
      ],
      { outcome: 'gave-number', minute: 20, name: 'Robin', phone: '+491701234567' },
    );
    await ask([{ cue: 'checking-phone', minute: 1 }], { outcome: 'declined', minute: 3, approach: 'offer' });
    await ask([], { outcome: 'not-asked' });

    // The first text (due 2026-03-29 08:00 Berlin) is sent an hour late; the next check-in is missed.
    clock.set('2026-03-29T07:00:00.000Z');
    await owner.post(`/api/people/${robin.person.id}/messages`, { direction: 'sent' });
    clock.set('2026-04-04T12:00:00.000Z');

    const summary = (await owner.get('/api/insights')).json();
    expect(summary).toMatchObject({
      asks: 2,
      accepted: 1,
      rate: 0.5,
      followUp: { due: 2, onTime: 1, adherence: 0.5 },
    });
    expect(bucket(summary.byMinutes, 'under 5 minutes')).toMatchObject({ asks: 1, accepted: 0 });
    expect(bucket(summary.byMinutes, '15–29 minutes')).toMatchObject({ asks: 1, accepted: 1 });
    expect(bucket(summary.byPositiveCues, 'no positive cues')).toMatchObject({ asks: 1, accepted: 0 });
    expect(bucket(summary.byPositiveCues, '3–4 positive cues')).toMatchObject({ asks: 1, accepted: 1 });
    expect(bucket(summary.byApproach, 'direct')).toMatchObject({ asks: 1, accepted: 1 });
    expect(bucket(summary.byApproach, 'offer')).toMatchObject({ asks: 1, accepted: 0 });

    const stranger = asUser(app, await signUp('sam@example.org'));
    expect((await stranger.get('/api/insights')).json()).toMatchObject({ asks: 0, followUp: { due: 0 } });
  });
});
