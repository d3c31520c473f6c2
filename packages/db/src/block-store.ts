import type { Kysely, Selectable } from 'kysely';
import { forgetPendingReminders } from './consent-gate.ts';
import type { BlocksTable, Database } from './database-schema.ts';
import type { AccountId, PersonId } from './ids.ts';
import { createIntroductionStore } from './introduction-store.ts';

export type BlockId = string & { readonly __brand: 'BlockId' };

/** A block of one of my people or one of my exchange links. */
export interface Block {
  id: BlockId;
  personId: PersonId | null;
  linkId: string | null;
  createdAt: string;
}

export type BlockTarget = { personId: PersonId } | { linkId: string };

/** `created: false` when the target was blocked already: the existing block is answered. */
export type BlockWrite =
  | { ok: true; block: Block; created: boolean }
  | { ok: false; missing: 'personId' | 'linkId' };

/**
 * Blocks stop new sharing: a blocked person's introductions are dropped and my links answer them
 * the common 404; a blocked link is dead. Nothing already shared can be taken back.
 */
export function createBlockStore(db: Kysely<Database>) {
  const findFor = async (accountId: AccountId, target: BlockTarget): Promise<Block | undefined> => {
    const row = await db
      .selectFrom('blocks')
      .selectAll()
      .where('account_id', '=', accountId)
      .where((eb) =>
        'personId' in target ? eb('person_id', '=', target.personId) : eb('link_id', '=', target.linkId),
      )
      .executeTakeFirst();
    return row ? toBlock(row) : undefined;
  };

  const ownsTarget = async (accountId: AccountId, target: BlockTarget): Promise<boolean> => {
    const row =
      'personId' in target
        ? await db
            .selectFrom('people')
            .select('id')
            .where('account_id', '=', accountId)
            .where('id', '=', target.personId)
            .executeTakeFirst()
        : await db
            .selectFrom('exchange_links')
            .select('id')
            .where('account_id', '=', accountId)
            .where('id', '=', target.linkId)
            .executeTakeFirst();
    return row !== undefined;
  };

  return {
    /**
     * Blocks a person (dropping their introductions) or a link (revoking it). Run it inside
     * `store.transaction` so the block and what it drops commit together.
     */
    async create(
      accountId: AccountId,
      input: { id: BlockId; target: BlockTarget; now: string },
    ): Promise<BlockWrite> {
      const { target, now } = input;
      if (!(await ownsTarget(accountId, target)))
        return { ok: false, missing: 'personId' in target ? 'personId' : 'linkId' };
      // A unique index per person and per link: a racing second block inserts nothing.
      const inserted = await db
        .insertInto('blocks')
        .values({
          id: input.id,
          account_id: accountId,
          person_id: 'personId' in target ? target.personId : null,
          link_id: 'linkId' in target ? target.linkId : null,
          created_at: now,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      const created = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
      if ('personId' in target) {
        await createIntroductionStore(db).dropForPerson(accountId, target.personId, now);
        await forgetPendingReminders(db, accountId, target.personId);
      } else {
        await db
          .updateTable('exchange_links')
          .set({ state: 'revoked' })
          .where('account_id', '=', accountId)
          .where('id', '=', target.linkId)
          .where('state', '=', 'active')
          .execute();
      }
      const block = await findFor(accountId, target);
      if (!block) throw new Error('a block just written could not be read back');
      return { ok: true, block, created };
    },

    /** Newest first. */
    async list(accountId: AccountId): Promise<Block[]> {
      const rows = await db
        .selectFrom('blocks')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toBlock);
    },

    /** Whether this person or this link is blocked (either one, when both are given). */
    async isBlocked(accountId: AccountId, target: { personId?: string | null; linkId?: string | null }) {
      const { personId, linkId } = target;
      if (!personId && !linkId) return false;
      const row = await db
        .selectFrom('blocks')
        .select('id')
        .where('account_id', '=', accountId)
        .where((eb) =>
          eb.or([
            ...(personId ? [eb('person_id', '=', personId)] : []),
            ...(linkId ? [eb('link_id', '=', linkId)] : []),
          ]),
        )
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Merging `fromId` into `toId`: a block of either person blocks the merged one. When both were
     * blocked, `toId`'s block stays (one block per person) and `fromId`'s goes. Answers whether `toId`
     * is blocked now. Run it in the merge's transaction, before `fromId` is deleted: the foreign key
     * would delete its block, and unblock whoever it is.
     */
    async movePerson(accountId: AccountId, fromId: PersonId, toId: PersonId): Promise<boolean> {
      if (await findFor(accountId, { personId: toId })) {
        await db
          .deleteFrom('blocks')
          .where('account_id', '=', accountId)
          .where('person_id', '=', fromId)
          .execute();
        return true;
      }
      const moved = await db
        .updateTable('blocks')
        .set({ person_id: toId })
        .where('account_id', '=', accountId)
        .where('person_id', '=', fromId)
        .executeTakeFirst();
      return Number(moved.numUpdatedRows) > 0;
    },

    /** Unblocking allows new sharing again; what was dropped stays dropped. */
    async delete(accountId: AccountId, id: BlockId): Promise<boolean> {
      const result = await db
        .deleteFrom('blocks')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type BlockStore = ReturnType<typeof createBlockStore>;

function toBlock(row: Selectable<BlocksTable>): Block {
  return {
    id: row.id as BlockId,
    personId: row.person_id as PersonId | null,
    linkId: row.link_id,
    createdAt: row.created_at,
  };
}
