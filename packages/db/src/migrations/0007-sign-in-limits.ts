import { type Kysely, sql } from 'kysely';

/**
 * Limits on signing in and up that nobody else can turn against an account's owner:
 * - failed sign-ins now also keep a hash of the client address, so the limit is per (email,
 *   address), with the per-email and overall counts as a backstop;
 * - the addresses an account signed in from (hashed), which the backstop still lets through;
 * - sign-up attempts per address (hashed);
 * - at most one owner, kept by the database itself, so that racing first sign-ups make one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('login_failures').addColumn('address_hash', 'text').execute();
  await db.schema
    .createIndex('login_failures_email_address')
    .on('login_failures')
    .columns(['email_hash', 'address_hash', 'failed_at'])
    .execute();
  await db.schema.createIndex('login_failures_time').on('login_failures').column('failed_at').execute();

  await db.schema
    .createTable('sign_in_addresses')
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('address_hash', 'text', (column) => column.notNull())
    .addColumn('signed_in_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('sign_in_addresses_pk', ['account_id', 'address_hash'])
    .execute();

  await db.schema
    .createTable('sign_up_attempts')
    .addColumn('address_hash', 'text', (column) => column.notNull())
    .addColumn('attempted_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('sign_up_attempts_address')
    .on('sign_up_attempts')
    .columns(['address_hash', 'attempted_at'])
    .execute();

  // Racing first sign-ups may already have made several owners: the earliest one stays owner.
  await sql`
    UPDATE accounts SET role = 'member'
    WHERE role = 'owner' AND id <> (
      SELECT id FROM accounts WHERE role = 'owner' ORDER BY created_at, id LIMIT 1
    )`.execute(db);
  await db.schema
    .createIndex('accounts_one_owner')
    .on('accounts')
    .column('role')
    .unique()
    .where(sql.ref('role'), '=', 'owner')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('accounts_one_owner').execute();
  await db.schema.dropTable('sign_up_attempts').execute();
  await db.schema.dropTable('sign_in_addresses').execute();
  await db.schema.dropIndex('login_failures_time').execute();
  await db.schema.dropIndex('login_failures_email_address').execute();
  await db.schema.alterTable('login_failures').dropColumn('address_hash').execute();
}
