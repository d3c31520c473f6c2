import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Account, AccountSettings } from '../account-store.ts';
import type { AccountId } from '../ids.ts';
import { openStore } from '../open-store.ts';
import type { Store } from '../store.ts';
import { postgresSuite, startPostgres } from './start-postgres.ts';

/** A store opened for one suite, and what closing its surroundings takes. */
export interface OpenedStore {
  store: Store;
  done: () => Promise<void>;
}

/**
 * Registers a store contract twice: on a SQLite file in a temporary folder, and on a throwaway
 * PostgreSQL cluster (skipped with a line on a laptop without PostgreSQL; in CI it must run).
 */
export function forEachStore(contract: (name: string, open: () => Promise<OpenedStore>) => void): void {
  contract('SQLite', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rapport-store-'));
    const store = await openStore({ sqliteFile: join(folder, 'rapport.sqlite') });
    return { store, done: async () => rmSync(folder, { recursive: true, force: true }) };
  });
  if (postgresSuite().available) {
    contract('PostgreSQL', async () => {
      const cluster = await startPostgres();
      const store = await openStore({ databaseUrl: cluster.url, sqliteFile: '' });
      return { store, done: () => cluster.stop() };
    });
  }
}

/** Opens the store before a suite's tests and closes it after them; answers the open store. */
export function useOpenedStore(open: () => Promise<OpenedStore>): () => Store {
  let opened: OpenedStore | undefined;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(async () => {
    await opened?.store.close();
    await opened?.done();
  });
  return () => {
    if (!opened) throw new Error('the store opens before the suite runs');
    return opened.store;
  };
}

export const TEST_ACCOUNT_SETTINGS: AccountSettings = {
  name: 'Alex',
  phoneRegion: 'DE',
  timeZone: 'Europe/Berlin',
  quietHours: { start: '22:00', end: '08:00' },
  firstTextDelayHours: 3,
};

let accounts = 0;

/** A new account with a unique id and email, for store tests. */
export async function createTestAccount(store: Store, email?: string): Promise<Account> {
  const unique = `${++accounts}-${Math.random().toString(36).slice(2)}`;
  const account = await store.accounts.create({
    id: `acct-${unique}` as AccountId,
    email: email ?? `user-${unique}@example.org`,
    passwordHash: 'hash',
    settings: TEST_ACCOUNT_SETTINGS,
    now: '2026-03-28T19:00:00.000Z',
  });
  if (!account) throw new Error('account not created');
  return account;
}
