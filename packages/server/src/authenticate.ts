import { DomainError } from '@rapport/core';
import type { AccountId } from '@rapport/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from './app.ts';
import { hashSecret, mintSecret } from './secret-tokens.ts';

export const SESSION_COOKIE = 'rapport_session';

/**
 * The account behind the request: a bearer API token, or the session cookie. Anything else is
 * `unauthenticated`, with the same answer whether the secret never existed or has expired.
 */
export function authenticate(request: FastifyRequest, deps: RouteDeps): Promise<AccountId> {
  // Checked once per request: a request with a body is checked before the body is read, and its
  // handler asks again.
  let account = accountByRequest.get(request);
  if (!account) {
    account = checkCredentials(request, deps);
    accountByRequest.set(request, account);
  }
  return account;
}

const accountByRequest = new WeakMap<FastifyRequest, Promise<AccountId>>();

async function checkCredentials(request: FastifyRequest, deps: RouteDeps): Promise<AccountId> {
  const now = deps.now();
  const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const accountId = bearer
    ? await deps.store.credentials.useApiToken(hashSecret(bearer), now.toISOString())
    : await useSessionCookie(request, deps, now);
  if (!accountId)
    throw new DomainError('unauthenticated', 'sign in first (POST /api/sessions) or send a bearer token');
  return accountId;
}

async function useSessionCookie(
  request: FastifyRequest,
  deps: RouteDeps,
  now: Date,
): Promise<AccountId | undefined> {
  const secret = request.cookies[SESSION_COOKIE];
  if (!secret) return undefined;
  const idleCutoff = new Date(now.getTime() - deps.config.sessionIdleMs).toISOString();
  return deps.store.credentials.useSession(hashSecret(secret), now.toISOString(), idleCutoff);
}

/** Starts a new session (a fresh secret at every login) and sets its cookie. */
export async function startSession(
  reply: FastifyReply,
  accountId: AccountId,
  deps: RouteDeps,
): Promise<void> {
  const now = deps.now();
  const { secret, hash } = mintSecret();
  const expiresAt = new Date(now.getTime() + deps.config.sessionAbsoluteMs);
  await deps.store.credentials.createSession({
    tokenHash: hash,
    accountId,
    now: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  reply.setCookie(SESSION_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    expires: expiresAt,
  });
}

export async function endSession(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: RouteDeps,
): Promise<void> {
  const secret = request.cookies[SESSION_COOKIE];
  if (secret) await deps.store.credentials.deleteSession(hashSecret(secret));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
