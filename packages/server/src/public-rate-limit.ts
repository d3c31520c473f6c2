import { hash } from 'node:crypto';
import type { Store } from '@rapport/db';

/**
 * Limits on the public token pages, counted in the store so that every server process on one
 * PostgreSQL counts together: per client address (someone trying tokens) and over all addresses
 * (many addresses trying tokens). Fixed windows of one minute; the limits come from the config
 * (`PUBLIC_LIMIT_PER_IP`, `PUBLIC_LIMIT_GLOBAL`), 60 and 600 by default.
 */
const WINDOW_MS = 60_000;
export const DEFAULT_PUBLIC_RATE_LIMITS = { perAddress: 60, overall: 600 } as const;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const ALLOWED: RateDecision = { allowed: true };

/**
 * Counts one request from `address` and decides. A request refused for its address does not count
 * toward the overall limit, so one busy address cannot lock everyone else out. Counters in memory
 * (SQLite) decide at once; counters in the database (PostgreSQL) answer with a promise.
 */
export function checkPublicRateLimit(
  store: Store,
  address: string,
  now: Date,
  limits: { perAddress: number; overall: number } = DEFAULT_PUBLIC_RATE_LIMITS,
): RateDecision | Promise<RateDecision> {
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  const windowStart = windowStartIso(start);
  const retryAfterSeconds = Math.max(1, Math.ceil((start + WINDOW_MS - now.getTime()) / 1000));
  const refused: RateDecision = { allowed: false, retryAfterSeconds };
  return andThen(store.rateCounters.hit([addressKey(address)], windowStart), ([fromAddress = 0]) => {
    if (fromAddress > limits.perAddress) return refused;
    return andThen(store.rateCounters.hit(['public:all'], windowStart), ([overall = 0]) =>
      overall > limits.overall ? refused : ALLOWED,
    );
  });
}

/** `next` applied at once to a value at hand, or when a promised one arrives. */
function andThen<T, U>(value: T | Promise<T>, next: (value: T) => U | Promise<U>): U | Promise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/**
 * The counter's key: a hash, so the table holds no client address in the clear. Worked out once per
 * address and window (a client sends many requests a minute), and forgotten with the window.
 */
const addressKeys = new Map<string, string>();
const MAX_ADDRESS_KEYS = 10_000;
function addressKey(address: string): string {
  let key = addressKeys.get(address);
  if (key === undefined) {
    if (addressKeys.size >= MAX_ADDRESS_KEYS) addressKeys.clear();
    key = `public:ip:${hash('sha256', address, 'base64url').slice(0, 22)}`;
    addressKeys.set(address, key);
  }
  return key;
}

/** The window's start as stored; the same for a whole minute of requests, so worked out once. */
let lastWindow = { start: Number.NaN, iso: '' };
function windowStartIso(start: number): string {
  if (lastWindow.start !== start) {
    lastWindow = { start, iso: new Date(start).toISOString() };
    addressKeys.clear();
  }
  return lastWindow.iso;
}
