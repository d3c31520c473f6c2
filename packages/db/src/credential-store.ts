import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import type { AccountId, ApiTokenId } from './ids.ts';

/**
 * Sessions, API tokens and calendar-feed secrets. Only SHA-256 hashes of the secrets reach this
 * store (RELIABILITY.md): a copy of the database cannot be used to sign in.
 */
export function createCredentialStore(db: Kysely<Database>) {
  return {
    async createSession(session: {
      tokenHash: string;
      accountId: AccountId;
      now: string;
      expiresAt: string;
    }) {
      await db
        .insertInto('sessions')
        .values({
          token_hash: session.tokenHash,
          account_id: session.accountId,
          created_at: session.now,
          last_seen_at: session.now,
          expires_at: session.expiresAt,
        })
        .execute();
    },

    /**
     * The account of a live session, sliding its idle expiry. A session past its idle or absolute
     * expiry is deleted and answers undefined.
     */
    async useSession(tokenHash: string, now: string, idleCutoff: string): Promise<AccountId | undefined> {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return undefined;
      if (row.expires_at <= now || row.last_seen_at < idleCutoff) {
        await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
        return undefined;
      }
      // Sliding the idle expiry needs minute precision only: most reads then write nothing, and
      // still work while the database cannot take writes.
      if (Date.parse(now) - Date.parse(row.last_seen_at) > 60_000) {
        await db
          .updateTable('sessions')
          .set({ last_seen_at: now })
          .where('token_hash', '=', tokenHash)
          .execute()
          .catch(() => {
            // Not sliding the expiry this once is harmless; refusing the request would not be.
          });
      }
      return row.account_id as AccountId;
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },

    /** Whether the session lives (within both expiries), without sliding its idle expiry. */
    async isSessionLive(tokenHash: string, now: string, idleCutoff: string): Promise<boolean> {
      const row = await db
        .selectFrom('sessions')
        .select('token_hash')
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .where('last_seen_at', '>=', idleCutoff)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Ends every session and API token of the account, except the one credential given (by its
     * hash): a password change keeps the session or token it was made with.
     */
    async endCredentials(accountId: AccountId, keep?: string): Promise<void> {
      const except = keep ?? '';
      await db
        .deleteFrom('sessions')
        .where('account_id', '=', accountId)
        .where('token_hash', '<>', except)
        .execute();
      await db
        .deleteFrom('api_tokens')
        .where('account_id', '=', accountId)
        .where('token_hash', '<>', except)
        .execute();
    },

    async createApiToken(token: {
      id: ApiTokenId;
      accountId: AccountId;
      tokenHash: string;
      name: string;
      now: string;
    }) {
      await db
        .insertInto('api_tokens')
        .values({
          id: token.id,
          account_id: token.accountId,
          token_hash: token.tokenHash,
          name: token.name,
          created_at: token.now,
          last_used_at: null,
        })
        .execute();
    },

    async useApiToken(tokenHash: string, now: string): Promise<AccountId | undefined> {
      const row = await db
        .selectFrom('api_tokens')
        .select('account_id')
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return undefined;
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: now })
        .where('token_hash', '=', tokenHash)
        .execute();
      return row.account_id as AccountId;
    },

    async isApiTokenLive(tokenHash: string): Promise<boolean> {
      const row = await db
        .selectFrom('api_tokens')
        .select('id')
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Revokes the API token with this secret's hash (signing out with a bearer). */
    async deleteApiTokenByHash(tokenHash: string): Promise<void> {
      await db.deleteFrom('api_tokens').where('token_hash', '=', tokenHash).execute();
    },

    async listApiTokens(accountId: AccountId) {
      const rows = await db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'created_at', 'last_used_at'])
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .execute();
      return rows.map((row) => ({
        id: row.id as ApiTokenId,
        name: row.name,
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
      }));
    },

    async deleteApiToken(accountId: AccountId, id: ApiTokenId): Promise<boolean> {
      const result = await db
        .deleteFrom('api_tokens')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Sets the calendar feed's secret, replacing (and so killing) the previous one. */
    async resetCalendarFeed(accountId: AccountId, tokenHash: string, now: string): Promise<void> {
      await db.deleteFrom('calendar_feeds').where('account_id', '=', accountId).execute();
      await db
        .insertInto('calendar_feeds')
        .values({ account_id: accountId, token_hash: tokenHash, created_at: now })
        .execute();
    },

    async findCalendarFeed(tokenHash: string): Promise<AccountId | undefined> {
      const row = await db
        .selectFrom('calendar_feeds')
        .select('account_id')
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row?.account_id as AccountId | undefined;
    },

    async hasCalendarFeed(accountId: AccountId): Promise<boolean> {
      const row = await db
        .selectFrom('calendar_feeds')
        .select('account_id')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type CredentialStore = ReturnType<typeof createCredentialStore>;
