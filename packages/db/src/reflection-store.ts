import type { Outcome } from '@rapport/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ReflectionsTable } from './database-schema.ts';
import type { AccountId, EncounterId } from './ids.ts';

/** The guide's reflection questions, answered in the user's own words. */
export type ReflectionAnswers = Partial<Record<'too-strong' | 'enough-rapport' | 'boundaries', string>>;

/** A private reflection after an outcome: one per encounter, the latest words kept. */
export interface StoredReflection {
  id: string;
  encounterId: EncounterId;
  /** The outcome it reflects on, as it was when written. */
  outcome: Outcome;
  answers: ReflectionAnswers;
  note: string | null;
  createdAt: string;
}

export function createReflectionStore(db: Kysely<Database>) {
  const get = async (
    accountId: AccountId,
    encounterId: EncounterId,
  ): Promise<StoredReflection | undefined> => {
    const row = await db
      .selectFrom('reflections')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('encounter_id', '=', encounterId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toReflection(row) : undefined;
  };

  return {
    get,

    /** Writes the encounter's reflection, replacing an earlier one. Run it inside a transaction. */
    async save(accountId: AccountId, reflection: StoredReflection): Promise<StoredReflection> {
      await db
        .deleteFrom('reflections')
        .where('account_id', '=', accountId)
        .where('encounter_id', '=', reflection.encounterId)
        .execute();
      await db
        .insertInto('reflections')
        .values({
          id: reflection.id,
          account_id: accountId,
          encounter_id: reflection.encounterId,
          outcome: reflection.outcome,
          answers: JSON.stringify(reflection.answers),
          note: reflection.note,
          created_at: reflection.createdAt,
        })
        .execute();
      return reflection;
    },
  };
}

export type ReflectionStore = ReturnType<typeof createReflectionStore>;

function toReflection(row: Selectable<ReflectionsTable>): StoredReflection {
  return {
    id: row.id,
    encounterId: row.encounter_id as EncounterId,
    outcome: row.outcome as Outcome,
    answers: JSON.parse(row.answers) as ReflectionAnswers,
    note: row.note,
    createdAt: row.created_at,
  };
}
