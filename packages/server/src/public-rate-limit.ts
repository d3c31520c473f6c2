import { createHash } from 'node:crypto';
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

/**
 * Counts one request from `address` and decides. A request refused for its address does not count
 * toward the overall limit, so one busy address cannot lock everyone else out.
 */
export async function checkPublicRateLimit(
  store: Store,
  address: string,
  now: Date,
  limits: { perAddress: number; overall: number } = DEFAULT_PUBLIC_RATE_LIMITS,
): Promise<RateDecision> {
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  const windowStart = new Date(start).toISOString();
  const retryAfterSeconds = Math.max(1, Math.ceil((start + WINDOW_MS - now.getTime()) / 1000));
  const [fromAddress = 0] = await store.rateCounters.hit([addressKey(address)], windowStart);
  if (fromAddress > limits.perAddress) return { allowed: false, retryAfterSeconds };
  const [overall = 0] = await store.rateCounters.hit(['public:all'], windowStart);
  if (overall > limits.overall) return { allowed: false, retryAfterSeconds };
  return { allowed: true };
}

/** The counter's key: a hash, so the table holds no client address in the clear. */
function addressKey(address: string): string {
  return `public:ip:${createHash('sha256').update(address).digest('base64url').slice(0, 22)}`;
}
