import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PersonId } from './ids.ts';
import type { PersonFields } from './people-store.ts';
import type { Store } from './store.ts';
import { createTestAccount, forEachStore, TEST_ACCOUNT_SETTINGS } from './testing/store-suites.ts';

const NOW = '2026-03-28T19:00:00.000Z';
let sequence = 0;
const newId = <T extends string>(prefix: string) =>
  `${prefix}-${++sequence}-${Math.random().toString(36).slice(2)}` as T;

function fields(overrides: Partial<PersonFields> = {}): PersonFields {
  return {
    name: 'Jordan',
    phone: null,
    handles: [],
    howMet: null,
    whereMet: null,
    metThroughId: null,
    notes: null,
    ...overrides,
  };
}

const newAccount = (store: Store, email?: string) => createTestAccount(store, email);

/** One contract, run against every store: the same behaviour on SQLite and PostgreSQL. */
function storeContract(name: string, open: () => Promise<{ store: Store; done: () => Promise<void> }>) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ store, done } = await open());
    });
    afterAll(async () => {
      await store.close();
      await done();
    });

    test('the first account is the owner, later ones are members, and an email is taken once', async () => {
      const first = await store.accounts.count();
      const a = await newAccount(store, `${newId('a')}@example.org`);
      const b = await newAccount(store);
      if (first === 0) expect(a.role).toBe('owner');
      expect(b.role).toBe('member');
      expect(
        await store.accounts.create({
          id: newId('x'),
          email: b.email,
          passwordHash: 'h',
          settings: TEST_ACCOUNT_SETTINGS,
          now: NOW,
        }),
      ).toBeUndefined();
      expect((await store.accounts.get(b.id))?.settings).toEqual(TEST_ACCOUNT_SETTINGS);
    });

    test('the same E.164 twice answers the existing person, per account', async () => {
      const a = await newAccount(store);
      const b = await newAccount(store);
      const consent = { kind: 'told-me-and-agreed' as const, at: NOW };
      const first = await store.people.create(a.id, {
        ...fields({ phone: '+4917012345678' }),
        id: newId<PersonId>('p'),
        consent,
        now: NOW,
      });
      expect(first.ok).toBe(true);
      const again = await store.people.create(a.id, {
        ...fields({ name: 'J.', phone: '+4917012345678' }),
        id: newId<PersonId>('p'),
        consent,
        now: NOW,
      });
      expect(again).toEqual({ ok: false, existingId: first.ok ? first.person.id : '' });
      const otherAccount = await store.people.create(b.id, {
        ...fields({ phone: '+4917012345678' }),
        id: newId<PersonId>('p'),
        consent,
        now: NOW,
      });
      expect(otherAccount.ok).toBe(true);
    });

    test('every read and write is scoped to its owner', async () => {
      const a = await newAccount(store);
      const b = await newAccount(store);
      const created = await store.people.create(a.id, {
        ...fields({ name: 'Sam Secret' }),
        id: newId<PersonId>('p'),
        consent: { kind: 'imported', at: NOW },
        now: NOW,
      });
      if (!created.ok) throw new Error('not created');
      const id = created.person.id;
      expect(await store.people.get(b.id, id)).toBeUndefined();
      expect(await store.people.list(b.id, { search: 'secret', limit: 10, offset: 0 })).toEqual([]);
      expect(await store.people.update(b.id, id, fields({ name: 'Hijacked' }), NOW)).toBeUndefined();
      expect(await store.people.delete(b.id, id)).toBe(false);
      expect((await store.people.get(a.id, id))?.name).toBe('Sam Secret');
    });

    test('name search is case-insensitive, treats % and _ literally, and is sorted', async () => {
      const a = await newAccount(store);
      for (const name of ['Zoë Adler', 'adam Smith', 'Ada_Lovelace', 'Bob 100%']) {
        await store.people.create(a.id, {
          ...fields({ name }),
          id: newId<PersonId>('p'),
          consent: { kind: 'imported', at: NOW },
          now: NOW,
        });
      }
      const names = async (search: string) =>
        (await store.people.list(a.id, { search, limit: 10, offset: 0 })).map((p) => p.name);
      expect(await names('AD')).toEqual(['Ada_Lovelace', 'adam Smith', 'Zoë Adler']);
      expect(await names('a_l')).toEqual(['Ada_Lovelace']);
      expect(await names('100%')).toEqual(['Bob 100%']);
    });

    test('merge keeps one person, fills its gaps and moves the other’s links', async () => {
      const a = await newAccount(store);
      const consent = { kind: 'imported' as const, at: NOW };
      const keep = await store.people.create(a.id, {
        ...fields({ name: 'Jo', handles: [{ platform: 'instagram', handle: 'jo' }] }),
        id: newId<PersonId>('p'),
        consent,
        now: NOW,
      });
      const other = await store.people.create(a.id, {
        ...fields({
          name: 'Joanna',
          phone: '+4915112345678',
          notes: 'likes jazz',
          handles: [{ platform: 'x', handle: 'joanna' }],
        }),
        id: newId<PersonId>('p'),
        consent,
        now: NOW,
      });
      if (!keep.ok || !other.ok) throw new Error('not created');
      const merged = await store.transaction((stores) =>
        stores.people.merge(a.id, keep.person.id, other.person.id, NOW),
      );
      expect(merged).toMatchObject({ name: 'Jo', phone: '+4915112345678', notes: 'likes jazz' });
      expect(merged?.handles).toEqual([
        { platform: 'instagram', handle: 'jo' },
        { platform: 'x', handle: 'joanna' },
      ]);
      expect(await store.people.get(a.id, other.person.id)).toBeUndefined();
    });

    test('a failed transaction leaves nothing behind', async () => {
      const a = await newAccount(store);
      const id = newId<PersonId>('p');
      await expect(
        store.transaction(async (stores) => {
          await stores.people.create(a.id, {
            ...fields(),
            id,
            consent: { kind: 'imported', at: NOW },
            now: NOW,
          });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.people.get(a.id, id)).toBeUndefined();
    });

    test('sessions expire when idle or too old, and deleting an account removes everything of it', async () => {
      const a = await newAccount(store);
      await store.credentials.createSession({
        tokenHash: `h-${a.id}`,
        accountId: a.id,
        now: NOW,
        expiresAt: '2026-04-28T00:00:00.000Z',
      });
      expect(await store.credentials.useSession(`h-${a.id}`, NOW, '2026-03-28T00:00:00.000Z')).toBe(a.id);
      expect(
        await store.credentials.useSession(
          `h-${a.id}`,
          '2026-05-01T00:00:00.000Z',
          '2026-04-30T00:00:00.000Z',
        ),
      ).toBeUndefined();
      await store.people.create(a.id, {
        ...fields(),
        id: newId<PersonId>('p'),
        consent: { kind: 'imported', at: NOW },
        now: NOW,
      });
      expect(await store.accounts.delete(a.id)).toBe(true);
      expect(await store.accounts.get(a.id)).toBeUndefined();
      expect(await store.people.list(a.id, { limit: 10, offset: 0 })).toEqual([]);
    });
  });
}

forEachStore(storeContract);
