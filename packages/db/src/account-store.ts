import type { Kysely, Selectable } from 'kysely';
import type { AccountsTable, Database } from './database-schema.ts';
import type { AccountId } from './ids.ts';

export interface AccountSettings {
  name: string | null;
  /** ISO 3166 region for reading and showing phone numbers, e.g. DE. */
  phoneRegion: string;
  timeZone: string;
  quietHours: { start: string; end: string };
  firstTextDelayHours: number;
}

export interface Account {
  id: AccountId;
  email: string;
  role: 'owner' | 'member';
  settings: AccountSettings;
  createdAt: string;
}

export interface NewAccount {
  id: AccountId;
  email: string;
  passwordHash: string;
  settings: AccountSettings;
  now: string;
}

export function createAccountStore(db: Kysely<Database>) {
  return {
    /**
     * Creates the account: the first one on a server is its owner, later ones members (none when
     * `ownerOnly`). Answers undefined when the email is taken or no member may be made. A unique index
     * keeps one owner, so of racing first sign-ups exactly one makes it; the others are then later ones.
     */
    async create(input: NewAccount & { ownerOnly?: boolean }): Promise<Account | undefined> {
      for (let attempt = 0; attempt < 2; attempt++) {
        const first =
          (await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst()) === undefined;
        if (!first && input.ownerOnly) return undefined;
        const taken = await db
          .selectFrom('accounts')
          .select('id')
          .where('email', '=', input.email)
          .executeTakeFirst();
        if (taken) return undefined;
        const row = {
          id: input.id,
          email: input.email,
          password_hash: input.passwordHash,
          role: first ? ('owner' as const) : ('member' as const),
          ...toSettingsRow(input.settings),
          created_at: input.now,
        };
        // A racing sign-up took the owner's place or this email: nothing is inserted; look again.
        const result = await db
          .insertInto('accounts')
          .values(row)
          .onConflict((conflict) => conflict.doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) return toAccount(row);
      }
      return undefined;
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async get(id: AccountId): Promise<Account | undefined> {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAccount(row) : undefined;
    },

    /** The account with this email, or the server's owner when no email is given (for the CLI). */
    async findForAdmin(email?: string): Promise<Account | undefined> {
      const query = db.selectFrom('accounts').selectAll();
      const row = await (email
        ? query.where('email', '=', email.toLowerCase())
        : query.where('role', '=', 'owner')
      ).executeTakeFirst();
      return row ? toAccount(row) : undefined;
    },

    /** The account and its password hash, for login only. */
    async findCredentials(email: string): Promise<{ account: Account; passwordHash: string } | undefined> {
      const row = await db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
      return row ? { account: toAccount(row), passwordHash: row.password_hash } : undefined;
    },

    async updateSettings(id: AccountId, settings: AccountSettings): Promise<Account | undefined> {
      await db.updateTable('accounts').set(toSettingsRow(settings)).where('id', '=', id).execute();
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAccount(row) : undefined;
    },

    async setPasswordHash(id: AccountId, passwordHash: string): Promise<void> {
      await db.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },

    /** Removes the account; every row of it goes with it (foreign keys cascade). */
    async delete(id: AccountId): Promise<boolean> {
      const result = await db.deleteFrom('accounts').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;

function toSettingsRow(settings: AccountSettings) {
  return {
    name: settings.name,
    phone_region: settings.phoneRegion,
    time_zone: settings.timeZone,
    quiet_start: settings.quietHours.start,
    quiet_end: settings.quietHours.end,
    first_text_delay_hours: settings.firstTextDelayHours,
  };
}

function toAccount(row: Omit<Selectable<AccountsTable>, 'password_hash'>): Account {
  return {
    id: row.id as AccountId,
    email: row.email,
    role: row.role,
    settings: {
      name: row.name,
      phoneRegion: row.phone_region,
      timeZone: row.time_zone,
      quietHours: { start: row.quiet_start, end: row.quiet_end },
      firstTextDelayHours: Number(row.first_text_delay_hours),
    },
    createdAt: row.created_at,
  };
}
