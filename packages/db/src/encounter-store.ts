import type { Approach, AskReason, Cue, Outcome, Phase } from '@rapport/core';
import type { Kysely, Selectable } from 'kysely';
import type { CueEventsTable, Database, EncountersTable } from './database-schema.ts';
import type { AccountId, EncounterId, PersonId } from './ids.ts';

export interface CueEvent {
  id: string;
  /** Minutes into the conversation when it was seen. */
  minute: number;
  cue: Cue;
  /** When it was tapped. */
  at: string;
}

export interface Ask {
  minute: number | null;
  approach: Approach | null;
  reason: AskReason | null;
}

export interface Encounter {
  id: EncounterId;
  personId: PersonId | null;
  place: string | null;
  startedAt: string;
  phase: Phase;
  topics: string[];
  /** How the ask went; null until an outcome is recorded. */
  ask: Ask | null;
  outcome: Outcome | null;
  outcomeAt: string | null;
  createdAt: string;
}

/** An encounter whose ask has an outcome, with every cue tapped, for the insights. */
export interface AskedEncounter extends Encounter {
  outcome: Outcome;
  cues: CueEvent[];
}

export interface EncounterFields {
  personId: PersonId | null;
  place: string | null;
  phase: Phase;
  topics: string[];
}

export interface OutcomeRecord {
  outcome: Outcome;
  minute: number | null;
  approach: Approach | null;
  reason: AskReason | null;
  personId: PersonId | null;
  at: string;
}

