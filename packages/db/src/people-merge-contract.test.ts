import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BlockId } from './block-store.ts';
import type { AccountId, CardId, ExchangeLinkId, PersonId } from './ids.ts';
import { type IntroductionId, isIntroductionOpen } from './introduction.ts';
import type { Store } from './store.ts';
import { createTestAccount, forEachStore } from './testing/store-suites.ts';

const NOW = '2026-03-28T19:00:00.000Z';
const MERGED_AT = '2026-03-30T10:00:00.000Z';
const REVEAL_UNTIL = '2026-04-29T19:00:00.000Z';
const EXPIRES = '2026-04-11T19:00:00.000Z';
let sequence = 0;
const newId = <T extends string>(prefix: string) =>
  `${prefix}-${++sequence}-${Math.random().toString(36).slice(2)}` as T;

/** What a merge moves besides the timeline: introductions, blocks, and the links they shared back through. */
function mergeContract(name: string, open: () => Promise<{ store: Store; done: () => Promise<void> }>) {
  describe(`people merge: ${name}`, () => {
    let store: Store;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ store, done } = await open());
    });
    afterAll(async () => {
      await store.close();
      await done();
    });

    const person = async (accountId: AccountId, name: string): Promise<PersonId> => {
      const created = await store.people.create(accountId, {
        name,
        phone: null,
        handles: [],
        howMet: null,
        whereMet: null,
        metThroughId: null,
        notes: null,
        id: newId<PersonId>('p'),
        consent: { kind: 'told-me-and-agreed', at: NOW },
        now: NOW,
      });
      if (!created.ok) throw new Error('person not created');
      return created.person.id;
    };
    const introduce = async (accountId: AccountId, a: PersonId, b: PersonId) => {
      const tokenAHash = newId('hash-a');
      const intro = await store.introductions.create(accountId, {
        id: newId<IntroductionId>('intro'),
        personAId: a,
        personBId: b,
        note: null,
        tokenAHash,
        tokenBHash: newId('hash-b'),
        expiresAt: EXPIRES,
        now: NOW,
      });
      return { id: intro.id, tokenAHash };
    };
    const acceptBoth = async (id: IntroductionId) => {
      for (const side of ['a', 'b'] as const) {
        await store.transaction((stores) =>
          stores.introductions.accept(id, side, {
            shares: ['name'],
            reveal: { name: 'Someone', phone: null, handles: [] },
            now: NOW,
            revealUntil: REVEAL_UNTIL,
            consentIds: [newId('consent'), newId('consent')],
          }),
        );
      }
    };
    /** A reusable link that `personId` shared back through. */
    const sharedBackLink = async (accountId: AccountId, personId: PersonId) => {
      const card = await store.cards.create(accountId, {
        id: newId<CardId>('card'),
        label: newId('Card'),
        name: 'Alex',
        phone: null,
        email: null,
        note: null,
        handles: [],
        shows: { name: true, phone: false, email: false, note: false, handles: [] },
        now: NOW,
      });
      const tokenHash = newId('link-hash');
      const link = await store.exchangeLinks.create(accountId, {
        id: newId<ExchangeLinkId>('link'),
        cardId: card.id,
        encounterId: null,
        tokenHash,
        oneTime: false,
        expiresAt: EXPIRES,
        now: NOW,
      });
      await store.transaction(async (stores) => {
        await stores.exchangeLinks.claimShareBack(tokenHash, NOW);
        await stores.exchangeLinks.recordShareBack(accountId, {
          linkId: link.id,
          personId,
          consentId: newId('consent'),
          fields: ['name'],
          now: NOW,
        });
      });
      return { id: link.id, tokenHash };
    };
    const merge = (accountId: AccountId, keep: PersonId, other: PersonId) =>
      store.transaction((stores) => stores.people.merge(accountId, keep, other, MERGED_AT));

    test("the other's introductions, on either side, and the links they shared back through move to the kept person", async () => {
      const { id: owner } = await createTestAccount(store);
      const [keep, other, third, fourth] = [
        await person(owner, 'Jo'),
        await person(owner, 'Joanna'),
        await person(owner, 'Sam'),
        await person(owner, 'Robin'),
      ];
      const asA = await introduce(owner, other, third);
      const asB = await introduce(owner, fourth, other);
      await acceptBoth(asB.id);
      const link = await sharedBackLink(owner, other);

      expect(await merge(owner, keep, other)).toMatchObject({ id: keep, name: 'Jo' });

      expect(await store.introductions.get(owner, asA.id)).toMatchObject({
        personAId: keep,
        personBId: third,
        state: 'pending',
        expiresAt: EXPIRES,
      });
      expect(await store.introductions.get(owner, asB.id)).toMatchObject({
        personAId: fourth,
        personBId: keep,
        state: 'completed',
        sharesA: ['name'],
        sharesB: ['name'],
      });
      // The pages still open: the token finds the introduction, now through the kept person.
      expect((await store.introductions.findByToken(asA.tokenAHash))?.introduction.personAId).toBe(keep);
      expect(await store.exchangeLinks.get(owner, link.id, MERGED_AT)).toMatchObject({
        personId: keep,
        shares: 1,
      });
      expect(await store.people.get(owner, other)).toBeUndefined();
    });

    test('an introduction of the two to each other is dropped: a pending one revoked, a completed one closed', async () => {
      const { id: owner } = await createTestAccount(store);
      const keep = await person(owner, 'Jo');
      const other = await person(owner, 'Joanna');
      const third = await person(owner, 'Sam');
      const pending = await introduce(owner, keep, other);
      const completed = await introduce(owner, other, keep);
      await acceptBoth(completed.id);
      const unrelated = await introduce(owner, keep, third);

      await merge(owner, keep, other);

      const revoked = await store.introductions.get(owner, pending.id);
      expect(revoked).toMatchObject({
        personAId: keep,
        personBId: keep,
        state: 'revoked',
        answerA: 'pending',
        answerB: 'pending',
        sharesA: null,
        sharesB: null,
      });
      const closed = await store.introductions.get(owner, completed.id);
      expect(closed).toMatchObject({
        personAId: keep,
        personBId: keep,
        state: 'completed',
        expiresAt: MERGED_AT,
      });
      for (const intro of [revoked, closed]) {
        if (!intro) throw new Error('introduction gone');
        expect(isIntroductionOpen(intro, MERGED_AT)).toBe(false);
      }
      const untouched = await store.introductions.get(owner, unrelated.id);
      expect(untouched).toMatchObject({ personAId: keep, personBId: third, state: 'pending' });
      expect(untouched && isIntroductionOpen(untouched, MERGED_AT)).toBe(true);
    });

    test("the other's block blocks the kept person: their introductions drop and the other's links stay dead", async () => {
      const { id: owner } = await createTestAccount(store);
      const keep = await person(owner, 'Jo');
      const other = await person(owner, 'Joanna');
      const third = await person(owner, 'Sam');
      const link = await sharedBackLink(owner, other);
      const blockId = newId<BlockId>('block');
      await store.transaction((stores) =>
        stores.blocks.create(owner, { id: blockId, target: { personId: other }, now: NOW }),
      );
      const keptIntro = await introduce(owner, keep, third);
      expect(await store.exchangeLinks.findLive(link.tokenHash, NOW)).toBeUndefined();

      await merge(owner, keep, other);

      expect(await store.blocks.list(owner)).toEqual([
        { id: blockId, personId: keep, linkId: null, createdAt: NOW },
      ]);
      expect(await store.blocks.isBlocked(owner, { personId: keep })).toBe(true);
      expect(await store.introductions.get(owner, keptIntro.id)).toMatchObject({ state: 'revoked' });
      expect(await store.introductions.findByToken(keptIntro.tokenAHash)).toBeUndefined();
      // Without the move the link's person would be forgotten, and the link live again.
      expect(await store.exchangeLinks.findLive(link.tokenHash, MERGED_AT)).toBeUndefined();
    });

    test('when both were blocked, one block stays: the kept person’s', async () => {
      const { id: owner } = await createTestAccount(store);
      const keep = await person(owner, 'Jo');
      const other = await person(owner, 'Joanna');
      const [keepBlock, otherBlock] = [newId<BlockId>('block'), newId<BlockId>('block')];
      await store.transaction(async (stores) => {
        await stores.blocks.create(owner, { id: keepBlock, target: { personId: keep }, now: NOW });
        await stores.blocks.create(owner, { id: otherBlock, target: { personId: other }, now: MERGED_AT });
      });

      await merge(owner, keep, other);

      expect(await store.blocks.list(owner)).toEqual([
        { id: keepBlock, personId: keep, linkId: null, createdAt: NOW },
      ]);
    });

    test("another account's merge moves nothing of mine", async () => {
      const { id: owner } = await createTestAccount(store);
      const { id: stranger } = await createTestAccount(store);
      const keep = await person(owner, 'Jo');
      const other = await person(owner, 'Joanna');
      const intro = await introduce(owner, other, keep);
      expect(await merge(stranger, keep, other)).toBeUndefined();
      expect(await store.introductions.get(owner, intro.id)).toMatchObject({
        personAId: other,
        personBId: keep,
        state: 'pending',
      });
    });
  });
}

forEachStore(mergeContract);
