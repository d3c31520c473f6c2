import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Database } from './database-schema.ts';
import type { AccountId, PersonId } from './ids.ts';
import {
  type Introduction,
  type IntroductionId,
  type IntroductionReveal,
  type IntroductionShare,
  type IntroductionSide,
  toIntroduction,
} from './introduction.ts';

export interface NewIntroduction {
  id: IntroductionId;
  personAId: PersonId;
  personBId: PersonId;
  note: string | null;
  tokenAHash: string;
  tokenBHash: string;
  expiresAt: string;
  now: string;
}

/** Accepting answers whether this call changed the record, and whether it completed it. */
export interface AcceptResult {
  changed: boolean;
  completed: boolean;
}

/** Which of the account's introductions a write is about. */
type IntroductionFilter = (eb: ExpressionBuilder<Database, 'introductions'>) => Expression<SqlBool>;

// A dropped introduction keeps no answer and no choice: nobody can tell from the row who said no.
const FORGET_ANSWERS = {
  answer_a: 'pending',
  answer_b: 'pending',
  shares_a: null,
  shares_b: null,
  reveal_a: null,
  reveal_b: null,
} as const;

/**
 * Introductions. Accept, decline, revoke and expire are each one UPDATE guarded by state (run each
 * inside `store.transaction`): of racing requests exactly one changes the row, the rest change nothing.
 */
