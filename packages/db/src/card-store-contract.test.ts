import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CardFields, CardId } from './card-store.ts';
import type { Store } from './store.ts';
import { createTestAccount, forEachStore } from './testing/store-suites.ts';

const NOW = '2026-03-28T19:00:00.000Z';
const LATER = '2026-03-29T08:30:00.000Z';
let sequence = 0;
const newId = <T extends string>(prefix: string) => `${prefix}-${++sequence}` as T;

const FULL: CardFields = {
  label: 'Full',
  name: 'Alex Kim',
  phone: '+4917012345678',
  email: 'alex@example.org',
  note: 'jazz piano',
  handles: [
    { platform: 'instagram', handle: 'alex.kim' },
    { platform: 'whatsapp', handle: '+4917012345678' },
  ],
  shows: { name: true, phone: false, email: false, note: true, handles: ['instagram'] },
};

const newAccount = async (store: Store) => (await createTestAccount(store)).id;

/** The card store's contract, the same on SQLite and PostgreSQL. */
function cardStoreContract(name: string, open: () => Promise<{ store: Store; done: () => Promise<void> }>) {
  describe(`card store: ${name}`, () => {
    let store: Store;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ store, done } = await open());
    });
    afterAll(async () => {
      await store.close();
      await done();
    });

    test('a card reads back as written, and lists in the order made', async () => {
      const owner = await newAccount(store);
      const full = await store.cards.create(owner, { ...FULL, id: newId<CardId>('card'), now: NOW });
      expect(full).toEqual({ ...FULL, id: full.id, createdAt: NOW, updatedAt: NOW });
      const insta = await store.cards.create(owner, {
        ...FULL,
        label: 'Just Instagram',
        phone: null,
        handles: [FULL.handles[0] ?? { platform: 'instagram', handle: 'alex.kim' }],
        id: newId<CardId>('card'),
        now: LATER,
      });
      expect((await store.cards.list(owner)).map((card) => card.label)).toEqual(['Full', 'Just Instagram']);
      expect(await store.cards.get(owner, insta.id)).toEqual(insta);
    });

    test('an update changes only the fields given', async () => {
      const owner = await newAccount(store);
      const card = await store.cards.create(owner, { ...FULL, id: newId<CardId>('card'), now: NOW });
      const shows = { ...FULL.shows, phone: true };
      const updated = await store.cards.update(owner, card.id, { note: null, shows }, LATER);
      expect(updated).toEqual({ ...card, note: null, shows, updatedAt: LATER });
    });

    test("another account's card is not found, not changed and not deleted", async () => {
      const owner = await newAccount(store);
      const other = await newAccount(store);
      const card = await store.cards.create(owner, { ...FULL, id: newId<CardId>('card'), now: NOW });
      expect(await store.cards.get(other, card.id)).toBeUndefined();
      expect(await store.cards.list(other)).toEqual([]);
      expect(await store.cards.update(other, card.id, { label: 'Mine now' }, LATER)).toBeUndefined();
      expect(await store.cards.delete(other, card.id)).toBe(false);
      expect(await store.cards.get(owner, card.id)).toEqual(card);
      expect(await store.cards.delete(owner, card.id)).toBe(true);
      expect(await store.cards.get(owner, card.id)).toBeUndefined();
    });
  });
}

forEachStore(cardStoreContract);
