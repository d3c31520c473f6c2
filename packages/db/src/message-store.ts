import type { Kysely, Selectable } from 'kysely';
import type { Database, MessagesTable } from './database-schema.ts';
import type { AccountId, MessageId, PersonId } from './ids.ts';

export type MessageDirection = MessagesTable['direction'];

export interface Message {
  id: MessageId;
  personId: PersonId;
  direction: MessageDirection;
  /** When it was sent or received. */
  at: string;
  text: string | null;
  createdAt: string;
}

/** What the follow-up planner needs to know about the contact with one person so far. */
export interface ContactState {
  /** The latest message either way, or null when none was logged. */
  lastContactAt: string | null;
  /** Messages sent after the last one received (all sent ones if nothing came back yet). */
  unanswered: number;
}

/** Messages logged per person. Every query is scoped to its owner. */
export function createMessageStore(db: Kysely<Database>) {
  return {
    async create(
      accountId: AccountId,
      input: {
        id: MessageId;
        personId: PersonId;
        direction: MessageDirection;
        at: string;
        text: string | null;
        now: string;
      },
    ): Promise<Message> {
      const row = {
        id: input.id,
        account_id: accountId,
        person_id: input.personId,
        direction: input.direction,
        at: input.at,
        text: input.text,
        created_at: input.now,
      };
      await db.insertInto('messages').values(row).execute();
      return toMessage(row);
    },

    /** Newest first, by when they were sent or received. */
    async list(
      accountId: AccountId,
      personId: PersonId,
      options: { limit: number; offset: number },
    ): Promise<Message[]> {
      const rows = await db
        .selectFrom('messages')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('person_id', '=', personId)
        .orderBy('at', 'desc')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit)
        .offset(options.offset)
        .execute();
      return rows.map(toMessage);
    },

    /** Counted by when messages were sent, not when they were logged, so a late log counts right. */
    async contactState(accountId: AccountId, personId: PersonId): Promise<ContactState> {
      const scoped = db
        .selectFrom('messages')
        .where('account_id', '=', accountId)
        .where('person_id', '=', personId);
      const latest = await scoped
        .select((eb) => [
          eb.fn.max('at').as('last_at'),
          eb.fn
            .max(eb.case().when('direction', '=', 'received').then(eb.ref('at')).end())
            .as('last_received'),
        ])
        .executeTakeFirst();
      const lastReceived = latest?.last_received ?? null;
      let unansweredQuery = scoped.where('direction', '=', 'sent');
      if (lastReceived !== null) unansweredQuery = unansweredQuery.where('at', '>', lastReceived);
      const unanswered = await unansweredQuery
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirst();
      return { lastContactAt: latest?.last_at ?? null, unanswered: Number(unanswered?.n ?? 0) };
    },
  };
}

export type MessageStore = ReturnType<typeof createMessageStore>;

export function toMessage(row: Selectable<MessagesTable>): Message {
  return {
    id: row.id as MessageId,
    personId: row.person_id as PersonId,
    direction: row.direction,
    at: row.at,
    text: row.text,
    createdAt: row.created_at,
  };
}
