import { isIP } from 'node:net';
import { z } from 'zod';

/** Off, the addresses or networks of the proxies in front, or how many proxies are in front. */
export type TrustProxy = false | number | readonly string[];

const HINT =
  'give the proxy addresses or networks (TRUST_PROXY=127.0.0.1 or 10.0.0.0/8,fd00::/8), or how many proxies are in front (TRUST_PROXY=1); leave it unset without a proxy';

/**
 * Reads TRUST_PROXY. Unset, empty or `false`: off, and `X-Forwarded-For` is a claim of the sender
 * that changes nothing. `true` is refused: trusting every sender would let anyone pick the address
 * that their budget is counted under.
 */
export function parseTrustProxy(value: string, context: z.RefinementCtx): TrustProxy {
  const text = value.trim();
  if (text === '' || text === 'false') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops >= 1 && hops <= 10) return hops;
    context.addIssue({ code: 'custom', message: `a hop count is 1 to 10, not ${text}: ${HINT}` });
    return z.NEVER;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const wrong = entries.find((entry) => !isAddressOrNetwork(entry));
  if (wrong === undefined) return Object.freeze(entries);
  context.addIssue({ code: 'custom', message: `'${wrong}' is not an address or network: ${HINT}` });
  return z.NEVER;
}

function isAddressOrNetwork(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/** The option as Fastify takes it: a hop count trusts that many proxies nearest the server. */
export function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}
