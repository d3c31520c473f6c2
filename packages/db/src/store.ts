import type { Kysely } from 'kysely';
import { createAccountStore } from './account-store.ts';
import { createBlockStore } from './block-store.ts';
import { createCardStore } from './card-store.ts';
import { createCredentialStore } from './credential-store.ts';
import type { Database } from './database-schema.ts';
import type { EventChannel } from './event-channel.ts';
import { createExchangeLinkStore } from './exchange-link-store.ts';
import { createExportStore } from './export-store.ts';
import { createIntroductionStore } from './introduction-store.ts';
import { createPeopleStore } from './people-store.ts';
import type { RateCounters } from './rate-counter-store.ts';
import { createShareBackReviewStore } from './share-back-review-store.ts';
import { createSignInLimitStore } from './sign-in-limit-store.ts';
import { createTimelineStores } from './timeline-stores.ts';

/** The stores of one connection or transaction. Every method takes the owner's id first. */
export function createStores(db: Kysely<Database>) {
  return {
    accounts: createAccountStore(db),
    blocks: createBlockStore(db),
    cards: createCardStore(db),
    credentials: createCredentialStore(db),
    exchangeLinks: createExchangeLinkStore(db),
    exports: createExportStore(db),
    introductions: createIntroductionStore(db),
    people: createPeopleStore(db),
    shareBackReviews: createShareBackReviewStore(db),
    signInLimits: createSignInLimitStore(db),
    ...createTimelineStores(db),
  };
}

export type Stores = ReturnType<typeof createStores>;

/** A store: its parts, transactions over them, and its life cycle. */
export interface Store extends Stores {
  readonly kind: 'sqlite' | 'postgres';
  /** Live events for owners' open apps, across every process sharing the database. */
  readonly events: EventChannel;
  /** Rate-limit counters: in the database on PostgreSQL (shared by every process), in memory on SQLite. */
  readonly rateCounters: RateCounters;
  /**
   * A number that moves whenever stored data may have changed: at once for a write through this
   * store, within a millisecond for a commit by any other connection or process. Read synchronously
   * in well under a microsecond, so a process may keep what it read for as long as it stays put.
   * Undefined where reading it would take a round trip (PostgreSQL, shared by several processes):
   * there, nothing read is kept across requests.
   */
  dataVersion(): number | undefined;
  /** Runs `work` in one transaction: all of it commits, or none of it. */
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
  /** An online, consistent copy of the database file (SQLite only). */
  backup(file: string): Promise<void>;
  /**
   * Call after deleting someone's data, outside a transaction: leaves no byte of the deleted rows in
   * the database's files, as far as this store can. SQLite zeroes deleted content in the file
   * (`secure_delete`); this copies the WAL into the file and truncates the WAL, where the rows were
   * still written out. Answers false when another connection's read kept the WAL from emptying (its
   * old frames then go at a later checkpoint). PostgreSQL: nothing to do from here, see
   * docs/decisions/0013-privacy-at-rest.md.
   */
  eraseDeleted(): Promise<boolean>;
  /** Runs every pending migration, each in its own transaction; answers the names applied. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export function composeStore(
  kind: Store['kind'],
  db: Kysely<Database>,
  lifecycle: {
    backup: (file: string) => Promise<void>;
    eraseDeleted: () => Promise<boolean>;
    migrate: () => Promise<string[]>;
    close: () => Promise<void>;
    events: EventChannel;
    rateCounters: RateCounters;
    dataVersion: () => number | undefined;
  },
): Store {
  return {
    kind,
    events: lifecycle.events,
    rateCounters: lifecycle.rateCounters,
    ...createStores(db),
    dataVersion: lifecycle.dataVersion,
    transaction: (work) => db.transaction().execute((trx) => work(createStores(trx))),
    backup: lifecycle.backup,
    eraseDeleted: lifecycle.eraseDeleted,
    migrate: lifecycle.migrate,
    close: lifecycle.close,
  };
}
