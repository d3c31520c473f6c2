import { DomainError } from '@rapport/core';
import type { Account } from '@rapport/db';
import type { FastifyReply } from 'fastify';
import type { RouteDeps } from './app.ts';
import { verifyPassword } from './passwords.ts';
import { hashSecret } from './secret-tokens.ts';

const HOUR_MS = 60 * 60 * 1000;
/**
 * Failed sign-ins in the last hour: per email and client address, the limit; per email from every
 * address, and over all emails, the backstop. Past the backstop only addresses the account signed
 * in from within KNOWN_ADDRESS_MS may try, so failures from elsewhere never lock the owner out of
 * their correct password at their own address. See docs/decisions/0011-sign-in-limits-and-credentials.md.
 */
export const SIGN_IN_LIMITS = { perEmailAndAddress: 10, perEmail: 100, overall: 1000 } as const;
const KNOWN_ADDRESS_MS = 90 * 24 * HOUR_MS;
/** Sign-up attempts from one client address in an hour. */
export const SIGN_UPS_PER_ADDRESS_PER_HOUR = 10;

/**
 * The account whose email and password these are, or a refusal: 429 past a limit (before any
 * password is checked), 401 alike for an unknown email and a wrong password.
 */
export async function signInOrRefuse(
  deps: RouteDeps,
  reply: FastifyReply,
  attempt: { email: string; password: string; address: string },
): Promise<Account> {
  const now = deps.now();
  const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
  const emailHash = hashSecret(attempt.email);
  const addressHash = addressHashOf(attempt.address);
  const limits = deps.store.signInLimits;
  const counts = await limits.countFailures(emailHash, addressHash, hourAgo);
  if (counts.fromAddress >= SIGN_IN_LIMITS.perEmailAndAddress) {
    throw refuse(reply, 'too many failed sign-ins for this email from this address: try again in an hour');
  }
  const found = await deps.store.accounts.findCredentials(attempt.email);
  if (counts.forEmail >= SIGN_IN_LIMITS.perEmail || counts.overall >= SIGN_IN_LIMITS.overall) {
    const since = new Date(now.getTime() - KNOWN_ADDRESS_MS).toISOString();
    const known = found && (await limits.hasSignedInFrom(found.account.id, addressHash, since));
    if (!known) {
      throw refuse(
        reply,
        'too many failed sign-ins for this email: try again in an hour, or from where you signed in before',
      );
    }
  }
  if (!found || !(await verifyPassword(found?.passwordHash, attempt.password))) {
    await limits.recordFailure(emailHash, addressHash, now.toISOString(), hourAgo);
    throw new DomainError('unauthenticated', 'that email and password do not match an account');
  }
  await rememberSignIn(deps, found.account, attempt.address);
  return found.account;
}

/** Notes the address an account signed in (or up) from: the backstop lets it through later. */
export async function rememberSignIn(deps: RouteDeps, account: Account, address: string): Promise<void> {
  await deps.store.signInLimits.rememberAddress(account.id, addressHashOf(address), deps.now().toISOString());
}

/** Counts a sign-up attempt from the address; refuses it (429) past the hourly limit. */
export async function countSignUpOrRefuse(
  deps: RouteDeps,
  reply: FastifyReply,
  address: string,
): Promise<void> {
  const now = deps.now();
  const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
  const attempts = await deps.store.signInLimits.countSignUp(
    addressHashOf(address),
    now.toISOString(),
    hourAgo,
  );
  if (attempts > SIGN_UPS_PER_ADDRESS_PER_HOUR) {
    throw refuse(reply, 'too many sign-ups from this address: try again in an hour');
  }
}

function refuse(reply: FastifyReply, message: string): DomainError {
  reply.header('retry-after', String(HOUR_MS / 1000));
  return new DomainError('rate-limited', message);
}

/** Client addresses are kept only as hashes. */
function addressHashOf(address: string): string {
  return hashSecret(`address:${address}`);
}
