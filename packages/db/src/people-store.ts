import type { AskStatus } from '@rapport/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import { checkPersonLimits, forgetPendingReminders } from './consent-gate.ts';
import type { Database, PeopleTable } from './database-schema.ts';
import type { AccountId, PersonId } from './ids.ts';
import { mergePeople } from './merge-people.ts';

export type ConsentKind = PeopleTable['consent_kind'];
export type { AskStatus };

export interface Handle {
  platform: string;
  handle: string;
}

export interface Person {
  id: PersonId;
  name: string;
  /** E.164, e.g. +4917012345678, then `;ext=45` for an extension (RFC 3966); never anything else. */
  phone: string | null;
  handles: Handle[];
  howMet: string | null;
  whereMet: string | null;
  metThroughId: PersonId | null;
  notes: string | null;
  /** How this contact came to be here, and when. */
  consent: { kind: ConsentKind; at: string };
  /** `declined`: nothing suggests asking again. `another-time`: they left the door open. */
  askStatus: AskStatus;
  meetupPlanned: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PersonFields {
  name: string;
  phone: string | null;
  handles: Handle[];
  howMet: string | null;
  whereMet: string | null;
  metThroughId: PersonId | null;
  notes: string | null;
}

export type PersonWrite = { ok: true; person: Person } | { ok: false; existingId: PersonId };

export function createPeopleStore(db: Kysely<Database>) {
  const findByPhone = async (accountId: AccountId, phone: string): Promise<PersonId | undefined> => {
    const row = await db
      .selectFrom('people')
      .select('id')
      .where('account_id', '=', accountId)
      .where('phone_e164', '=', phone)
      .executeTakeFirst();
    return row?.id as PersonId | undefined;
  };
  const get = async (accountId: AccountId, id: PersonId): Promise<Person | undefined> => {
    const row = await db
      .selectFrom('people')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toPerson(row) : undefined;
  };

  return {
    get,
    findByPhone,

    /** My people holding this handle on this platform (handles match in any letter case). */
    async findByHandle(accountId: AccountId, handle: Handle): Promise<Person[]> {
      const wanted = handle.handle.toLowerCase();
      // The JSON text holds `"handle":"<it>"`: a coarse filter in SQL, the exact check below.
      const pattern = `%"handle":${escapeLike(JSON.stringify(wanted))}%`;
      const rows = await db
        .selectFrom('people')
        .selectAll()
        .where('account_id', '=', accountId)
        .where(sql<boolean>`lower(handles) like ${pattern} escape '\\'`)
        .execute();
      return rows
        .map(toPerson)
        .filter((person) =>
          person.handles.some((h) => h.platform === handle.platform && h.handle.toLowerCase() === wanted),
        );
    },

    /** The account's people having any of these E.164 numbers: the ones an import merges into. */
    async findByPhones(accountId: AccountId, phones: readonly string[]): Promise<Person[]> {
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
     * An import's new people, many rows per statement, so that 10,000 cards
     * take a few statements instead of 10,000 round trips. The caller has already set aside every
     * number the account has; run it inside the import's transaction.
     */
    async insertImported(
      accountId: AccountId,
      people: readonly (PersonFields & { id: PersonId })[],
      now: string,
    ): Promise<void> {
      for (let from = 0; from < people.length; from += INSERT_CHUNK) {
        const rows = people.slice(from, from + INSERT_CHUNK).map((person) => ({
          id: person.id,
          account_id: accountId,
          ...toFieldsRow(person),
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

    /** Whether any account has a person with this id (ids are global; a client may choose one). */
    async isIdTaken(id: PersonId): Promise<boolean> {
      return (
        (await db.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
      );
    },

    /** Creates a person; the same E.164 number twice answers the existing person's id instead. */
    async create(
      accountId: AccountId,
      input: PersonFields & { id: PersonId; consent: { kind: ConsentKind; at: string }; now: string },
    ): Promise<PersonWrite> {
      if (input.phone) {
        const existingId = await findByPhone(accountId, input.phone);
        if (existingId) return { ok: false, existingId };
      }
      await db
        .insertInto('people')
        .values({
          id: input.id,
          account_id: accountId,
          ...toFieldsRow(input),
          consent_kind: input.consent.kind,
          consent_at: input.consent.at,
          ask_status: null,
          meetup_planned: 0,
          created_at: input.now,
          updated_at: input.now,
        })
        .execute();
      const person = await get(accountId, input.id);
      if (!person) throw new Error('a person just written could not be read back');
      return { ok: true, person };
    },

    /** People by name, case-insensitively containing `search` when given; sorted by name. */
    async list(
      accountId: AccountId,
      options: { search?: string; limit: number; offset: number },
    ): Promise<Person[]> {
      let query = db.selectFrom('people').selectAll().where('account_id', '=', accountId);
      if (options.search) {
        const pattern = `%${escapeLike(options.search.toLowerCase())}%`;
        query = query.where(sql<boolean>`lower(name) like ${pattern} escape '\\'`);
      }
      const rows = await query
        .orderBy(sql`lower(name)`)
        .orderBy('name')
        .orderBy('id')
        .limit(options.limit)
        .offset(options.offset)
        .execute();
      return rows.map(toPerson);
    },

    async update(
      accountId: AccountId,
      id: PersonId,
      fields: PersonFields,
      now: string,
    ): Promise<PersonWrite | undefined> {
      if (fields.phone) {
        const existingId = await findByPhone(accountId, fields.phone);
        if (existingId && existingId !== id) return { ok: false, existingId };
      }
      const result = await db
        .updateTable('people')
        .set({ ...toFieldsRow(fields), updated_at: now })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return undefined;
      const person = await get(accountId, id);
      return person ? { ok: true, person } : undefined;
    },

    /**
     * Records how the last ask went. A decline forgets every reminder still pending about them, and
     * sticks: "another time" recorded later keeps it; only contact given (null) lifts it.
     */
    async setAskStatus(accountId: AccountId, id: PersonId, status: AskStatus, now: string): Promise<void> {
      if (status === 'declined') await forgetPendingReminders(db, accountId, id);
      const next =
        status === 'another-time'
          ? sql<AskStatus>`case when ask_status = 'declined' then 'declined' else 'another-time' end`
          : status;
      await db
        .updateTable('people')
        .set({ ask_status: next, updated_at: now })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
    },

    async setMeetupPlanned(accountId: AccountId, id: PersonId, planned: boolean, now: string): Promise<void> {
      await db
        .updateTable('people')
        .set({ meetup_planned: planned ? 1 : 0, updated_at: now })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
    },

    async delete(accountId: AccountId, id: PersonId): Promise<boolean> {
      const result = await db
        .deleteFrom('people')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /**
     * Merges `otherId` into `keepId` (see mergePeople): one person with both timelines, the other
     * deleted. Undefined when either is not this account's, or both are one. Run it inside a transaction.
     */
    async merge(
      accountId: AccountId,
      keepId: PersonId,
      otherId: PersonId,
      now: string,
    ): Promise<Person | undefined> {
      const [keep, other] = await Promise.all([get(accountId, keepId), get(accountId, otherId)]);
      if (!keep || !other || keepId === otherId) return undefined;
      await mergePeople(db, accountId, keep, other, now);
      return get(accountId, keepId);
    },
  };
}

export type PeopleStore = ReturnType<typeof createPeopleStore>;

// 15 columns × 500 rows stays well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const INSERT_CHUNK = 500;
const LOOKUP_CHUNK = 1000;

/** Text for a LIKE pattern with `escape '\\'`: its own %, _ and \\ match only themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function toFieldsRow(fields: PersonFields) {
  checkPersonLimits(fields);
  return {
    name: fields.name,
    phone_e164: fields.phone,
    handles: JSON.stringify(fields.handles),
    how_met: fields.howMet,
    where_met: fields.whereMet,
    met_through_id: fields.metThroughId,
    notes: fields.notes,
  };
}

export function toPerson(row: Selectable<PeopleTable>): Person {
  return {
    id: row.id as PersonId,
    name: row.name,
    phone: row.phone_e164,
    handles: JSON.parse(row.handles) as Handle[],
    howMet: row.how_met,
    whereMet: row.where_met,
    metThroughId: row.met_through_id as PersonId | null,
    notes: row.notes,
    consent: { kind: row.consent_kind, at: row.consent_at },
    askStatus: row.ask_status,
    meetupPlanned: Number(row.meetup_planned) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
