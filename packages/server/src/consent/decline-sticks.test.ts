import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConsentApp, forBothStores } from './consent-test-kit.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Once a person declined, on any encounter, nothing plans, reminds, drafts or suggests asking them
 * (Today, the calendar feed, their plan) until the owner records an outcome that gives contact again.
 */
forBothStores((storeName, open) => {
  describe(`a decline sticks, on ${storeName}`, () => {
    let t: ConsentApp;
    beforeAll(async () => {
      t = await open();
    });
    afterAll(async () => {
      await t?.close();
    });

    /** Everything that could nudge the owner about this person: Today, the feed, their plan. */
    const nudgesAbout = async (personId: string, name: string) => {
      const due = await t.api('GET', '/api/reminders');
      const onToday = [...due.body.overdue, ...due.body.today, ...due.body.upcoming].filter(
        (reminder: { personId: string | null }) => reminder.personId === personId,
      );
      const feed = await t.feed();
      const { plan } = (await t.api('GET', `/api/people/${personId}/plan`)).body;
      const stored = await t.query('SELECT id FROM reminders WHERE person_id = ? AND done_at IS NULL', [
        personId,
      ]);
      return { onToday: onToday.length, inFeed: feed.includes(name), plan, stored: stored.length };
    };

    test('reminders left from an earlier encounter go, and nothing new is planned after a decline', async () => {
      const dana = await t.addPerson({ name: 'Dana Earlier', phone: '+49 170 5550001' });
      await t.meet(dana, { outcome: 'gave-number' });
      const before = await nudgesAbout(dana, 'Dana Earlier');
      expect(before.stored).toBeGreaterThan(0);
      expect(before.inFeed).toBe(true);

      // A later encounter: they said no. The first encounter's first text and check-ins must go too.
      await t.meet(dana, { outcome: 'declined' });
      t.clock.advance(3 * DAY_MS);
      const after = await nudgesAbout(dana, 'Dana Earlier');
      expect(after).toMatchObject({ onToday: 0, inFeed: false, stored: 0 });
      expect(after.plan.status).toBe('declined');
      expect(after.plan.firstMessage).toBeNull();
      expect(after.plan.reminders).toEqual([]);

      // Logging a message (they wrote, or I did) plans nothing while the decline stands.
      const logged = await t.api('POST', `/api/people/${dana}/messages`, { direction: 'received' });
      expect(logged.status).toBe(201);
      expect(logged.body.plan.status).toBe('declined');
      expect(await nudgesAbout(dana, 'Dana Earlier')).toMatchObject({ onToday: 0, inFeed: false, stored: 0 });
    });

    test('meeting them again, the moment advisor never suggests asking', async () => {
      const jo = await t.addPerson({ name: 'Jo Again' });
      await t.meet(jo, { outcome: 'declined' });
      const encounter = await t.meet(jo);
      await t.api('PATCH', `/api/encounters/${encounter}`, { phase: 'flowing' });
      t.clock.advance(20 * 60_000);
      const tapped = await t.api('POST', `/api/encounters/${encounter}/cues`, {
        cues: [{ cue: 'laughing' }, { cue: 'questions-back' }, { cue: 'eye-contact' }],
      });
      expect(tapped.body.advice.verdict).toBe('let-it-be');
      expect(tapped.body.advice.reasons[0].id).toBe('they-declined');
      const advice = await t.api('GET', `/api/encounters/${encounter}/advice`);
      expect(advice.body.verdict).toBe('let-it-be');
    });

    test('"another time" recorded later does not soften a decline', async () => {
      const ola = await t.addPerson({ name: 'Ola Later', phone: '+49 170 5550003' });
      await t.meet(ola, { outcome: 'declined' });
      await t.meet(ola, { outcome: 'another-time' });
      const person = (await t.api('GET', `/api/people/${ola}`)).body.person;
      expect(person.askStatus).toBe('declined');
      expect((await t.api('GET', `/api/people/${ola}/plan`)).body.plan.status).toBe('declined');
    });

    test('a new outcome that gives contact again lifts the decline', async () => {
      const sam = await t.addPerson({ name: 'Sam Again', phone: '+49 170 5550002' });
      await t.meet(sam, { outcome: 'declined' });
      expect((await nudgesAbout(sam, 'Sam Again')).stored).toBe(0);
      await t.meet(sam, { outcome: 'gave-number' });
      const person = (await t.api('GET', `/api/people/${sam}`)).body.person;
      expect(person.askStatus).toBeNull();
      const after = await nudgesAbout(sam, 'Sam Again');
      expect(after.stored).toBeGreaterThan(0);
      expect(after.plan.status).toBe('active');
    });

    test('merging keeps the strictest status: a decline survives a merge either way round', async () => {
      for (const keepDecliner of [false, true]) {
        const decliner = await t.addPerson({ name: `Robin No ${keepDecliner}` });
        await t.meet(decliner, { outcome: 'declined' });
        const other = await t.addPerson({
          name: `Robin Yes ${keepDecliner}`,
          phone: `+49 170 555001${keepDecliner ? 1 : 0}`,
        });
        await t.meet(other, { outcome: 'gave-number' });
        const [keep, merged] = keepDecliner ? [decliner, other] : [other, decliner];
        const answer = await t.api('POST', '/api/people/merge', { keep, other: merged });
        expect(answer.status).toBe(200);
        expect(answer.body.person.askStatus).toBe('declined');
        expect(answer.body.person.canAskAgain).toBe(false);
        const after = await nudgesAbout(keep, answer.body.person.name);
        expect(after).toMatchObject({ onToday: 0, inFeed: false, stored: 0 });
        expect(after.plan.status).toBe('declined');
      }
    });

    test('"another time" outranks nothing in a merge, and a decline outranks "another time"', async () => {
      const later = await t.addPerson({ name: 'Kim Later' });
      await t.meet(later, { outcome: 'another-time' });
      const fresh = await t.addPerson({ name: 'Kim Fresh' });
      const merged = await t.api('POST', '/api/people/merge', { keep: fresh, other: later });
      expect(merged.body.person.askStatus).toBe('another-time');
      const decliner = await t.addPerson({ name: 'Kim No' });
      await t.meet(decliner, { outcome: 'declined' });
      const again = await t.api('POST', '/api/people/merge', { keep: fresh, other: decliner });
      expect(again.body.person.askStatus).toBe('declined');
    });
  });
});
