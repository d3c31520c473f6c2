import type { Kysely } from 'kysely';

/**
 * Contact exchange: my cards, exchange links (they may share back, or decline), double-opt-in
 * introductions, and blocks. Only SHA-256 hashes of link tokens are stored. A declined link keeps
 * no trace of who declined; declined, expired and unanswered records are purged after 30 days.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cards')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('label', 'text', (column) => column.notNull())
    .addColumn('name', 'text')
    .addColumn('phone_e164', 'text')
    .addColumn('email', 'text')
    .addColumn('note', 'text')
    /** JSON: [{ platform, handle }] */
    .addColumn('handles', 'text', (column) => column.notNull())
    /** JSON: which fields the card shows: { name, phone, email, note, handles: string[] (platforms) } */
    .addColumn('shows', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('cards_account').on('cards').column('account_id').execute();

  await db.schema
    .createTable('exchange_links')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('card_id', 'text', (column) => column.notNull().references('cards.id').onDelete('cascade'))
    .addColumn('encounter_id', 'text', (column) => column.references('encounters.id').onDelete('set null'))
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('one_time', 'integer', (column) => column.notNull())
    /** active | shared-back | declined | revoked */
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('viewed_at', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('person_id', 'text', (column) => column.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('exchange_links_account')
    .on('exchange_links')
    .columns(['account_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('introductions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('person_a_id', 'text', (column) =>
      column.notNull().references('people.id').onDelete('cascade'),
    )
    .addColumn('person_b_id', 'text', (column) =>
      column.notNull().references('people.id').onDelete('cascade'),
    )
    .addColumn('note', 'text')
    .addColumn('token_a_hash', 'text', (column) => column.notNull().unique())
    .addColumn('token_b_hash', 'text', (column) => column.notNull().unique())
    /** pending | accepted | declined, per side */
    .addColumn('answer_a', 'text', (column) => column.notNull())
    .addColumn('answer_b', 'text', (column) => column.notNull())
    /** pending | completed | declined | revoked | expired */
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('introductions_account')
    .on('introductions')
    .columns(['account_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('blocks')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (column) => column.references('people.id').onDelete('cascade'))
    .addColumn('link_id', 'text', (column) => column.references('exchange_links.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('blocks_account').on('blocks').column('account_id').execute();

  await db.schema
    .createTable('consent_events')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (column) => column.references('people.id').onDelete('cascade'))
    /** shared-back | introduction-revealed | card-viewed … */
    .addColumn('kind', 'text', (column) => column.notNull())
    /** JSON: the fields disclosed, e.g. ["name","phone"] */
    .addColumn('fields', 'text', (column) => column.notNull())
    .addColumn('at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('rate_counters')
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('window_start', 'text', (column) => column.notNull())
    .addColumn('count', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('rate_counters_pk', ['key', 'window_start'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'rate_counters',
    'consent_events',
    'blocks',
    'introductions',
    'exchange_links',
    'cards',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
