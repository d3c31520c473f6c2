import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { Database, ExchangeLinksTable } from './database-schema.ts';
import type { AccountId, CardId, EncounterId, ExchangeLinkId, PersonId } from './ids.ts';

export type { ExchangeLinkId } from './ids.ts';

/** How a link stands for its owner: `expired` is an active link past its time. */
export type ExchangeLinkState = ExchangeLinksTable['state'] | 'expired';

/** One of my exchange links, as I see it. A decline says only that it happened, never who. */
export interface ExchangeLink {
  id: ExchangeLinkId;
  cardId: CardId;
  cardLabel: string;
  encounterId: EncounterId | null;
  oneTime: boolean;
  state: ExchangeLinkState;
  createdAt: string;
  expiresAt: string;
  viewed: boolean;
  answeredAt: string | null;
  /** The person who shared back last; null until someone did. */
  personId: PersonId | null;
  shares: number;
  declines: number;
}

/** A live link found by its token's hash: what the public page and its answers need. */
export interface LiveLink {
  id: ExchangeLinkId;
  accountId: AccountId;
  cardId: CardId;
  encounterId: EncounterId | null;
  oneTime: boolean;
  viewed: boolean;
  /** When the link stops working: whatever was read about it holds at most until then. */
  expiresAt: string;
}

export interface NewExchangeLink {
  id: ExchangeLinkId;
  cardId: CardId;
  encounterId: EncounterId | null;
  tokenHash: string;
  oneTime: boolean;
  expiresAt: string;
  now: string;
}

/**
 * Exchange links. Only the SHA-256 of a token is stored and looked up. A token is live while its link
 * is active, unexpired and not blocked (by link, or by the person who shared back through it); a dead
 * token is found by nothing, so every dead token looks like one that never existed. Answers (share
 * back, decline) are one UPDATE guarded by token, state and time: of racing answers to a one-time
 * link exactly one wins.
 */
