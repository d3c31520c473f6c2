import type { Kysely } from 'kysely';

/**
 * Introductions: what each introduced person agreed to show the other (JSON: ["name","phone",
 * "handles"]), chosen on their page when they say yes; null until they do, and again once the
 * introduction is dropped, so the introducer learns only "completed" or "not completed", even from
 * the database file. Blocks: one per person or link, so two racing blocks leave one row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('introductions').addColumn('shares_a', 'text').execute();
  await db.schema.alterTable('introductions').addColumn('shares_b', 'text').execute();
  await db.schema
    .createIndex('blocks_person')
    .unique()
    .on('blocks')
    .columns(['account_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('blocks_link')
    .unique()
    .on('blocks')
    .columns(['account_id', 'link_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('blocks_link').execute();
  await db.schema.dropIndex('blocks_person').execute();
  await db.schema.alterTable('introductions').dropColumn('shares_b').execute();
  await db.schema.alterTable('introductions').dropColumn('shares_a').execute();
}
