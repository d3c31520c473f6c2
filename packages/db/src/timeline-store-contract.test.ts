import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AccountId, EncounterId, MessageId, PersonId, ReminderId } from './ids.ts';
import type { Store } from './store.ts';
import { createTestAccount, forEachStore } from './testing/store-suites.ts';

const NOW = '2026-03-28T19:00:00.000Z';
let sequence = 0;
const newId = <T extends string>(prefix: string) =>
  `${prefix}-${++sequence}-${Math.random().toString(36).slice(2)}` as T;

const newAccount = async (store: Store) => (await createTestAccount(store)).id;

async function newPerson(store: Store, accountId: AccountId, name = 'Robin'): Promise<PersonId> {
  const write = await store.people.create(accountId, {
    id: newId<PersonId>('p'),
    name,
    phone: null,
    handles: [],
    howMet: null,
    whereMet: null,
    metThroughId: null,
    notes: null,
    consent: { kind: 'told-me-and-agreed', at: NOW },
    now: NOW,
  });
  if (!write.ok) throw new Error('person not created');
  return write.person.id;
}

async function newEncounter(
  store: Store,
  accountId: AccountId,
  startedAt = NOW,
  personId: PersonId | null = null,
) {
  return store.encounters.create(accountId, {
    id: newId<EncounterId>('e'),
    personId,
    place: 'Café Kosmos',
    phase: 'opening',
    topics: ['jazz piano', 'night trains'],
    startedAt,
    now: NOW,
  });
}

function reminder(
  personId: PersonId | null,
  kind: 'first-text' | 'check-in' | 'suggest-meetup',
  dueAt: string,
) {
  return {
    id: newId<ReminderId>('r'),
    personId,
    kind,
    title: `${kind} ${dueAt}`,
    draft: 'How was the gig?',
    dueAt,
  };
}

