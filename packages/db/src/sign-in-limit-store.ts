import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import type { AccountId } from './ids.ts';

/** Failed sign-ins counted three ways since a moment: one address at one email, one email, all. */
export interface FailureCounts {
  fromAddress: number;
  forEmail: number;
  overall: number;
}

/**
 * What the limits on signing in and up count. Emails and client addresses arrive hashed: this
 * store never holds either in the clear.
 */
export function createSignInLimitStore(db: Kysely<Database>) {
  const count = async (query: Promise<{ n: string | number } | undefined>) => Number((await query)?.n ?? 0);
  const failuresSince = (since: string) =>
    db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('failed_at', '>=', since);
  return {
    async countFailures(emailHash: string, addressHash: string, since: string): Promise<FailureCounts> {
      const forEmail = failuresSince(since).where('email_hash', '=', emailHash);
      return {
        fromAddress: await count(forEmail.where('address_hash', '=', addressHash).executeTakeFirst()),
        forEmail: await count(forEmail.executeTakeFirst()),
        overall: await count(failuresSince(since).executeTakeFirst()),
      };
    },

    /** Records a failed sign-in, and forgets failures older than `forgetBefore`. */
    async recordFailure(emailHash: string, addressHash: string, now: string, forgetBefore: string) {
      await db.deleteFrom('login_failures').where('failed_at', '<', forgetBefore).execute();
      await db
        .insertInto('login_failures')
        .values({ email_hash: emailHash, address_hash: addressHash, failed_at: now })
        .execute();
    },

    /** Notes that the account signed in from this address (now). */
    async rememberAddress(accountId: AccountId, addressHash: string, now: string): Promise<void> {
      await db
        .insertInto('sign_in_addresses')
        .values({ account_id: accountId, address_hash: addressHash, signed_in_at: now })
        .onConflict((conflict) =>
          conflict.columns(['account_id', 'address_hash']).doUpdateSet({ signed_in_at: now }),
        )
        .execute();
    },

    /** Whether the account signed in from this address at or after `since`. */
    async hasSignedInFrom(accountId: AccountId, addressHash: string, since: string): Promise<boolean> {
      const row = await db
        .selectFrom('sign_in_addresses')
        .select('account_id')
        .where('account_id', '=', accountId)
        .where('address_hash', '=', addressHash)
        .where('signed_in_at', '>=', since)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Counts a sign-up attempt from the address and answers how many it made since `since`, this
     * one included: of racing attempts, the last to count sees them all, so no more than the limit pass.
     */
    async countSignUp(addressHash: string, now: string, since: string): Promise<number> {
      await db.deleteFrom('sign_up_attempts').where('attempted_at', '<', since).execute();
      await db
        .insertInto('sign_up_attempts')
        .values({ address_hash: addressHash, attempted_at: now })
        .execute();
      return count(
        db
          .selectFrom('sign_up_attempts')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('address_hash', '=', addressHash)
          .where('attempted_at', '>=', since)
          .executeTakeFirst(),
      );
    },
  };
}

export type SignInLimitStore = ReturnType<typeof createSignInLimitStore>;
