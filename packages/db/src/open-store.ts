import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  type SqliteDatabase as KyselySqliteDatabase,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type SqliteStatement,
  sql,
} from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema.ts';
import { createMemoryEventChannel, createPostgresEventChannel } from './event-channel.ts';
import { migrationProvider } from './migrations/migration-list.ts';
import { createMemoryRateCounters, createRateCounterStore } from './rate-counter-store.ts';
import { createSqliteDataVersion } from './sqlite-data-version.ts';
import { ReadRoutingSqliteDialect } from './sqlite-read-routing.ts';
import { composeStore, type Store } from './store.ts';

export interface StoreConfig {
  /** A postgres:// URL, or undefined for SQLite. */
  databaseUrl?: string | undefined;
  /** The SQLite file, used when there is no databaseUrl. */
  sqliteFile: string;
  /** How long a SQLite write waits for another writer's lock before answering busy (default 250 ms). */
  busyTimeoutMs?: number;
}

/** Thrown when the database would not keep its promises (durability settings) or cannot be opened. */
export class StoreSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreSetupError';
  }
}

/**
 * Opens the store the configuration names, checks its durability settings, and brings its schema to
 * the latest migration. The one place that decides between SQLite and PostgreSQL.
 */
export async function openStore(config: StoreConfig, options: { migrate?: boolean } = {}): Promise<Store> {
  const store = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : openSqlite(config.sqliteFile, config);
  if (options.migrate !== false) {
    try {
      await store.store.migrate();
    } catch (error: unknown) {
      await store.store.close();
      throw error;
    }
  }
  return store.store;
}

/** Runs every pending migration, each in its own transaction. Answers the names applied. */
export async function migrateStore(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

function openSqlite(file: string, config: StoreConfig): { store: Store; db: Kysely<Database> } {
  const sqlite = openWritableFile(file);
  // FULL: a commit is on disk before the 2xx that reports it, even if the machine loses power.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // better-sqlite3 waits for a lock synchronously, holding up every request meanwhile: keep it short
  // and answer 503 with retry-after (RELIABILITY.md) rather than freeze the server.
  sqlite.pragma(`busy_timeout = ${config.busyTimeoutMs ?? 250}`);
  sqlite.pragma('secure_delete = ON');
  checkSqlite(sqlite, file);
  checkWritable(sqlite, file);
  const dataVersion = createSqliteDataVersion(sqlite);
  const database = withStatementCache(sqlite, dataVersion.written);
  const reader = openReader(file, config);
  // Reads outside a transaction take a second connection, so a long write never holds them up.
  const dialect = reader
    ? new ReadRoutingSqliteDialect(
        { database },
        withStatementCache(reader, () => {}),
      )
    : new SqliteDialect({ database });
  const db = new Kysely<Database>({ dialect });
  const events = createMemoryEventChannel();
  const store = composeStore('sqlite', db, {
    backup: async (target) => {
      await sqlite.backup(target);
    },
    eraseDeleted: () => checkpointTruncate(db),
    migrate: () => migrateStore(db),
    close: async () => {
      await events.close();
      await db.destroy();
    },
    events,
    rateCounters: createMemoryRateCounters(),
    dataVersion: dataVersion.read,
  });
  return { store, db };
}

/** A second connection to the file that may only read; none for an in-memory database. */
function openReader(file: string, config: StoreConfig): SqliteDatabase.Database | undefined {
  if (file === ':memory:') return undefined;
  const reader = new SqliteDatabase(file, { fileMustExist: true });
  reader.pragma('query_only = ON');
  reader.pragma(`busy_timeout = ${config.busyTimeoutMs ?? 250}`);
  return reader;
}

/** Codes of a folder or file this process may not write: the store cannot run there at all. */
const NOT_WRITABLE = /^(EACCES|EPERM|EROFS|SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_PERM)/;

/** The SQLite file in WAL mode, its folder made if missing; a folder it cannot write is said plainly. */
function openWritableFile(file: string): SqliteDatabase.Database {
  let sqlite: SqliteDatabase.Database | undefined;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    return sqlite;
  } catch (error: unknown) {
    sqlite?.close();
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !NOT_WRITABLE.test(code)) throw error;
    throw new StoreSetupError(
      `the data folder ${dirname(file)} cannot be written (${code}): give this user write access to it, or set DATA_DIR to a folder it can write`,
    );
  }
}

