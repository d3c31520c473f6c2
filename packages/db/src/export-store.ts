import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import type { AccountId, EncounterId, PersonId } from './ids.ts';
import { type Message, toMessage } from './message-store.ts';
import { type Person, toPerson } from './people-store.ts';
import { type Reminder, toReminder } from './reminder-store.ts';

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
  messages: Message[];
  reminders: Reminder[];
  reflections: ExportedReflection[];
}

/**
 * Data portability: the account's whole data for export (GDPR art. 20), read-only. Credentials are
 * never selected here, so an export cannot leak them by accident.
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
        messages: messages.map(toMessage),
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
  };
}

export type ExportStore = ReturnType<typeof createExportStore>;
