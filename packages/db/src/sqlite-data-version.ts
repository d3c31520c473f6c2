import type SqliteDatabase from 'better-sqlite3';

/**
 * The store's data version on SQLite (Store.dataVersion): a number that moves with every statement
 * this connection runs that may change data (told through `written`, at once, even inside a
 * transaction not yet committed) and with every commit by another connection, in this process or
 * another (`PRAGMA data_version`). data_version looks at the WAL's shared memory under a file lock,
 * two system calls that would cost a public page a seventh of its time if asked on every request: it
 * is asked at most once a millisecond, so another connection's commit is seen within a millisecond
 * and this connection's own writes at once.
 */
export function createSqliteDataVersion(sqlite: SqliteDatabase.Database) {
  const othersVersion = sqlite.prepare('PRAGMA data_version').pluck();
  let version = 0;
  let others: unknown;
  let othersAskedAt = Number.NEGATIVE_INFINITY;
  return {
    written: (): void => {
      version++;
    },
    read: (): number => {
      const now = performance.now();
      if (now - othersAskedAt >= OTHERS_ASKED_EVERY_MS) {
        othersAskedAt = now;
        const current = othersVersion.get();
        if (current !== others) {
          others = current;
          version++;
        }
      }
      return version;
    },
  };
}

const OTHERS_ASKED_EVERY_MS = 1;
