import type { Kysely } from 'kysely';

/**
 * The whole first schema. Only portable column types (text, integer, double precision) so that
 * one migration history runs on SQLite and PostgreSQL alike; every child row carries account_id so
 * that each query is scoped to its owner without a join.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('email', 'text', (column) => column.notNull().unique())
    .addColumn('password_hash', 'text', (column) => column.notNull())
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('name', 'text')
    .addColumn('phone_region', 'text', (column) => column.notNull())
    .addColumn('time_zone', 'text', (column) => column.notNull())
    .addColumn('quiet_start', 'text', (column) => column.notNull())
    .addColumn('quiet_end', 'text', (column) => column.notNull())
    .addColumn('first_text_delay_hours', 'double precision', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('last_seen_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('account_id', 'text', (column) =>
      column.primaryKey().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('phone_e164', 'text')
    .addColumn('handles', 'text', (column) => column.notNull())
    .addColumn('how_met', 'text')
    .addColumn('where_met', 'text')
    .addColumn('met_through_id', 'text', (column) => column.references('people.id').onDelete('set null'))
    .addColumn('notes', 'text')
    .addColumn('consent_kind', 'text', (column) => column.notNull())
    .addColumn('consent_at', 'text', (column) => column.notNull())
    .addColumn('ask_status', 'text')
    .addColumn('meetup_planned', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('people_account_phone')
    .on('people')
    .columns(['account_id', 'phone_e164'])
    .unique()
    .execute();
  await db.schema.createIndex('people_account_name').on('people').columns(['account_id', 'name']).execute();

  await db.schema
    .createTable('encounters')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (column) => column.references('people.id').onDelete('set null'))
    .addColumn('place', 'text')
    .addColumn('started_at', 'text', (column) => column.notNull())
    .addColumn('phase', 'text', (column) => column.notNull())
    .addColumn('topics', 'text', (column) => column.notNull())
    .addColumn('ask_minute', 'double precision')
    .addColumn('ask_approach', 'text')
    .addColumn('ask_reason', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('encounters_account_started')
    .on('encounters')
    .columns(['account_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('cue_events')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('encounter_id', 'text', (column) =>
      column.notNull().references('encounters.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('minute', 'double precision', (column) => column.notNull())
    .addColumn('cue', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('cue_events_encounter').on('cue_events').column('encounter_id').execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (column) => column.notNull().references('people.id').onDelete('cascade'))
    .addColumn('direction', 'text', (column) => column.notNull())
    .addColumn('at', 'text', (column) => column.notNull())
    .addColumn('text', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('messages_person_at')
    .on('messages')
    .columns(['account_id', 'person_id', 'at'])
    .execute();

  await db.schema
    .createTable('reminders')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (column) => column.references('people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('draft', 'text')
    .addColumn('due_at', 'text', (column) => column.notNull())
    .addColumn('snoozed_until', 'text')
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('reminders_account_due')
    .on('reminders')
    .columns(['account_id', 'done_at', 'due_at'])
    .execute();

  await db.schema
    .createTable('reflections')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) =>
      column.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('encounter_id', 'text', (column) =>
      column.notNull().references('encounters.id').onDelete('cascade'),
    )
    .addColumn('outcome', 'text', (column) => column.notNull())
    .addColumn('answers', 'text', (column) => column.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['reflections', 'reminders', 'messages', 'cue_events', 'encounters', 'people']) {
    await db.schema.dropTable(table).execute();
  }
  for (const table of ['calendar_feeds', 'api_tokens', 'sessions', 'accounts']) {
    await db.schema.dropTable(table).execute();
  }
}
