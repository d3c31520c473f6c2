import { type Kysely, sql } from 'kysely';
import type { Database } from './database-schema.ts';

/** Request counters per key and fixed time window, for rate limits. */
export interface RateCounters {
  /**
   * Counts one hit on each (distinct) key in the window; answers each key's count after it, in order.
   * Counters in memory answer at once, without a promise: they are asked on every public request.
   */
  hit(keys: readonly string[], windowStart: string): number[] | Promise<number[]>;
  /** Each key's count in the window (0 for none), without counting; answered like `hit`. */
  count(keys: readonly string[], windowStart: string): number[] | Promise<number[]>;
  /** Forgets windows that started before `windowStart`; answers how many counters went. */
  purgeBefore(windowStart: string): Promise<number>;
}

/**
 * Counters in the database, so that every server process on one PostgreSQL counts into the same row.
 * One atomic upsert per hit (`ON CONFLICT … DO UPDATE … RETURNING`: SQLite 3.35+ and PostgreSQL).
 */
export function createRateCounterStore(db: Kysely<Database>): RateCounters {
  return {
    async hit(keys: readonly string[], windowStart: string): Promise<number[]> {
      if (keys.length === 0) return [];
      const rows = await db
        .insertInto('rate_counters')
        .values(keys.map((key) => ({ key, window_start: windowStart, count: 1 })))
        .onConflict((conflict) =>
          conflict.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_counters.count + 1` }),
        )
        .returning(['key', 'count'])
        .execute();
      const counts = new Map(rows.map((row) => [row.key, Number(row.count)]));
      return keys.map((key) => counts.get(key) ?? 0);
    },

    async count(keys: readonly string[], windowStart: string): Promise<number[]> {
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom('rate_counters')
        .select(['key', 'count'])
        .where('window_start', '=', windowStart)
        .where('key', 'in', [...keys])
        .execute();
      const counts = new Map(rows.map((row) => [row.key, Number(row.count)]));
      return keys.map((key) => counts.get(key) ?? 0);
    },

    async purgeBefore(windowStart: string): Promise<number> {
      const result = await db
        .deleteFrom('rate_counters')
        .where('window_start', '<', windowStart)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/**
 * Counters in this process's memory: the SQLite store serves one process, and a durable write (an
 * fsync) for every public request would cap the public pages at about a thousand requests a second.
 */
export function createMemoryRateCounters(): RateCounters {
  const windows = new Map<string, Map<string, number>>();
  const purgeBefore = (windowStart: string): number => {
    let purged = 0;
    for (const [start, counts] of windows) {
      if (start < windowStart) {
        purged += counts.size;
        windows.delete(start);
      }
    }
    return purged;
  };
  return {
    hit(keys, windowStart) {
      let counts = windows.get(windowStart);
      if (!counts) {
        // A new window: older ones are over, and memory stays bounded by one window's addresses.
        purgeBefore(windowStart);
        counts = new Map();
        windows.set(windowStart, counts);
      }
      const window = counts;
      return keys.map((key) => {
        const count = (window.get(key) ?? 0) + 1;
        window.set(key, count);
        return count;
      });
    },
    count(keys, windowStart) {
      const window = windows.get(windowStart);
      return keys.map((key) => window?.get(key) ?? 0);
    },
    purgeBefore: async (windowStart) => purgeBefore(windowStart),
  };
}
