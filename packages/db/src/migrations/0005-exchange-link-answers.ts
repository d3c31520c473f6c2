import type { Kysely } from 'kysely';

/**
 * How an exchange link was answered, as counts: a reusable link stays active through many answers, so
 * its state alone cannot say how often someone shared back or declined. A decline is only counted:
 * nothing about the person who declined is kept. `revoked_at` dates a revoke for the 30-day purge.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema
    .alterTable('exchange_links')
    .addColumn('shares', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('exchange_links')
    .addColumn('declines', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('exchange_links').addColumn('revoked_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['revoked_at', 'declines', 'shares']) {
    await db.schema.alterTable('exchange_links').dropColumn(column).execute();
  }
}
