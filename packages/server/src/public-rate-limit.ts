import { hash } from 'node:crypto';
import type { Store } from '@rapport/db';
import { clientBudgetKey } from './client-budget-key.ts';

/**
 * Budgets of the public token pages, counted in the store so that every server process on one
 * PostgreSQL counts together (docs/decisions/0012-public-page-budgets.md). Fixed windows of one
 * minute; the limits come from the config (`PUBLIC_LIMIT_PER_IP`, `PUBLIC_LIMIT_GLOBAL`):
 *
 * - each client (an IPv4 address, an IPv6 /64) gets `perAddress` requests a minute;
 * - wrong guesses (answers of the common 404) from all clients together get `overall` a minute.
 *   Past that, a client that guessed wrong in this minute is refused before any lookup; a client
 *   that has not is still served, so a fresh visitor opens a live link whatever others send.
 */
const WINDOW_MS = 60_000;
export const DEFAULT_PUBLIC_RATE_LIMITS = { perAddress: 60, overall: 600 } as const;
const ALL_MISSES = 'public:miss:all';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };
export type PublicRateLimits = { perAddress: number; overall: number };

const ALLOWED: RateDecision = { allowed: true };

/**
 * Counts one request from `address` and decides. Counters in memory (SQLite) decide at once;
 * counters in the database (PostgreSQL) answer with a promise.
 */
export function checkPublicRateLimit(
  store: Store,
  address: string,
  now: Date,
  limits: PublicRateLimits = DEFAULT_PUBLIC_RATE_LIMITS,
): RateDecision | Promise<RateDecision> {
  const window = windowOf(now);
  const keys = keysOf(address);
  const refused: RateDecision = { allowed: false, retryAfterSeconds: window.retryAfterSeconds };
  return andThen(
    both(
      store.rateCounters.hit([keys.requests], window.iso),
      store.rateCounters.count([keys.misses, ALL_MISSES], window.iso),
    ),
    ([[fromAddress = 0], [addressMisses = 0, allMisses = 0]]) => {
      if (fromAddress > limits.perAddress) return refused;
      return addressMisses > 0 && allMisses >= limits.overall ? refused : ALLOWED;
    },
  );
}

/** Counts a wrong guess (a dead or malformed token, an unknown page) from `address`. */
export function recordPublicMiss(store: Store, address: string, now: Date): void | Promise<void> {
  const counted = store.rateCounters.hit([keysOf(address).misses, ALL_MISSES], windowOf(now).iso);
  return counted instanceof Promise ? counted.then(() => undefined) : undefined;
}

/** `next` applied at once to a value at hand, or when a promised one arrives. */
function andThen<T, U>(value: T | Promise<T>, next: (value: T) => U | Promise<U>): U | Promise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Two answers, at once when both are at hand, else together as one promise. */
function both<A, B>(a: A | Promise<A>, b: B | Promise<B>): [A, B] | Promise<[A, B]> {
  if (a instanceof Promise || b instanceof Promise) return Promise.all([a, b]);
  return [a, b];
}

/**
 * The counters' keys for a client: a hash, so the table holds no client address in the clear.
 * Worked out once per address and window (a client sends many requests a minute), and forgotten
 * with the window.
 */
const clientKeys = new Map<string, { requests: string; misses: string }>();
const MAX_CLIENT_KEYS = 10_000;
function keysOf(address: string): { requests: string; misses: string } {
  let keys = clientKeys.get(address);
  if (keys === undefined) {
    if (clientKeys.size >= MAX_CLIENT_KEYS) clientKeys.clear();
    const hashed = hash('sha256', clientBudgetKey(address), 'base64url').slice(0, 22);
    keys = { requests: `public:ip:${hashed}`, misses: `public:miss:${hashed}` };
    clientKeys.set(address, keys);
  }
  return keys;
}

/** The window's start as stored; the same for a whole minute of requests, so worked out once. */
let lastWindow = { start: Number.NaN, iso: '' };
function windowOf(now: Date): { iso: string; retryAfterSeconds: number } {
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  if (lastWindow.start !== start) {
    lastWindow = { start, iso: new Date(start).toISOString() };
    clientKeys.clear();
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((start + WINDOW_MS - now.getTime()) / 1000));
  return { iso: lastWindow.iso, retryAfterSeconds };
}
