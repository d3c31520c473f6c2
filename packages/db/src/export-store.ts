import type { Kysely } from 'kysely';
import type { Database, RemindersTable } from './database-schema.ts';
import type { AccountId, EncounterId, MessageId, PersonId, ReminderId } from './ids.ts';
import { type Person, type PersonFields, toPerson } from './people-store.ts';

// 15 columns × 500 rows stays well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const INSERT_CHUNK = 500;
const LOOKUP_CHUNK = 1000;

export type ReminderKind = RemindersTable['kind'];

export interface ExportedEncounter {
  id: EncounterId;
  personId: PersonId | null;
  place: string | null;
  startedAt: string;
  phase: string;
  topics: string[];
  ask: { minute: number | null; approach: string | null; reason: string | null };
  outcome: string | null;
  outcomeAt: string | null;
  cueEvents: { minute: number; cue: string; at: string }[];
  createdAt: string;
}

export interface ExportedMessage {
  id: MessageId;
  personId: PersonId;
  direction: 'sent' | 'received';
  at: string;
  text: string | null;
  createdAt: string;
}

export interface ExportedReminder {
  id: ReminderId;
  personId: PersonId | null;
  kind: ReminderKind;
  title: string;
  draft: string | null;
  dueAt: string;
  snoozedUntil: string | null;
  doneAt: string | null;
  createdAt: string;
}

export interface ExportedReflection {
  id: string;
  encounterId: EncounterId;
  outcome: string;
  answers: Record<string, unknown>;
  note: string | null;
  createdAt: string;
}

/** Everything of one account but its settings and credentials (those come from their own stores). */
export interface AccountData {
  people: Person[];
  encounters: ExportedEncounter[];
  messages: ExportedMessage[];
  reminders: ExportedReminder[];
  reflections: ExportedReflection[];
}

/** A reminder still to do, with the name of the person it is about, for the calendar feed. */
export interface PendingReminder extends ExportedReminder {
  personName: string | null;
}

/**
 * Data portability: the account's whole data for export (GDPR art. 20), the pending reminders
 * behind the calendar feed, and the two queries of a vCard import (find by numbers, batch insert).
 * Credentials are never selected here, so an export cannot leak them by accident.
 */
export function createExportStore(db: Kysely<Database>) {
  return {
    async readAccountData(accountId: AccountId): Promise<AccountData> {
      const [people, encounters, cueEvents, messages, reminders, reflections] = await Promise.all([
        db
          .selectFrom('people')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('encounters')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('started_at')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('cue_events')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('minute')
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('messages')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('at')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('reminders')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('due_at')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('reflections')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
      ]);
      const cuesByEncounter = new Map<string, ExportedEncounter['cueEvents']>();
      for (const row of cueEvents) {
        const list = cuesByEncounter.get(row.encounter_id) ?? [];
        list.push({ minute: Number(row.minute), cue: row.cue, at: row.created_at });
        cuesByEncounter.set(row.encounter_id, list);
      }
      return {
        people: people.map(toPerson),
        encounters: encounters.map((row) => ({
          id: row.id as EncounterId,
          personId: row.person_id as PersonId | null,
          place: row.place,
          startedAt: row.started_at,
          phase: row.phase,
          topics: JSON.parse(row.topics) as string[],
          ask: {
            minute: row.ask_minute === null ? null : Number(row.ask_minute),
            approach: row.ask_approach,
            reason: row.ask_reason,
          },
          outcome: row.outcome,
          outcomeAt: row.outcome_at,
          cueEvents: cuesByEncounter.get(row.id) ?? [],
          createdAt: row.created_at,
        })),
        messages: messages.map((row) => ({
          id: row.id as MessageId,
          personId: row.person_id as PersonId,
          direction: row.direction,
          at: row.at,
          text: row.text,
          createdAt: row.created_at,
        })),
        reminders: reminders.map(toReminder),
        reflections: reflections.map((row) => ({
          id: row.id,
          encounterId: row.encounter_id as EncounterId,
          outcome: row.outcome,
          answers: JSON.parse(row.answers) as Record<string, unknown>,
          note: row.note,
          createdAt: row.created_at,
        })),
      };
    },

    /** Every person of the account, by name, for the all-people .vcf. */
    async listAllPeople(accountId: AccountId): Promise<Person[]> {
      const rows = await db
        .selectFrom('people')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map(toPerson);
    },

    /** Reminders not done yet, of the given kinds, soonest first. */
    async listPendingReminders(
      accountId: AccountId,
      kinds: readonly ReminderKind[],
    ): Promise<PendingReminder[]> {
      if (kinds.length === 0) return [];
      const rows = await db
        .selectFrom('reminders')
        .leftJoin('people', 'people.id', 'reminders.person_id')
        .selectAll('reminders')
        .select('people.name as person_name')
        .where('reminders.account_id', '=', accountId)
        .where('reminders.done_at', 'is', null)
        .where('reminders.kind', 'in', kinds)
        .orderBy('reminders.due_at')
        .orderBy('reminders.id')
        .execute();
      return rows.map((row) => ({ ...toReminder(row), personName: row.person_name ?? null }));
    },

    /** The account's people having any of these E.164 numbers: the ones an import merges into. */
    async findPeopleByPhones(accountId: AccountId, phones: readonly string[]): Promise<Person[]> {
      const people: Person[] = [];
      for (let from = 0; from < phones.length; from += LOOKUP_CHUNK) {
        const rows = await db
          .selectFrom('people')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('phone_e164', 'in', phones.slice(from, from + LOOKUP_CHUNK))
          .execute();
        people.push(...rows.map(toPerson));
      }
      return people;
    },

    /**
     * The one write here: an import's new people, many rows per statement, so that 10,000 cards
     * take a few statements instead of 10,000 round trips. The caller has already set aside every
     * number the account has; run it inside the import's transaction.
     */
    async insertImportedPeople(
      accountId: AccountId,
      people: readonly (PersonFields & { id: PersonId })[],
      now: string,
    ): Promise<void> {
      for (let from = 0; from < people.length; from += INSERT_CHUNK) {
        const rows = people.slice(from, from + INSERT_CHUNK).map((person) => ({
          id: person.id,
          account_id: accountId,
          name: person.name,
          phone_e164: person.phone,
          handles: JSON.stringify(person.handles),
          how_met: person.howMet,
          where_met: person.whereMet,
          met_through_id: person.metThroughId,
          notes: person.notes,
          consent_kind: 'imported' as const,
          consent_at: now,
          ask_status: null,
          meetup_planned: 0,
          created_at: now,
          updated_at: now,
        }));
        await db.insertInto('people').values(rows).execute();
      }
    },
  };
}

export type ExportStore = ReturnType<typeof createExportStore>;

function toReminder(row: {
  id: string;
  person_id: string | null;
  kind: ReminderKind;
  title: string;
  draft: string | null;
  due_at: string;
  snoozed_until: string | null;
  done_at: string | null;
  created_at: string;
}): ExportedReminder {
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