/**
 * Kysely prepares every statement anew; preparing costs more than running most of ours (50–80 µs).
 * The same SQL text reuses its prepared statement. Bounded: batch inserts of varying size make new
 * texts, so the cache starts over when it is full. Every run of a statement that may change data is
 * told to `written` (the store's data version).
 */
function withStatementCache(sqlite: SqliteDatabase.Database, written: () => void): KyselySqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        const prepared = sqlite.prepare(text);
        statement = prepared.readonly ? prepared : tellingWrites(prepared, written);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/** A statement that may change data, telling `written` after each run, failed ones too. */
function tellingWrites(statement: SqliteDatabase.Statement, written: () => void): SqliteStatement {
  return {
    reader: statement.reader,
    all: (parameters) => {
      try {
        return statement.all(parameters);
      } finally {
        written();
      }
    },
    run: (parameters) => {
      try {
        return statement.run(parameters);
      } finally {
        written();
      }
    },
    iterate: (parameters) => {
      written();
      return statement.iterate(parameters);
    },
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Copies every WAL frame into the database file and truncates the WAL to nothing. Run through Kysely
 * so that it waits for a transaction another request holds open on the connection.
 */
async function checkpointTruncate(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  return rows[0]?.busy === 0;
}

function checkSqlite(sqlite: SqliteDatabase.Database, file: string): void {
  const expected: [string, string | number][] = [
    ['journal_mode', file === ':memory:' ? 'memory' : 'wal'],
    ['synchronous', 2],
    ['foreign_keys', 1],
    ['secure_delete', 1],
  ];
  for (const [pragma, value] of expected) {
    const actual = sqlite.pragma(pragma, { simple: true });
    if (actual !== value) {
      sqlite.close();
      throw new StoreSetupError(
        `SQLite ${pragma} is ${String(actual)}, not ${value}: refusing to run without it`,
      );
    }
  }
}

/**
 * SQLite opens a file it may not write read-only, without a word; every write would then fail until
 * a restart. Refuse to start instead, naming the file.
 */
function checkWritable(sqlite: SqliteDatabase.Database, file: string): void {
  try {
    const version = Number(sqlite.pragma('user_version', { simple: true }));
    sqlite.pragma(`user_version = ${version}`);
  } catch (error: unknown) {
    sqlite.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_READONLY')) {
      throw new StoreSetupError(`the database ${file} cannot be written (read-only): check its permissions`);
    }
    throw error;
  }
}

async function openPostgres(url: string): Promise<{ store: Store; db: Kysely<Database> }> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (a restart, 57P01) is an 'error' event on the pool: without a
  // listener it would end the process. The pool replaces the connection; the next query reconnects.
  pool.on('error', () => {});
  try {
    for (const setting of ['fsync', 'synchronous_commit']) {
      const result = await pool.query<Record<string, string>>(`SHOW ${setting}`);
      const value = result.rows[0]?.[setting];
      if (value === 'off')
        throw new StoreSetupError(`PostgreSQL ${setting} is off: refusing to run without it`);
    }
  } catch (error: unknown) {
    await pool.end();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const events = createPostgresEventChannel(url, pool);
  const store = composeStore('postgres', db, {
    backup: async () => {
      throw new StoreSetupError('rapport backup copies SQLite files; on PostgreSQL use pg_dump');
    },
    // PostgreSQL offers an application no way to overwrite a deleted row's bytes: see decision 0013.
    eraseDeleted: async () => true,
    migrate: () => migrateStore(db),
    close: async () => {
      await events.close();
      await db.destroy();
    },
    events,
    rateCounters: createRateCounterStore(db),
    // Another process's commit is seen only by asking the server: as costly as the read it would save.
    dataVersion: () => undefined,
  });
  return { store, db };
}
