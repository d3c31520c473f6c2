import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type ConsentApp, forBothStores } from './consent-test-kit.ts';

/**
 * A stranger never writes into an existing person: a share-back whose number or handle matches
 * someone in the book is kept apart for the owner to review. A blocked person's share-back stores
 * nothing and tells nobody; the visitor sees the ordinary thank-you.
 */
forBothStores((storeName, open) => {
  describe(`share-backs that match someone, on ${storeName}`, () => {
    let t: ConsentApp;
    beforeAll(async () => {
      t = await open();
    });
    afterAll(async () => {
      await t?.close();
    });

    const personRow = async (id: string) => (await t.query('SELECT * FROM people WHERE id = ?', [id]))[0];
    const consentRows = async (id: string) =>
      (await t.query('SELECT kind, fields FROM consent_events WHERE person_id = ?', [id])).length;
    const reviews = async () => (await t.api('GET', '/api/share-backs')).body.shareBacks as Review[];

    test('the same number as a declined person changes nothing of theirs and waits for review', async () => {
      const dana = await t.addPerson({
        name: 'Dana Decliner',
        phone: '+49 170 5551001',
        handles: [{ platform: 'instagram', handle: 'dana.real' }],
        notes: 'Met at the book club',
      });
      await t.meet(dana, { outcome: 'declined' });
      const before = await personRow(dana);
      const consentBefore = await consentRows(dana);
      const eventsBefore = t.events.length;

      const answer = await t.shareBack(await t.newLink(), {
        name: 'Mallory',
        phone: '+49 170 5551001',
        platform: 'instagram',
        handle: 'mallory.fake',
        note: 'call me any time',
      });
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toContain('Thank you');

      expect(await personRow(dana)).toEqual(before);
      expect(await consentRows(dana)).toBe(consentBefore);
      const waiting = (await reviews()).filter((review) => review.sameAs?.personId === dana);
      expect(waiting).toHaveLength(1);
      expect(waiting[0]).toMatchObject({
        name: 'Mallory',
        sameAs: { name: 'Dana Decliner', match: 'phone' },
      });
      await vi.waitFor(() => expect(t.events.length).toBe(eventsBefore + 1));
      expect(t.events.at(-1)).toMatchObject({
        type: 'shared-back-review',
        message: 'Mallory shared back — same number as Dana Decliner: merge?',
      });
    });

    test('the same handle waits for review too, and merging it keeps the decline and the limits', async () => {
      const notes = 'n'.repeat(4990);
      const kai = await t.addPerson({
        name: 'Kai Handle',
        handles: [{ platform: 'instagram', handle: 'kai.known' }],
        notes,
      });
      await t.meet(kai, { outcome: 'declined' });
      const before = await personRow(kai);
      for (let round = 0; round < 3; round++) {
        const answer = await t.shareBack(await t.newLink(), {
          name: `Kai ${round}`,
          platform: 'instagram',
          handle: 'kai.known',
          note: `note ${round} `.repeat(40),
        });
        expect(answer.statusCode).toBe(200);
      }
      expect(await personRow(kai)).toEqual(before);
      const waiting = (await reviews()).filter((review) => review.sameAs?.personId === kai);
      expect(waiting.map((review) => review.sameAs?.match)).toEqual(['handle', 'handle', 'handle']);

      for (const review of waiting) {
        const merged = await t.api('POST', `/api/share-backs/${review.id}/merge`);
        expect(merged.status).toBe(200);
      }
      const after = (await t.api('GET', `/api/people/${kai}`)).body.person;
      expect(after.askStatus).toBe('declined');
      expect(after.notes.length).toBeLessThanOrEqual(5000);
      expect(after.notes.startsWith(notes)).toBe(true);
      expect((await reviews()).filter((review) => review.sameAs?.personId === kai)).toEqual([]);
    });

    test('a review can be dismissed: nothing of it stays', async () => {
      const lee = await t.addPerson({ name: 'Lee Dismiss', phone: '+49 170 5551002' });
      await t.shareBack(await t.newLink(), { name: 'Not Lee', phone: '+49 170 5551002' });
      const [review] = (await reviews()).filter((item) => item.sameAs?.personId === lee);
      expect((await t.api('DELETE', `/api/share-backs/${review?.id}`)).status).toBe(204);
      expect((await reviews()).some((item) => item.id === review?.id)).toBe(false);
      expect(await t.query('SELECT id FROM share_back_reviews WHERE id = ?', [review?.id])).toEqual([]);
    });

    test("a blocked person's number or handle through any of my links stores nothing and tells nobody", async () => {
      const blocked = await t.addPerson({
        name: 'Blocked Bea',
        phone: '+49 170 5551003',
        handles: [{ platform: 'x', handle: 'blockedbea' }],
      });
      expect((await t.api('POST', '/api/blocks', { personId: blocked })).status).toBe(201);
      const tables = ['people', 'share_back_reviews', 'consent_events', 'exchange_links', 'reminders'];
      const snapshot = async () =>
        Promise.all(
          tables.map(async (table) => JSON.stringify(await t.query(`SELECT * FROM ${table} ORDER BY id`))),
        );
      const token = await t.newLink();
      const ordinary = await t.shareBack(await t.newLink(), {
        name: 'Someone New',
        phone: '+49 170 5551999',
      });
      const before = await snapshot();
      const eventsBefore = t.events.length;

      const byPhone = await t.shareBack(token, { name: 'Bea', phone: '0170 5551003' });
      const byHandle = await t.shareBack(token, { name: 'Bea', platform: 'x', handle: '@BlockedBea' });
      for (const answer of [byPhone, byHandle]) {
        expect(answer.statusCode).toBe(200);
        expect(answer.body).toBe(ordinary.body);
      }
      expect(await snapshot()).toEqual(before);
      // A share-back after them is told: theirs were not, and events keep their order.
      await t.shareBack(token, { name: 'Later Visitor', phone: '+49 170 5551998' });
      await vi.waitFor(() => expect(t.events.length).toBe(eventsBefore + 1));
      expect(t.events.at(-1)).toMatchObject({ type: 'shared-back', name: 'Later Visitor' });
    });
  });
});

interface Review {
  id: string;
  name: string;
  sameAs: { personId: string; name: string; match: 'phone' | 'handle' } | null;
}
