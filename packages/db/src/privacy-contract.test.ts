import { describe, expect, test } from 'vitest';
import type { PersonId } from './ids.ts';
import { createTestAccount, forEachStore, type OpenedStore, useOpenedStore } from './testing/store-suites.ts';

const NOW = '2026-03-28T19:00:00.000Z';
let serial = 0;
const personId = () => `person-${++serial}-${Math.random().toString(36).slice(2)}` as PersonId;

const person = (name: string, phone: string | null) => ({
  id: personId(),
  name,
  phone,
  handles: [],
  howMet: null,
  whereMet: null,
  metThroughId: null,
  notes: null,
  consent: { kind: 'told-me-and-agreed' as const, at: NOW },
  now: NOW,
});

forEachStore((name: string, open: () => Promise<OpenedStore>) => {
  describe(`privacy contract: ${name}`, () => {
    const opened = useOpenedStore(open);

    test('a number with an extension is kept whole and matched whole: another extension is another person', async () => {
      const store = opened();
      const account = await createTestAccount(store);
      const dana = person('Dana Fox', '+12015550123;ext=45');
      expect((await store.people.create(account.id, dana)).ok).toBe(true);
      expect((await store.people.get(account.id, dana.id))?.phone).toBe('+12015550123;ext=45');
      expect(await store.people.findByPhone(account.id, '+12015550123;ext=45')).toBe(dana.id);
      expect(await store.people.findByPhone(account.id, '+12015550123')).toBeUndefined();
      const eli = person('Eli Fox', '+12015550123;ext=46');
      expect((await store.people.create(account.id, eli)).ok).toBe(true);
      const found = await store.people.findByPhones(account.id, ['+12015550123;ext=46']);
      expect(found.map((each) => each.id)).toEqual([eli.id]);
    });

    test('after a delete, erasing answers that nothing was kept from it, and the rest stays', async () => {
      const store = opened();
      const account = await createTestAccount(store);
      const gone = person('Gone Person', null);
      const kept = person('Kept Person', null);
      await store.people.create(account.id, gone);
      await store.people.create(account.id, kept);
      expect(await store.people.delete(account.id, gone.id)).toBe(true);
      expect(await store.eraseDeleted()).toBe(true);
      expect(await store.people.get(account.id, gone.id)).toBeUndefined();
      expect((await store.people.get(account.id, kept.id))?.name).toBe('Kept Person');
    });
  });
});
