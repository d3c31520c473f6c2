import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';

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

/** Passwords people pick most often (the zxcvbn-ts project's list): the first ones an attacker tries. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common']);
export const MIN_PASSWORD_LENGTH = 10;

/** Whether the password, ignoring case and spaces, is on the list of common passwords. */
export function isCommonPassword(password: string): boolean {
  const plain = password.toLowerCase();
  return COMMON_PASSWORDS.has(plain) || COMMON_PASSWORDS.has(plain.replace(/\s+/g, ''));
}

/** A password being chosen (sign-up, change): long enough and not a common one. */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'use at most 200 characters')
  .refine(
    (password) => !isCommonPassword(password),
    'that is one of the most common passwords, which are tried first: choose another (a few unrelated words work well)',
  );
