import { DomainError } from '@rapport/core';
import type { AccountId } from '@rapport/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from './app.ts';
import { hashSecret, mintSecret } from './secret-tokens.ts';

export const SESSION_COOKIE = 'rapport_session';

/** Which secret signed a request in: a session cookie or a bearer API token, by its hash. */
export interface Credential {
  kind: 'session' | 'token';
  hash: string;
}

export interface Authenticated {
  accountId: AccountId;
  credential: Credential;
}

/**
 * The account behind the request: a bearer API token, or the session cookie. Anything else is
 * `unauthenticated`, with the same answer whether the secret never existed or has expired.
 */
export async function authenticate(request: FastifyRequest, deps: RouteDeps): Promise<AccountId> {
  return (await authenticateCredential(request, deps)).accountId;
}

/**
 * The account behind the request and the credential it came with (to end that one, or keep it).
 * Checked once per request: a request with a body is checked before the body is read, and its
 * handler asks again.
 */
export function authenticateCredential(request: FastifyRequest, deps: RouteDeps): Promise<Authenticated> {
  let checked = checkedByRequest.get(request);
  if (!checked) {
    checked = checkCredential(request, deps);
    checkedByRequest.set(request, checked);
  }
  return checked;
}

const checkedByRequest = new WeakMap<FastifyRequest, Promise<Authenticated>>();

async function checkCredential(request: FastifyRequest, deps: RouteDeps): Promise<Authenticated> {
  const now = deps.now();
  const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const secret = bearer ?? request.cookies[SESSION_COOKIE];
  const credential: Credential | undefined = secret
    ? { kind: bearer ? 'token' : 'session', hash: hashSecret(secret) }
    : undefined;
  const accountId = !credential
    ? undefined
    : credential.kind === 'token'
      ? await deps.store.credentials.useApiToken(credential.hash, now.toISOString())
      : await deps.store.credentials.useSession(credential.hash, now.toISOString(), idleCutoff(deps, now));
  if (!accountId || !credential)
    throw new DomainError('unauthenticated', 'sign in first (POST /api/sessions) or send a bearer token');
  return { accountId, credential };
}

/** Whether the credential still signs in (a live event stream asks while it stays open). */
export function isCredentialLive(credential: Credential, deps: RouteDeps): Promise<boolean> {
  const now = deps.now();
  return credential.kind === 'token'
    ? deps.store.credentials.isApiTokenLive(credential.hash)
    : deps.store.credentials.isSessionLive(credential.hash, now.toISOString(), idleCutoff(deps, now));
}

function idleCutoff(deps: RouteDeps, now: Date): string {
  return new Date(now.getTime() - deps.config.sessionIdleMs).toISOString();
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

/** Ends the credential the request came with: its session (and cookie), or its bearer token. */
export async function endSession(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: RouteDeps,
): Promise<void> {
  const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) await deps.store.credentials.deleteApiTokenByHash(hashSecret(bearer));
  const secret = request.cookies[SESSION_COOKIE];
  if (secret) await deps.store.credentials.deleteSession(hashSecret(secret));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
