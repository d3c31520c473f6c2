import { type Kysely, sql } from 'kysely';

/**
 * Consent kept in the store:
 * - `share_back_reviews`: a share-back whose number or handle matches someone already in the book
 *   waits here for the owner ("same number as Dana: merge?") instead of writing into that person.
 *   `consent_id` is its consent row, moved onto the person it ends up with, or deleted with it.
 * - `introductions.reveal_a` / `reveal_b`: what each side agreed to show, as it was when they said
 *   yes (JSON `{ name, phone, handles }`), so later edits never reach the other side.
 * - Reminders still pending for someone who declined or is blocked are deleted: from now on the
 *   store never keeps or answers one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('share_back_reviews')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('link_id', 'text', (column) => column.references('exchange_links.id').onDelete('set null'))
    .addColumn('encounter_id', 'text', (column) => column.references('encounters.id').onDelete('set null'))
    .addColumn('person_id', 'text', (column) => column.references('people.id').onDelete('set null'))
    .addColumn('match', 'text', (column) => column.notNull())
    .addColumn('consent_id', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('phone_e164', 'text')
    .addColumn('handles', 'text', (column) => column.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('share_back_reviews_account')
    .on('share_back_reviews')
    .columns(['account_id', 'created_at'])
    .execute();
  await db.schema.alterTable('introductions').addColumn('reveal_a', 'text').execute();
  await db.schema.alterTable('introductions').addColumn('reveal_b', 'text').execute();
  await sql`
    DELETE FROM reminders
    WHERE done_at IS NULL AND person_id IN (
      SELECT id FROM people WHERE ask_status = 'declined'
      UNION SELECT person_id FROM blocks WHERE person_id IS NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('introductions').dropColumn('reveal_b').execute();
  await db.schema.alterTable('introductions').dropColumn('reveal_a').execute();
  await db.schema.dropTable('share_back_reviews').execute();
}