/** The timeline stores' contract, run against every store: the same behaviour on SQLite and PostgreSQL. */
function timelineContract(name: string, open: () => Promise<{ store: Store; done: () => Promise<void> }>) {
  describe(`timeline store contract: ${name}`, () => {
    let store: Store;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ store, done } = await open());
    });
    afterAll(async () => {
      await store.close();
      await done();
    });

    test('encounters are listed newest first, updated, and invisible to other accounts', async () => {
      const a = await newAccount(store);
      const b = await newAccount(store);
      const older = await newEncounter(store, a, '2026-03-01T10:00:00.000Z');
      const newer = await newEncounter(store, a, '2026-03-20T10:00:00.000Z');
      expect((await store.encounters.list(a, { limit: 10, offset: 0 })).map((e) => e.id)).toEqual([
        newer.id,
        older.id,
      ]);
      expect(await store.encounters.get(a, older.id)).toMatchObject({
        place: 'Café Kosmos',
        phase: 'opening',
        topics: ['jazz piano', 'night trains'],
        ask: null,
        outcome: null,
      });
      const personId = await newPerson(store, a);
      const updated = await store.encounters.update(a, older.id, {
        personId,
        place: null,
        phase: 'flowing',
        topics: ['tango'],
      });
      expect(updated).toMatchObject({ personId, place: null, phase: 'flowing', topics: ['tango'] });
      expect(await store.encounters.get(b, older.id)).toBeUndefined();
      expect(await store.encounters.list(b, { limit: 10, offset: 0 })).toEqual([]);
      expect(
        await store.encounters.update(b, older.id, {
          personId: null,
          place: 'Elsewhere',
          phase: 'winding-down',
          topics: [],
        }),
      ).toBeUndefined();
      expect((await store.encounters.get(a, older.id))?.phase).toBe('flowing');
    });

    test('cue events keep the order they were tapped in, and undo removes the last one', async () => {
      const a = await newAccount(store);
      const b = await newAccount(store);
      const encounter = await newEncounter(store, a);
      await store.encounters.appendCues(
        a,
        encounter.id,
        [
          { id: newId('c'), cue: 'smiling', minute: 2 },
          { id: newId('c'), cue: 'laughing', minute: 2 },
        ],
        NOW,
      );
      // Same clock reading again: the later request still sorts after the earlier one.
      await store.encounters.appendCues(
        a,
        encounter.id,
        [{ id: newId('c'), cue: 'eye-contact', minute: 1.5 }],
        NOW,
      );
      expect((await store.encounters.listCues(a, encounter.id)).map((c) => c.cue)).toEqual([
        'smiling',
        'laughing',
        'eye-contact',
      ]);
      expect(await store.encounters.listCues(b, encounter.id)).toEqual([]);
      expect(await store.encounters.removeLastCue(b, encounter.id)).toBeUndefined();
      expect(await store.encounters.removeLastCue(a, encounter.id)).toMatchObject({
        cue: 'eye-contact',
        minute: 1.5,
      });
      expect((await store.encounters.listCues(a, encounter.id)).map((c) => c.cue)).toEqual([
        'smiling',
        'laughing',
      ]);
    });

    test('an outcome is recorded with its ask, and asked encounters come with their cues', async () => {
      const a = await newAccount(store);
      const personId = await newPerson(store, a);
      const asked = await newEncounter(store, a, '2026-03-02T10:00:00.000Z');
      const notYet = await newEncounter(store, a, '2026-03-03T10:00:00.000Z', personId);
      await store.encounters.appendCues(
        a,
        asked.id,
        [{ id: newId('c'), cue: 'questions-back', minute: 4 }],
        NOW,
      );
      await store.encounters.appendCues(
        a,
        notYet.id,
        [{ id: newId('c'), cue: 'checking-phone', minute: 1 }],
        NOW,
      );
      const recorded = await store.encounters.recordOutcome(a, asked.id, {
        outcome: 'gave-number',
        minute: 17.5,
        approach: 'direct',
        reason: 'activity',
        personId,
        at: NOW,
      });
      expect(recorded).toMatchObject({
        personId,
        outcome: 'gave-number',
        outcomeAt: NOW,
        ask: { minute: 17.5, approach: 'direct', reason: 'activity' },
      });
      const list = await store.encounters.listAsked(a);
      expect(list.map((e) => [e.id, e.cues.map((c) => c.cue)])).toEqual([[asked.id, ['questions-back']]]);
      const latest = await store.encounters.latestWithPeople(a, [personId]);
      expect(latest.get(personId)?.id).toBe(notYet.id);
      expect(await store.encounters.listAsked(await newAccount(store))).toEqual([]);
    });

    test('messages list newest first, and unanswered counts sent ones after the last received', async () => {
      const a = await newAccount(store);
      const b = await newAccount(store);
      const personId = await newPerson(store, a);
      const log = (direction: 'sent' | 'received', at: string) =>
        store.messages.create(a, {
          id: newId<MessageId>('m'),
          personId,
          direction,
          at,
          text: null,
          now: NOW,
        });
      expect(await store.messages.contactState(a, personId)).toEqual({ lastContactAt: null, unanswered: 0 });
      await log('sent', '2026-03-29T10:00:00.000Z');
      await log('sent', '2026-03-30T10:00:00.000Z');
      expect(await store.messages.contactState(a, personId)).toEqual({
        lastContactAt: '2026-03-30T10:00:00.000Z',
        unanswered: 2,
      });
      await log('received', '2026-03-31T10:00:00.000Z');
      await log('sent', '2026-04-01T10:00:00.000Z');
      // Logged late, but sent before their reply: it does not count as unanswered.
      await log('sent', '2026-03-29T12:00:00.000Z');
      expect(await store.messages.contactState(a, personId)).toEqual({
        lastContactAt: '2026-04-01T10:00:00.000Z',
        unanswered: 1,
      });
      const listed = await store.messages.list(a, personId, { limit: 2, offset: 0 });
      expect(listed.map((m) => [m.direction, m.at])).toEqual([
        ['sent', '2026-04-01T10:00:00.000Z'],
        ['received', '2026-03-31T10:00:00.000Z'],
      ]);
      expect(await store.messages.list(b, personId, { limit: 10, offset: 0 })).toEqual([]);
      expect(await store.messages.contactState(b, personId)).toEqual({ lastContactAt: null, unanswered: 0 });
    });

    test('reminders: open ones with names, done once, snoozed, and pending ones closed by kind', async () => {
      const a = await newAccount(store);
      const b = await newAccount(store);
      const robin = await newPerson(store, a, 'Robin');
      const first = reminder(robin, 'first-text', '2026-03-29T09:00:00.000Z');
      const checkIn = reminder(robin, 'check-in', '2026-04-01T16:30:00.000Z');
      const meetup = reminder(robin, 'suggest-meetup', '2026-04-05T16:30:00.000Z');
      const far = reminder(null, 'check-in', '2026-06-01T16:30:00.000Z');
      await store.reminders.createMany(a, [first, checkIn, meetup, far], NOW);
      const open = await store.reminders.listOpen(a, '2026-05-01T00:00:00.000Z');
      expect(open.map((r) => [r.id, r.personName])).toEqual([
        [first.id, 'Robin'],
        [checkIn.id, 'Robin'],
        [meetup.id, 'Robin'],
      ]);
      expect(await store.reminders.listOpen(b, '2027-01-01T00:00:00.000Z')).toEqual([]);

      expect(await store.reminders.markDone(b, first.id, NOW)).toBeUndefined();
      expect((await store.reminders.markDone(a, first.id, '2026-03-29T09:05:00.000Z'))?.doneAt).toBe(
        '2026-03-29T09:05:00.000Z',
      );
      expect((await store.reminders.markDone(a, first.id, '2026-03-30T00:00:00.000Z'))?.doneAt).toBe(
        '2026-03-29T09:05:00.000Z',
      );
      expect(await store.reminders.snooze(b, checkIn.id, '2026-04-02T08:00:00.000Z')).toBeUndefined();
      expect((await store.reminders.snooze(a, checkIn.id, '2026-04-02T08:00:00.000Z'))?.snoozedUntil).toBe(
        '2026-04-02T08:00:00.000Z',
      );
      expect(await store.reminders.deletePending(b, robin, ['check-in', 'suggest-meetup'])).toBe(0);
      expect(await store.reminders.completePending(a, robin, ['suggest-meetup'], NOW)).toBe(1);
      expect(await store.reminders.deletePending(a, robin, ['first-text', 'check-in'])).toBe(1);
      expect(await store.reminders.listPending(a, robin)).toEqual([]);
      expect((await store.reminders.listDue(a, '2026-04-30T00:00:00.000Z')).map((r) => r.id)).toEqual([
        first.id,
        meetup.id,
      ]);
    });

    test('a reflection replaces the earlier one of its encounter and stays private', async () => {
      const a = await newAccount(store);
      const b = await newAccount(store);
      const encounter = await newEncounter(store, a);
      const write = (note: string) =>
        store.transaction((stores) =>
          stores.reflections.save(a, {
            id: newId('f'),
            encounterId: encounter.id,
            outcome: 'declined',
            answers: { 'too-strong': 'maybe a little', boundaries: 'yes' },
            note,
            createdAt: NOW,
          }),
        );
      await write('first thoughts');
      await write('second thoughts');
      expect(await store.reflections.get(a, encounter.id)).toMatchObject({
        outcome: 'declined',
        answers: { 'too-strong': 'maybe a little', boundaries: 'yes' },
        note: 'second thoughts',
      });
      expect(await store.reflections.get(b, encounter.id)).toBeUndefined();
    });

    test('a failed transaction over several timeline stores leaves nothing behind', async () => {
      const a = await newAccount(store);
      const personId = await newPerson(store, a);
      const encounter = await newEncounter(store, a);
      await expect(
        store.transaction(async (stores) => {
          await stores.encounters.recordOutcome(a, encounter.id, {
            outcome: 'gave-number',
            minute: 9,
            approach: 'direct',
            reason: null,
            personId,
            at: NOW,
          });
          await stores.reminders.createMany(a, [reminder(personId, 'first-text', NOW)], NOW);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await store.encounters.get(a, encounter.id))?.outcome).toBeNull();
      expect(await store.reminders.listPending(a, personId)).toEqual([]);
    });

    test('deleting a person removes their messages and reminders and unlinks their encounters', async () => {
      const a = await newAccount(store);
      const personId = await newPerson(store, a);
      const encounter = await newEncounter(store, a, NOW, personId);
      await store.messages.create(a, {
        id: newId('m'),
        personId,
        direction: 'sent',
        at: NOW,
        text: 'hi',
        now: NOW,
      });
      await store.reminders.createMany(a, [reminder(personId, 'check-in', NOW)], NOW);
      expect(await store.people.delete(a, personId)).toBe(true);
      expect((await store.encounters.get(a, encounter.id))?.personId).toBeNull();
      expect(await store.messages.list(a, personId, { limit: 10, offset: 0 })).toEqual([]);
      expect(await store.reminders.listOpen(a, '2030-01-01T00:00:00.000Z')).toEqual([]);
    });
  });
}

forEachStore(timelineContract);
