import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStore, type Store } from '@rapport/db';
import type { CliIo } from '../cli-io.ts';
import { parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';
import { readServerConfig } from './serve-command.ts';

/** `rapport migrate`: brings the database's schema to the latest migration. */
export async function runMigrate(args: readonly string[], io: CliIo): Promise<number> {
  parseFlags('migrate', args, {});
  const config = readServerConfig(io.env);
  const store = await openStore(
    { databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile },
    { migrate: false },
  );
  try {
    const applied = await store.migrate();
    io.stdout(applied.length > 0 ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
  } finally {
    await store.close();
  }
  return 0;
}

/** `rapport backup <file>`: an online, consistent copy of the SQLite database, safe while serving. */
export async function runBackup(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = parseFlags('backup', args, {}, true);
  const [target, ...extra] = positionals;
  if (!target || extra.length > 0)
    throw new UsageError('give one <file> to write the backup to, e.g. rapport backup rapport-backup.sqlite');
  const file = resolve(target);
  if (existsSync(file)) throw new UsageError(`<file> '${target}' exists already: choose a new file name`);
  await withStore(io, async (store) => {
    if (store.kind !== 'sqlite')
      throw new UsageError('backup copies the SQLite database; on PostgreSQL use pg_dump');
    await store.backup(file);
  });
  io.stdout(`Backed up to ${file}.`);
  return 0;
}

export async function withStore<T>(io: CliIo, work: (store: Store) => Promise<T>): Promise<T> {
  const config = readServerConfig(io.env);
  const store = await openStore({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