/** Encounters and the cue events tapped during them. Every query is scoped to its owner. */
export function createEncounterStore(db: Kysely<Database>) {
  const get = async (accountId: AccountId, id: EncounterId): Promise<Encounter | undefined> => {
    const row = await db
      .selectFrom('encounters')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toEncounter(row) : undefined;
  };
  const listCues = async (accountId: AccountId, id: EncounterId): Promise<CueEvent[]> => {
    const rows = await db
      .selectFrom('cue_events')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('encounter_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toCueEvent);
  };

  return {
    get,
    listCues,

    async create(
      accountId: AccountId,
      input: EncounterFields & { id: EncounterId; startedAt: string; now: string },
    ): Promise<Encounter> {
      const row = {
        id: input.id,
        account_id: accountId,
        ...toFieldsRow(input),
        started_at: input.startedAt,
        ask_minute: null,
        ask_approach: null,
        ask_reason: null,
        outcome: null,
        outcome_at: null,
        created_at: input.now,
      };
      await db.insertInto('encounters').values(row).execute();
      return toEncounter(row);
    },

    /** Newest first. */
    async list(accountId: AccountId, options: { limit: number; offset: number }): Promise<Encounter[]> {
      const rows = await db
        .selectFrom('encounters')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit)
        .offset(options.offset)
        .execute();
      return rows.map(toEncounter);
    },

    async update(
      accountId: AccountId,
      id: EncounterId,
      fields: EncounterFields,
    ): Promise<Encounter | undefined> {
      await db
        .updateTable('encounters')
        .set(toFieldsRow(fields))
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
      return get(accountId, id);
    },

    /**
     * Appends cue events in the order given. Each tap's time is kept strictly after the previous
     * tap's, so "the last tap" stays unambiguous even for several cues sent in one request.
     * Run it inside a transaction.
     */
    async appendCues(
      accountId: AccountId,
      id: EncounterId,
      cues: readonly { id: string; cue: Cue; minute: number }[],
      now: string,
    ): Promise<void> {
      if (cues.length === 0) return;
      const last = await db
        .selectFrom('cue_events')
        .select('created_at')
        .where('account_id', '=', accountId)
        .where('encounter_id', '=', id)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      let at = Math.max(Date.parse(now), last ? Date.parse(last.created_at) + 1 : 0);
      const rows = cues.map((cue) => ({
        id: cue.id,
        encounter_id: id,
        account_id: accountId,
        minute: cue.minute,
        cue: cue.cue,
        created_at: new Date(at++).toISOString(),
      }));
      await db.insertInto('cue_events').values(rows).execute();
    },

    /** Removes the most recent tap; answers it, or undefined when there was none. */
    async removeLastCue(accountId: AccountId, id: EncounterId): Promise<CueEvent | undefined> {
      const row = await db
        .selectFrom('cue_events')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('encounter_id', '=', id)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return undefined;
      await db
        .deleteFrom('cue_events')
        .where('account_id', '=', accountId)
        .where('id', '=', row.id)
        .execute();
      return toCueEvent(row);
    },

    /** Records (or replaces) the ask's outcome and the person it is linked to. */
    async recordOutcome(
      accountId: AccountId,
      id: EncounterId,
      record: OutcomeRecord,
    ): Promise<Encounter | undefined> {
      await db
        .updateTable('encounters')
        .set({
          person_id: record.personId,
          outcome: record.outcome,
          outcome_at: record.at,
          ask_minute: record.minute,
          ask_approach: record.approach,
          ask_reason: record.reason,
        })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
      return get(accountId, id);
    },

    /** The most recent encounter with each of these people, by when it started. */
    async latestWithPeople(
      accountId: AccountId,
      personIds: readonly PersonId[],
    ): Promise<Map<PersonId, Encounter>> {
      const latest = new Map<PersonId, Encounter>();
      if (personIds.length === 0) return latest;
      const rows = await db
        .selectFrom('encounters')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('person_id', 'in', [...new Set(personIds)])
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      for (const row of rows) {
        const personId = row.person_id as PersonId;
        if (!latest.has(personId)) latest.set(personId, toEncounter(row));
      }
      return latest;
    },

    /** Every encounter with an outcome, oldest first, with its cues in the order tapped. */
    async listAsked(accountId: AccountId): Promise<AskedEncounter[]> {
      const [rows, cueRows] = await Promise.all([
        db
          .selectFrom('encounters')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('outcome', 'is not', null)
          .orderBy('started_at')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('cue_events')
          .innerJoin('encounters', 'encounters.id', 'cue_events.encounter_id')
          .selectAll('cue_events')
          .where('cue_events.account_id', '=', accountId)
          .where('encounters.outcome', 'is not', null)
          .orderBy('cue_events.created_at')
          .orderBy('cue_events.id')
          .execute(),
      ]);
      const cuesByEncounter = new Map<string, CueEvent[]>();
      for (const row of cueRows) {
        const list = cuesByEncounter.get(row.encounter_id) ?? [];
        list.push(toCueEvent(row));
        cuesByEncounter.set(row.encounter_id, list);
      }
      return rows.map((row) => ({
        ...toEncounter(row),
        outcome: row.outcome as Outcome,
        cues: cuesByEncounter.get(row.id) ?? [],
      }));
    },
  };
}

export type EncounterStore = ReturnType<typeof createEncounterStore>;

function toFieldsRow(fields: EncounterFields) {
  return {
    person_id: fields.personId,
    place: fields.place,
    phase: fields.phase,
    topics: JSON.stringify(fields.topics),
  };
}

function toEncounter(row: Selectable<EncountersTable>): Encounter {
  const asked = row.outcome !== null;
  return {
    id: row.id as EncounterId,
    personId: row.person_id as PersonId | null,
    place: row.place,
    startedAt: row.started_at,
    phase: row.phase,
    topics: JSON.parse(row.topics) as string[],
    ask: asked
      ? {
          minute: row.ask_minute === null ? null : Number(row.ask_minute),
          approach: row.ask_approach,
          reason: row.ask_reason,
        }
      : null,
    outcome: row.outcome as Outcome | null,
    outcomeAt: row.outcome_at,
    createdAt: row.created_at,
  };
}

function toCueEvent(row: Selectable<CueEventsTable>): CueEvent {
  return { id: row.id, minute: Number(row.minute), cue: row.cue as Cue, at: row.created_at };
}
