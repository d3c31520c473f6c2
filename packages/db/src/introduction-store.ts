import type { Kysely, Selectable } from 'kysely';
import type { Database, IntroductionsTable } from './database-schema.ts';
import type { AccountId, PersonId } from './ids.ts';

export type IntroductionId = string & { readonly __brand: 'IntroductionId' };
export type IntroductionSide = 'a' | 'b';
/** What an introduced person may agree to show the other: the name always, the rest if they tick it. */
export type IntroductionShare = 'name' | 'phone' | 'handles';
export type IntroductionState = IntroductionsTable['state'];

/** A double-opt-in introduction between two of my people; each side holds its own token. */
export interface Introduction {
  id: IntroductionId;
  accountId: AccountId;
  personAId: PersonId;
  personBId: PersonId;
  note: string | null;
  answerA: IntroductionsTable['answer_a'];
  answerB: IntroductionsTable['answer_b'];
  state: IntroductionState;
  /** What each side agreed to show the other; null until that side said yes. */
  sharesA: IntroductionShare[] | null;
  sharesB: IntroductionShare[] | null;
  expiresAt: string;
  completedAt: string | null;
  createdAt: string;
}

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

/** Pages answer only while the introduction is pending or completed, and before it expires. */
export function isIntroductionOpen(intro: Introduction, now: string): boolean {
  return (intro.state === 'pending' || intro.state === 'completed') && now < intro.expiresAt;
}

// A dropped introduction keeps no answer and no choice: nobody can tell from the row who said no.
const FORGET_ANSWERS = { answer_a: 'pending', answer_b: 'pending', shares_a: null, shares_b: null } as const;

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

    /** Newest first. */
    async list(accountId: AccountId, options: { limit: number; offset: number }): Promise<Introduction[]> {
      const rows = await db
        .selectFrom('introductions')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(options.limit)
        .offset(options.offset)
        .execute();
      return rows.map(toIntroduction);
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
     * One side says yes, with what it agrees to show. When the other side had said yes already, the
     * same transaction completes the introduction, keeps its pages open until `revealUntil` at the
     * least, and records one consent row per side with the fields disclosed.
     */
    async accept(
      id: IntroductionId,
      side: IntroductionSide,
      input: { shares: IntroductionShare[]; now: string; revealUntil: string; consentIds: [string, string] },
    ): Promise<AcceptResult> {
      const answer = 'accepted' as const;
      const shares = JSON.stringify(input.shares);
      const answered = await db
        .updateTable('introductions')
        .set(side === 'a' ? { answer_a: answer, shares_a: shares } : { answer_b: answer, shares_b: shares })
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
      const revoked = await db
        .updateTable('introductions')
        .set({ state: 'revoked', ...FORGET_ANSWERS })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      const closed = await db
        .updateTable('introductions')
        .set({ expires_at: now })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('state', '=', 'completed')
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(revoked.numUpdatedRows) + Number(closed.numUpdatedRows) > 0;
    },

    /** Blocking a person: their pending introductions are revoked, completed ones' pages close. */
    async dropForPerson(accountId: AccountId, personId: PersonId, now: string): Promise<number> {
      const revoked = await db
        .updateTable('introductions')
        .set({ state: 'revoked', ...FORGET_ANSWERS })
        .where('account_id', '=', accountId)
        .where((eb) => eb.or([eb('person_a_id', '=', personId), eb('person_b_id', '=', personId)]))
        .where('state', '=', 'pending')
        .executeTakeFirst();
      await db
        .updateTable('introductions')
        .set({ expires_at: now })
        .where('account_id', '=', accountId)
        .where((eb) => eb.or([eb('person_a_id', '=', personId), eb('person_b_id', '=', personId)]))
        .where('state', '=', 'completed')
        .where('expires_at', '>', now)
        .execute();
      return Number(revoked.numUpdatedRows);
    },
  };
}

export type IntroductionStore = ReturnType<typeof createIntroductionStore>;

function toIntroduction(row: Selectable<IntroductionsTable>): Introduction {
  return {
    id: row.id as IntroductionId,
    accountId: row.account_id as AccountId,
    personAId: row.person_a_id as PersonId,
    personBId: row.person_b_id as PersonId,
    note: row.note,
    answerA: row.answer_a,
    answerB: row.answer_b,
    state: row.state,
    sharesA: parseShares(row.shares_a),
    sharesB: parseShares(row.shares_b),
    expiresAt: row.expires_at,
    completedAt: row.completed_at,
    createdAt: row.created_at,
  };
}

function parseShares(json: string | null): IntroductionShare[] | null {
  return json === null ? null : (JSON.parse(json) as IntroductionShare[]);
}
