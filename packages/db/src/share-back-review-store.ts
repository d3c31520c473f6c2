import type { Kysely, Selectable } from 'kysely';
import type { Database, ShareBackReviewsTable } from './database-schema.ts';
import type { AccountId, EncounterId, PersonId } from './ids.ts';
import type { Handle } from './people-store.ts';

export type ShareBackReviewId = string & { readonly __brand: 'ShareBackReviewId' };

/**
 * A share-back whose number or handle matched someone already in the book ("same number as Dana:
 * merge?"). It is kept apart until the owner merges it, adds it as a new person, or dismisses it:
 * a stranger never writes into an existing person.
 */
export interface ShareBackReview {
  id: ShareBackReviewId;
  linkId: string | null;
  encounterId: EncounterId | null;
  /** Whom it matched, and by what; null once that person was deleted. */
  sameAs: { personId: PersonId; name: string; match: 'phone' | 'handle' } | null;
  name: string;
  /** E.164, as they typed it. */
  phone: string | null;
  handles: Handle[];
  note: string | null;
  createdAt: string;
}

export interface NewShareBackReview {
  id: ShareBackReviewId;
  linkId: string;
  encounterId: EncounterId | null;
  personId: PersonId;
  match: 'phone' | 'handle';
  name: string;
  phone: string | null;
  handles: Handle[];
  note: string | null;
  /** The consent row of what they shared: it follows the review to whichever person it ends with. */
  consent: { id: string; fields: string[] };
  now: string;
}

export function createShareBackReviewStore(db: Kysely<Database>) {
  const withNames = (accountId: AccountId) =>
    db
      .selectFrom('share_back_reviews')
      .leftJoin('people', 'people.id', 'share_back_reviews.person_id')
      .selectAll('share_back_reviews')
      .select('people.name as person_name')
      .where('share_back_reviews.account_id', '=', accountId);

  /** Deletes the review; answers its consent row's id, or undefined when it was not there. */
  const take = (accountId: AccountId, id: ShareBackReviewId) =>
    db
      .deleteFrom('share_back_reviews')
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .returning('consent_id')
      .executeTakeFirst();

  return {
    async create(accountId: AccountId, input: NewShareBackReview): Promise<void> {
      await db
        .insertInto('consent_events')
        .values({
          id: input.consent.id,
          account_id: accountId,
          person_id: null,
          kind: 'shared-back',
          fields: JSON.stringify(input.consent.fields),
          at: input.now,
        })
        .execute();
      await db
        .insertInto('share_back_reviews')
        .values({
          id: input.id,
          account_id: accountId,
          link_id: input.linkId,
          encounter_id: input.encounterId,
          person_id: input.personId,
          match: input.match,
          consent_id: input.consent.id,
          name: input.name,
          phone_e164: input.phone,
          handles: JSON.stringify(input.handles),
          note: input.note,
          created_at: input.now,
        })
        .execute();
    },

    /** Waiting for review, newest first. */
    async list(accountId: AccountId): Promise<ShareBackReview[]> {
      const rows = await withNames(accountId)
        .orderBy('share_back_reviews.created_at', 'desc')
        .orderBy('share_back_reviews.id')
        .execute();
      return rows.map(toReview);
    },

    async get(accountId: AccountId, id: ShareBackReviewId): Promise<ShareBackReview | undefined> {
      const row = await withNames(accountId).where('share_back_reviews.id', '=', id).executeTakeFirst();
      return row ? toReview(row) : undefined;
    },

    /** It ended with `personId`: its consent row goes to them, and the review goes. */
    async settle(accountId: AccountId, id: ShareBackReviewId, personId: PersonId): Promise<boolean> {
      const row = await take(accountId, id);
      if (!row) return false;
      await db
        .updateTable('consent_events')
        .set({ person_id: personId })
        .where('account_id', '=', accountId)
        .where('id', '=', row.consent_id)
        .execute();
      return true;
    },

    /** Dismissed: the review and its consent row go, and nothing of what they shared stays. */
    async discard(accountId: AccountId, id: ShareBackReviewId): Promise<boolean> {
      const row = await take(accountId, id);
      if (!row) return false;
      await db
        .deleteFrom('consent_events')
        .where('account_id', '=', accountId)
        .where('id', '=', row.consent_id)
        .execute();
      return true;
    },
  };
}

export type ShareBackReviewStore = ReturnType<typeof createShareBackReviewStore>;

function toReview(row: Selectable<ShareBackReviewsTable> & { person_name: string | null }): ShareBackReview {
  return {
    id: row.id as ShareBackReviewId,
    linkId: row.link_id,
    encounterId: row.encounter_id as EncounterId | null,
    sameAs:
      row.person_id && row.person_name !== null
        ? { personId: row.person_id as PersonId, name: row.person_name, match: row.match }
        : null,
    name: row.name,
    phone: row.phone_e164,
    handles: JSON.parse(row.handles) as Handle[],
    note: row.note,
    createdAt: row.created_at,
  };
}
