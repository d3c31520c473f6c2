import type { Kysely, Selectable } from 'kysely';
import type { CardsTable, Database } from './database-schema.ts';
import type { AccountId, CardId } from './ids.ts';

export type { CardId } from './ids.ts';

/** Which fields a card shows; `handles` lists the platforms shown. The phone is off until turned on. */
export interface CardShows {
  name: boolean;
  phone: boolean;
  email: boolean;
  note: boolean;
  handles: string[];
}

export interface CardHandle {
  platform: string;
  handle: string;
}

/** One of my cards ("Just Instagram", "Full"): what it holds, and what it shows. */
export interface Card {
  id: CardId;
  label: string;
  name: string | null;
  /** E.164, e.g. +4917012345678, then `;ext=45` for an extension (RFC 3966); never anything else. */
  phone: string | null;
  email: string | null;
  note: string | null;
  handles: CardHandle[];
  shows: CardShows;
  createdAt: string;
  updatedAt: string;
}

export interface CardFields {
  label: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  note: string | null;
  handles: CardHandle[];
  shows: CardShows;
}

export function createCardStore(db: Kysely<Database>) {
  const get = async (accountId: AccountId, id: CardId): Promise<Card | undefined> => {
    const row = await db
      .selectFrom('cards')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toCard(row) : undefined;
  };

  return {
    get,

    async create(accountId: AccountId, input: CardFields & { id: CardId; now: string }): Promise<Card> {
      await db
        .insertInto('cards')
        .values({
          id: input.id,
          account_id: accountId,
          label: input.label,
          name: input.name,
          phone_e164: input.phone,
          email: input.email,
          note: input.note,
          handles: JSON.stringify(input.handles),
          shows: JSON.stringify(input.shows),
          created_at: input.now,
          updated_at: input.now,
        })
        .execute();
      const card = await get(accountId, input.id);
      if (!card) throw new Error('a card just written could not be read back');
      return card;
    },

    /** My cards in the order I made them. */
    async list(accountId: AccountId): Promise<Card[]> {
      const rows = await db
        .selectFrom('cards')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toCard);
    },

    /** Changes the given fields only; undefined when the card is not this account's. */
    async update(
      accountId: AccountId,
      id: CardId,
      fields: Partial<CardFields>,
      now: string,
    ): Promise<Card | undefined> {
      const result = await db
        .updateTable('cards')
        .set({ ...toChangedRow(fields), updated_at: now })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return undefined;
      return get(accountId, id);
    },

    async delete(accountId: AccountId, id: CardId): Promise<boolean> {
      const result = await db
        .deleteFrom('cards')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type CardStore = ReturnType<typeof createCardStore>;

/** The columns of the fields given; an absent field keeps its stored value. */
function toChangedRow(fields: Partial<CardFields>) {
  const row: Partial<Omit<Selectable<CardsTable>, 'id' | 'account_id' | 'created_at' | 'updated_at'>> = {};
  if (fields.label !== undefined) row.label = fields.label;
  if (fields.name !== undefined) row.name = fields.name;
  if (fields.phone !== undefined) row.phone_e164 = fields.phone;
  if (fields.email !== undefined) row.email = fields.email;
  if (fields.note !== undefined) row.note = fields.note;
  if (fields.handles !== undefined) row.handles = JSON.stringify(fields.handles);
  if (fields.shows !== undefined) row.shows = JSON.stringify(fields.shows);
  return row;
}

function toCard(row: Selectable<CardsTable>): Card {
  const shows = JSON.parse(row.shows) as Partial<CardShows>;
  return {
    id: row.id as CardId,
    label: row.label,
    name: row.name,
    phone: row.phone_e164,
    email: row.email,
    note: row.note,
    handles: JSON.parse(row.handles) as CardHandle[],
    // A flag missing from the stored JSON is off: a card never shows more than was chosen.
    shows: {
      name: shows.name === true,
      phone: shows.phone === true,
      email: shows.email === true,
      note: shows.note === true,
      handles: Array.isArray(shows.handles) ? shows.handles : [],
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
