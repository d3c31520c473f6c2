import { createHash, randomBytes } from 'node:crypto';

/** 128 random bits, base64url: the session, API token and feed secrets (RELIABILITY.md). */
export function mintSecret(): { secret: string; hash: string } {
  const secret = randomBytes(16).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

/** Only this hash is stored; lookups go by hash. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
