import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { postgresSuite, startPostgres } from '../testing/start-postgres.ts';
import { migrationProvider } from './migration-list.ts';

const BEFORE_ONE_OWNER = '0005-exchange-link-answers';

/** A database as racing first sign-ups left it before migration 0007: two owners. */
async function migrateWithTwoOwners(db: Kysely<unknown>) {
  const migrator = new Migrator({ db, provider: migrationProvider });
  expect((await migrator.migrateTo(BEFORE_ONE_OWNER)).error).toBeUndefined();
  for (const [id, createdAt] of [
    ['later-owner', '2026-03-28T19:00:00.001Z'],
    ['first-owner', '2026-03-28T19:00:00.000Z'],
  ]) {
    await db
      .insertInto('accounts' as never)
      .values({
        id,
        email: `${id}@example.org`,
        password_hash: 'hash',
        role: 'owner',
        name: null,
        phone_region: 'DE',
        time_zone: 'Europe/Berlin',
        quiet_start: '22:00',
        quiet_end: '08:00',
        first_text_delay_hours: 3,
        created_at: createdAt,
      } as never)
      .execute();
  }
  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  const rows = (await db
    .selectFrom('accounts' as never)
    .select(['id' as never, 'role' as never])
    .orderBy('id' as never)
    .execute()) as { id: string; role: string }[];
  return rows;
}

const expected = [
  { id: 'first-owner', role: 'owner' },
  { id: 'later-owner', role: 'member' },
];

describe('migration 0007 keeps one owner', () => {
  test('on SQLite: of two owners a race made, the earliest stays owner', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rapport-migration-'));
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new Database(join(folder, 'rapport.sqlite')) }),
    });
    try {
      expect(await migrateWithTwoOwners(db)).toEqual(expected);
    } finally {
      await db.destroy();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test.skipIf(!postgresSuite().available)('on PostgreSQL: the same', async () => {
    const cluster = await startPostgres();
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: cluster.url }) }),
    });
    try {
      expect(await migrateWithTwoOwners(db)).toEqual(expected);
    } finally {
      await db.destroy();
      await cluster.stop();
    }
  });
});
