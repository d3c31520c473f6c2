import type { Kysely, Selectable } from 'kysely';
import { isAboutOffLimitsPerson, offLimitsAmong } from './consent-gate.ts';
import type { Database, RemindersTable } from './database-schema.ts';
import type { AccountId, PersonId, ReminderId } from './ids.ts';

export interface Reminder {
  id: ReminderId;
  personId: PersonId | null;
  kind: RemindersTable['kind'];
  title: string;
  /** A suggested message, for reminders that are about sending one. */
  draft: string | null;
  dueAt: string;
  snoozedUntil: string | null;
  doneAt: string | null;
  createdAt: string;
}

/** A reminder with the name of the person it is about (null when it is about nobody). */
export interface ReminderWithPerson extends Reminder {
  personName: string | null;
}

export type NewReminder = Omit<Reminder, 'snoozedUntil' | 'doneAt' | 'createdAt'>;

/**
 * Reminders: what to do, due when, done, snoozed. Every query is scoped to its owner, and none keeps
 * or answers a reminder about someone off limits (declined or blocked: see consent-gate.ts).
 */
export function createReminderStore(db: Kysely<Database>) {
  /** Reminders not done yet, with the name of the person each is about. */
  const openWithNames = (accountId: AccountId) =>
    db
      .selectFrom('reminders')
      .leftJoin('people', 'people.id', 'reminders.person_id')
      .selectAll('reminders')
      .select('people.name as person_name')
      .where('reminders.account_id', '=', accountId)
      .where('reminders.done_at', 'is', null)
      .where((eb) => eb.not(isAboutOffLimitsPerson(eb)));
  const get = async (accountId: AccountId, id: ReminderId): Promise<Reminder | undefined> => {
    const row = await db
      .selectFrom('reminders')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toReminder(row) : undefined;
  };

  return {
    get,

    /** Stores new reminders; one about someone off limits is dropped, whoever asked for it. */
    async createMany(accountId: AccountId, wanted: readonly NewReminder[], now: string): Promise<void> {
      const offLimits = await offLimitsAmong(
        db,
        accountId,
        wanted.flatMap((reminder) => reminder.personId ?? []),
      );
      const reminders = wanted.filter((reminder) => !reminder.personId || !offLimits.has(reminder.personId));
      if (reminders.length === 0) return;
      await db
        .insertInto('reminders')
        .values(
          reminders.map((reminder) => ({
            id: reminder.id,
            account_id: accountId,
            person_id: reminder.personId,
            kind: reminder.kind,
            title: reminder.title,
            draft: reminder.draft,
            due_at: reminder.dueAt,
            snoozed_until: null,
            done_at: null,
            created_at: now,
          })),
        )
        .execute();
    },

    /** Reminders not done and due (or snoozed until) before `before`, soonest first, with names. */
    async listOpen(accountId: AccountId, before: string, limit = 1000): Promise<ReminderWithPerson[]> {
      const rows = await openWithNames(accountId)
        .where('reminders.due_at', '<', before)
        .orderBy('reminders.due_at')
        .orderBy('reminders.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ ...toReminder(row), personName: row.person_name ?? null }));
    },

    /** Every reminder not done yet of these kinds, soonest first, with names: the calendar feed. */
    async listPendingOfKinds(
      accountId: AccountId,
      kinds: readonly Reminder['kind'][],
    ): Promise<ReminderWithPerson[]> {
      if (kinds.length === 0) return [];
      const rows = await openWithNames(accountId)
        .where('reminders.kind', 'in', kinds)
        .orderBy('reminders.due_at')
        .orderBy('reminders.id')
        .execute();
      return rows.map((row) => ({ ...toReminder(row), personName: row.person_name ?? null }));
    },

    /** One person's reminders not done yet, soonest first. */
    async listPending(accountId: AccountId, personId: PersonId): Promise<Reminder[]> {
      const rows = await db
        .selectFrom('reminders')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('person_id', '=', personId)
        .where('done_at', 'is', null)
        .where((eb) => eb.not(isAboutOffLimitsPerson(eb)))
        .orderBy('due_at')
        .orderBy('id')
        .execute();
      return rows.map(toReminder);
    },

    /** Every reminder about a person that came due before `before`, done or not, for the insights. */
    async listDue(accountId: AccountId, before: string): Promise<Reminder[]> {
      const rows = await db
        .selectFrom('reminders')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('person_id', 'is not', null)
        .where('due_at', '<=', before)
        .orderBy('due_at')
        .orderBy('id')
        .execute();
      return rows.map(toReminder);
    },

    /** Marks it done; a reminder done before keeps its first done time. */
    async markDone(accountId: AccountId, id: ReminderId, now: string): Promise<Reminder | undefined> {
      await db
        .updateTable('reminders')
        .set({ done_at: now })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('done_at', 'is', null)
        .execute();
      return get(accountId, id);
    },

    async snooze(accountId: AccountId, id: ReminderId, until: string): Promise<Reminder | undefined> {
      await db
        .updateTable('reminders')
        .set({ snoozed_until: until })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
      return get(accountId, id);
    },

    /** Marks a person's pending reminders of these kinds done at `doneAt`; answers how many. */
    async completePending(
      accountId: AccountId,
      personId: PersonId,
      kinds: readonly Reminder['kind'][],
      doneAt: string,
    ): Promise<number> {
      if (kinds.length === 0) return 0;
      const result = await db
        .updateTable('reminders')
        .set({ done_at: doneAt })
        .where('account_id', '=', accountId)
        .where('person_id', '=', personId)
        .where('done_at', 'is', null)
        .where('kind', 'in', kinds)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Deletes a person's pending reminders of these kinds; answers how many. */
    async deletePending(
      accountId: AccountId,
      personId: PersonId,
      kinds: readonly Reminder['kind'][],
    ): Promise<number> {
      if (kinds.length === 0) return 0;
      const result = await db
        .deleteFrom('reminders')
        .where('account_id', '=', accountId)
        .where('person_id', '=', personId)
        .where('done_at', 'is', null)
        .where('kind', 'in', kinds)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type ReminderStore = ReturnType<typeof createReminderStore>;

export function toReminder(row: Selectable<RemindersTable>): Reminder {
  return {
    id: row.id as ReminderId,
    personId: row.person_id as PersonId | null,
    kind: row.kind,
    title: row.title,
    draft: row.draft,
    dueAt: row.due_at,
    snoozedUntil: row.snoozed_until,
    doneAt: row.done_at,
    createdAt: row.created_at,
  };
}
