import { describe, expect, test } from 'vitest';
import type { PersonId } from './ids.ts';
import { createTestAccount, forEachStore, useOpenedStore } from './testing/store-suites.ts';

const NOW = '2026-03-28T19:00:00.000Z';

/**
 * A long write (a big import yields to the event loop between its batches) never holds up reads
 * outside it: they answer at once with the last committed data, and see the write once it commits.
 */
forEachStore((name, open) => {
  describe(`reads during a write, on ${name}`, () => {
    const store = useOpenedStore(open);

    test('a read outside an open transaction answers before it commits, with what was committed', async () => {
      const account = await createTestAccount(store());
      const person = (id: string, personName: string) => ({
        id: id as PersonId,
        name: personName,
        phone: null,
        handles: [],
        howMet: null,
        whereMet: null,
        metThroughId: null,
        notes: null,
        consent: { kind: 'imported' as const, at: NOW },
        now: NOW,
      });
      await store().people.create(account.id, person(`kept-${crypto.randomUUID()}`, 'Already here'));
      let letCommit: () => void = () => undefined;
      const mayCommit = new Promise<void>((resolve) => {
        letCommit = resolve;
      });
      let inside: () => void = () => undefined;
      const written = new Promise<void>((resolve) => {
        inside = resolve;
      });
      const writing = store().transaction(async (stores) => {
        await stores.people.create(account.id, person(`new-${crypto.randomUUID()}`, 'Being written'));
        inside();
        await mayCommit;
      });
      await written;
      let readAnswered = false;
      const reading = store()
        .people.list(account.id, { limit: 10, offset: 0 })
        .then((people) => {
          readAnswered = true;
          return people;
        });
      // The write holds its transaction open until the read has answered (or a second has passed).
      const answeredInTime = await Promise.race([
        reading.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000)),
      ]);
      letCommit();
      await writing;
      expect(answeredInTime).toBe(true);
      expect(readAnswered).toBe(true);
      expect((await reading).map((p) => p.name)).toEqual(['Already here']);
      const after = await store().people.list(account.id, { limit: 10, offset: 0 });
      expect(after.map((p) => p.name).sort()).toEqual(['Already here', 'Being written']);
    });
  });
});