export function createExchangeLinkStore(db: Kysely<Database>) {
  const get = async (accountId: AccountId, id: ExchangeLinkId, now: string) => {
    const row = await selectLinks(db)
      .where('exchange_links.account_id', '=', accountId)
      .where('exchange_links.id', '=', id)
      .executeTakeFirst();
    return row ? toExchangeLink(row, now) : undefined;
  };

  /** The guarded answer: counts it, ends a one-time link, and answers the link it was, if live. */
  const answer = async (tokenHash: string, now: string, kind: 'shared-back' | 'declined') => {
    const row = await db
      .updateTable('exchange_links')
      .set((eb) => ({
        state: sql<
          ExchangeLinksTable['state']
        >`case when ${eb.ref('one_time')} = 1 then ${kind} else ${eb.ref('state')} end`,
        answered_at: now,
        ...(kind === 'shared-back' ? { shares: sql`shares + 1` } : { declines: sql`declines + 1` }),
      }))
      .where('token_hash', '=', tokenHash)
      .where('state', '=', 'active')
      .where('expires_at', '>', now)
      .where((eb) => eb.not(isBlocked(eb)))
      .returning(['id', 'account_id', 'card_id', 'encounter_id', 'one_time', 'viewed_at', 'expires_at'])
      .executeTakeFirst();
    return row ? toLiveLink(row) : undefined;
  };

  return {
    get,

    async create(accountId: AccountId, input: NewExchangeLink): Promise<ExchangeLink> {
      await db
        .insertInto('exchange_links')
        .values({
          id: input.id,
          account_id: accountId,
          card_id: input.cardId,
          encounter_id: input.encounterId,
          token_hash: input.tokenHash,
          one_time: input.oneTime ? 1 : 0,
          state: 'active',
          expires_at: input.expiresAt,
          viewed_at: null,
          answered_at: null,
          person_id: null,
          created_at: input.now,
          shares: 0,
          declines: 0,
          revoked_at: null,
        })
        .execute();
      const link = await get(accountId, input.id, input.now);
      if (!link) throw new Error('a link just written could not be read back');
      return link;
    },

    /** My links, newest first. */
    async list(accountId: AccountId, now: string): Promise<ExchangeLink[]> {
      const rows = await selectLinks(db)
        .where('exchange_links.account_id', '=', accountId)
        .orderBy('exchange_links.created_at', 'desc')
        .orderBy('exchange_links.id', 'desc')
        .execute();
      return rows.map((row) => toExchangeLink(row, now));
    },

    /**
     * Gives a live link a new token: the old one is dead from this commit on. Answers undefined when
     * the link is not mine, and `ended` when it can no longer be answered (make a new one instead).
     */
    async resetToken(
      accountId: AccountId,
      id: ExchangeLinkId,
      tokenHash: string,
      now: string,
    ): Promise<ExchangeLink | 'ended' | undefined> {
      const result = await db
        .updateTable('exchange_links')
        .set({ token_hash: tokenHash })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('state', '=', 'active')
        .where('expires_at', '>', now)
        .executeTakeFirst();
      const link = await get(accountId, id, now);
      if (!link) return undefined;
      return Number(result.numUpdatedRows) === 1 ? link : 'ended';
    },

    /** Ends an active link; a link already ended stays as it is. Undefined when it is not mine. */
    async revoke(accountId: AccountId, id: ExchangeLinkId, now: string): Promise<ExchangeLink | undefined> {
      await db
        .updateTable('exchange_links')
        .set({ state: 'revoked', revoked_at: now })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('state', '=', 'active')
        .execute();
      return get(accountId, id, now);
    },

    /** The live link behind a token's hash; undefined for every kind of dead or unknown token. */
    async findLive(tokenHash: string, now: string): Promise<LiveLink | undefined> {
      const row = await db
        .selectFrom('exchange_links')
        .select(['id', 'account_id', 'card_id', 'encounter_id', 'one_time', 'viewed_at', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .where('state', '=', 'active')
        .where('expires_at', '>', now)
        .where((eb) => eb.not(isBlocked(eb)))
        .executeTakeFirst();
      return row ? toLiveLink(row) : undefined;
    },

    /** Notes the first view; later views write nothing. */
    async markViewed(id: ExchangeLinkId, now: string): Promise<void> {
      await db
        .updateTable('exchange_links')
        .set({ viewed_at: now })
        .where('id', '=', id)
        .where('viewed_at', 'is', null)
        .execute();
    },

    /** Claims a share-back on a live token (run in the transaction that stores the person). */
    claimShareBack: (tokenHash: string, now: string) => answer(tokenHash, now, 'shared-back'),

    /** Counts a "Not now" on a live token and ends a one-time link. Stores nothing about who. */
    decline: (tokenHash: string, now: string) => answer(tokenHash, now, 'declined'),

    /** Records who shared back through the link, and the consent row: whose details, which fields, when. */
    async recordShareBack(
      accountId: AccountId,
      input: { linkId: ExchangeLinkId; personId: PersonId; consentId: string; fields: string[]; now: string },
    ): Promise<void> {
      await db
        .updateTable('exchange_links')
        .set({ person_id: input.personId })
        .where('account_id', '=', accountId)
        .where('id', '=', input.linkId)
        .execute();
      await db
        .insertInto('consent_events')
        .values({
          id: input.consentId,
          account_id: accountId,
          person_id: input.personId,
          kind: 'shared-back',
          fields: JSON.stringify(input.fields),
          at: input.now,
        })
        .execute();
    },

    /**
     * Deletes records nobody needs any more (RELIABILITY.md: purged after 30 days): declined and
     * revoked links, and links nobody shared back through, once `cutoff` is past their end. A link
     * someone shared back through is kept with the person it brought. Answers how many went.
     */
    async purgeEnded(cutoff: string): Promise<number> {
      const result = await db
        .deleteFrom('exchange_links')
        .where((eb) =>
          eb.or([
            eb.and([eb('state', '=', 'declined'), eb('answered_at', '<', cutoff)]),
            // A link revoked by a block may carry no revoke time: its expiry dates it then.
            eb.and([
              eb('state', '=', 'revoked'),
              eb(eb.fn.coalesce('revoked_at', 'expires_at'), '<', cutoff),
            ]),
            eb.and([eb('state', '=', 'active'), eb('shares', '=', 0), eb('expires_at', '<', cutoff)]),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type ExchangeLinkStore = ReturnType<typeof createExchangeLinkStore>;

/** A block on the link itself, or on the person who shared back through it. */
function isBlocked(eb: ExpressionBuilder<Database, 'exchange_links'>) {
  return eb.exists(
    eb
      .selectFrom('blocks')
      .select('blocks.id')
      .whereRef('blocks.account_id', '=', 'exchange_links.account_id')
      .where((inner) =>
        inner.or([
          inner('blocks.link_id', '=', inner.ref('exchange_links.id')),
          inner('blocks.person_id', '=', inner.ref('exchange_links.person_id')),
        ]),
      ),
  );
}

function selectLinks(db: Kysely<Database>) {
  return db
    .selectFrom('exchange_links')
    .innerJoin('cards', 'cards.id', 'exchange_links.card_id')
    .selectAll('exchange_links')
    .select('cards.label as card_label');
}

function toExchangeLink(
  row: Selectable<ExchangeLinksTable> & { card_label: string },
  now: string,
): ExchangeLink {
  const expired = row.state === 'active' && row.expires_at <= now;
  return {
    id: row.id as ExchangeLinkId,
    cardId: row.card_id as CardId,
    cardLabel: row.card_label,
    encounterId: row.encounter_id as EncounterId | null,
    oneTime: Number(row.one_time) === 1,
    state: expired ? 'expired' : row.state,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    viewed: row.viewed_at !== null,
    answeredAt: row.answered_at,
    personId: row.person_id as PersonId | null,
    shares: Number(row.shares),
    declines: Number(row.declines),
  };
}

function toLiveLink(
  row: Pick<
    Selectable<ExchangeLinksTable>,
    'id' | 'account_id' | 'card_id' | 'encounter_id' | 'one_time' | 'viewed_at' | 'expires_at'
  >,
): LiveLink {
  return {
    id: row.id as ExchangeLinkId,
    accountId: row.account_id as AccountId,
    cardId: row.card_id as CardId,
    encounterId: row.encounter_id as EncounterId | null,
    oneTime: Number(row.one_time) === 1,
    viewed: row.viewed_at !== null,
    expiresAt: row.expires_at,
  };
}
