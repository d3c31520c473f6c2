import type { Kysely } from 'kysely';
import { createAccountStore } from './account-store.ts';
import { createCredentialStore } from './credential-store.ts';
import type { Database } from './database-schema.ts';
import { createExportStore } from './export-store.ts';
import { createPeopleStore } from './people-store.ts';
import { createTimelineStores } from './timeline-stores.ts';

/** The stores of one connection or transaction. Every method takes the owner's id first. */
export function createStores(db: Kysely<Database>) {
  return {
    accounts: createAccountStore(db),
    credentials: createCredentialStore(db),
    exports: createExportStore(db),
    people: createPeopleStore(db),
    ...createTimelineStores(db),
  };
}

export type Stores = ReturnType<typeof createStores>;

/** A store: its parts, transactions over them, and its life cycle. */
export interface Store extends Stores {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: all of it commits, or none of it. */
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
  /** An online, consistent copy of the database file (SQLite only). */
  backup(file: string): Promise<void>;
  /** Runs every pending migration, each in its own transaction; answers the names applied. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export function composeStore(
  kind: Store['kind'],
  db: Kysely<Database>,
  lifecycle: {
    backup: (file: string) => Promise<void>;
    migrate: () => Promise<string[]>;
    close: () => Promise<void>;
  },
): Store {
  return {
    kind,
    ...createStores(db),
    transaction: (work) => db.transaction().execute((trx) => work(createStores(trx))),
    backup: lifecycle.backup,
    migrate: lifecycle.migrate,
    close: lifecycle.close,
  };
}
