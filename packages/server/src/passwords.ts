import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

/** A hash of nothing in particular, verified when the account does not exist so both take as long. */
const DECOY_HASH = hash('rapport-decoy-password', { algorithm: ARGON2ID });

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    await verify(await DECOY_HASH, password);
    return false;
  }
  return verify(passwordHash, password);
}
