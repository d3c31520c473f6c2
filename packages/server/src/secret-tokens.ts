import { hash, randomBytes } from 'node:crypto';

/** 128 random bits, base64url: the session, API token and feed secrets (RELIABILITY.md). */
export function mintSecret(): { secret: string; hash: string } {
  const secret = randomBytes(16).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

/** Only this hash is stored; lookups go by hash. (One-shot `hash`: a fifth of createHash's cost.) */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'base64url');
}