export function createIntroductionStore(db: Kysely<Database>) {
  const get = async (accountId: AccountId, id: IntroductionId): Promise<Introduction | undefined> => {
    const row = await db
      .selectFrom('introductions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toIntroduction(row) : undefined;
  };

  const newestFirst = (accountId: AccountId) =>
    db
      .selectFrom('introductions')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .orderBy('id');

  /** Takes introductions back: pending ones are revoked (answers forgotten), completed ones' pages close. */
  const drop = async (accountId: AccountId, which: IntroductionFilter, now: string) => {
    const revoked = await db
      .updateTable('introductions')
      .set({ state: 'revoked', ...FORGET_ANSWERS })
      .where('account_id', '=', accountId)
      .where(which)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    const closed = await db
      .updateTable('introductions')
      .set({ expires_at: now })
      .where('account_id', '=', accountId)
      .where(which)
      .where('state', '=', 'completed')
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return { revoked: Number(revoked.numUpdatedRows), closed: Number(closed.numUpdatedRows) };
  };

  return {
    get,

    async create(accountId: AccountId, input: NewIntroduction): Promise<Introduction> {
      await db
        .insertInto('introductions')
        .values({
          id: input.id,
          account_id: accountId,
          person_a_id: input.personAId,
          person_b_id: input.personBId,
          note: input.note,
          token_a_hash: input.tokenAHash,
          token_b_hash: input.tokenBHash,
          ...FORGET_ANSWERS,
          state: 'pending',
          expires_at: input.expiresAt,
          completed_at: null,
          created_at: input.now,
        })
        .execute();
      const created = await get(accountId, input.id);
      if (!created) throw new Error('an introduction just written could not be read back');
      return created;
    },

    /** Newest first, a page at a time. */
    async list(accountId: AccountId, options: { limit: number; offset: number }): Promise<Introduction[]> {
      const rows = await newestFirst(accountId).limit(options.limit).offset(options.offset).execute();
      return rows.map(toIntroduction);
    },

    /** Every introduction of the account, newest first: for the export. */
    async listAll(accountId: AccountId): Promise<Introduction[]> {
      return (await newestFirst(accountId).execute()).map(toIntroduction);
    },

    /**
     * The introduction a page token opens, and which side it is; undefined for an unknown token and
     * for an introduction with a blocked person in it. The token is the credential: no owner here.
     */
    async findByToken(
      tokenHash: string,
    ): Promise<{ introduction: Introduction; side: IntroductionSide } | undefined> {
      const row = await db
        .selectFrom('introductions')
        .selectAll('introductions')
        .where((eb) => eb.or([eb('token_a_hash', '=', tokenHash), eb('token_b_hash', '=', tokenHash)]))
        .where(({ exists, not, selectFrom }) =>
          not(
            exists(
              selectFrom('blocks')
                .select('blocks.id')
                .whereRef('blocks.account_id', '=', 'introductions.account_id')
                .where((eb) =>
                  eb.or([
                    eb('blocks.person_id', '=', eb.ref('introductions.person_a_id')),
                    eb('blocks.person_id', '=', eb.ref('introductions.person_b_id')),
                  ]),
                ),
            ),
          ),
        )
        .executeTakeFirst();
      if (!row) return undefined;
      return { introduction: toIntroduction(row), side: row.token_a_hash === tokenHash ? 'a' : 'b' };
    },

    /**
     * One side says yes, with what it agrees to show and those details as they are now (`reveal`):
     * the other side sees that snapshot, never later edits. When the other side had said yes already, the
     * same transaction completes the introduction, keeps its pages open until `revealUntil` at the
     * least, and records one consent row per side with the fields disclosed.
     */
    async accept(
      id: IntroductionId,
      side: IntroductionSide,
      input: {
        shares: IntroductionShare[];
        reveal: IntroductionReveal;
        now: string;
        revealUntil: string;
        consentIds: [string, string];
      },
    ): Promise<AcceptResult> {
      const answer = 'accepted' as const;
      const shares = JSON.stringify(input.shares);
      const reveal = JSON.stringify(input.reveal);
      const answered = await db
        .updateTable('introductions')
        .set(
          side === 'a'
            ? { answer_a: answer, shares_a: shares, reveal_a: reveal }
            : { answer_b: answer, shares_b: shares, reveal_b: reveal },
        )
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where(side === 'a' ? 'answer_a' : 'answer_b', '=', 'pending')
        .where('expires_at', '>', input.now)
        .returningAll()
        .executeTakeFirst();
      if (!answered) return { changed: false, completed: false };
      const completed = await db
        .updateTable('introductions')
        .set({
          state: 'completed',
          completed_at: input.now,
          expires_at: new Date(
            Math.max(Date.parse(answered.expires_at), Date.parse(input.revealUntil)),
          ).toISOString(),
        })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where('answer_a', '=', 'accepted')
        .where('answer_b', '=', 'accepted')
        .returningAll()
        .executeTakeFirst();
      if (!completed) return { changed: true, completed: false };
      // Each row: whose details were disclosed (to the other side), which fields, and when.
      const [consentA, consentB] = input.consentIds;
      const disclosed = { account_id: completed.account_id, kind: 'introduction-revealed', at: input.now };
      await db
        .insertInto('consent_events')
        .values([
          {
            ...disclosed,
            id: consentA,
            person_id: completed.person_a_id,
            fields: completed.shares_a ?? '[]',
          },
          {
            ...disclosed,
            id: consentB,
            person_id: completed.person_b_id,
            fields: completed.shares_b ?? '[]',
          },
        ])
        .execute();
      return { changed: true, completed: true };
    },

    /** Either side says no (before or after a yes): the introduction is declined and forgets both answers. */
    async decline(id: IntroductionId, now: string): Promise<boolean> {
      const result = await db
        .updateTable('introductions')
        .set({ state: 'declined', ...FORGET_ANSWERS })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** A pending introduction past its time becomes expired; answers whether this call did it. */
    async expire(id: IntroductionId, now: string): Promise<boolean> {
      const result = await db
        .updateTable('introductions')
        .set({ state: 'expired', ...FORGET_ANSWERS })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * The introducer takes it back: a pending one is revoked; a completed one keeps its state (it did
     * happen) but its pages close now. Answers whether anything changed.
     */
    async revoke(accountId: AccountId, id: IntroductionId, now: string): Promise<boolean> {
      const { revoked, closed } = await drop(accountId, (eb) => eb('id', '=', id), now);
      return revoked + closed > 0;
    },

    /** Blocking a person: their pending introductions are revoked, completed ones' pages close. */
    async dropForPerson(accountId: AccountId, personId: PersonId, now: string): Promise<number> {
      const { revoked } = await drop(
        accountId,
        (eb) => eb.or([eb('person_a_id', '=', personId), eb('person_b_id', '=', personId)]),
        now,
      );
      return revoked;
    },

    /**
     * Merging `fromId` into `toId`: introductions through the one now go through the other. One that
     * introduced the two to each other would now introduce someone to themselves, so it is dropped like
     * a revoke (pending: revoked; completed: it did happen, but its pages close). Run it in the merge's
     * transaction, before `fromId` is deleted: the foreign keys would delete its introductions.
     */
    async movePerson(accountId: AccountId, fromId: PersonId, toId: PersonId, now: string): Promise<void> {
      await db
        .updateTable('introductions')
        .set({ person_a_id: toId })
        .where('account_id', '=', accountId)
        .where('person_a_id', '=', fromId)
        .execute();
      await db
        .updateTable('introductions')
        .set({ person_b_id: toId })
        .where('account_id', '=', accountId)
        .where('person_b_id', '=', fromId)
        .execute();
      await drop(
        accountId,
        (eb) => eb.and([eb('person_a_id', '=', toId), eb('person_b_id', '=', toId)]),
        now,
      );
    },
  };
}

export type IntroductionStore = ReturnType<typeof createIntroductionStore>;
