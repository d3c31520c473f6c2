import { DomainError } from '@rapport/core';
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticateCredential, endSession, SESSION_COOKIE, startSession } from '../authenticate.ts';
import { announceCredentialsEnded } from '../credential-events.ts';
import { hashPassword, newPasswordSchema, verifyPassword } from '../passwords.ts';
import { signInOrRefuse } from '../sign-in-limits.ts';
import { accountSchema, emailSchema } from './account-schemas.ts';

/** Signing in and out (here or everywhere), and changing the password. */
export function registerSessionRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/sessions',
    {
      schema: {
        summary: 'Sign in: sets the session cookie.',
        body: z.strictObject({ email: emailSchema, password: z.string().min(1).max(200) }),
        response: { 200: z.object({ account: accountSchema }) },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const account = await signInOrRefuse(deps, reply, {
        email: request.body.email,
        password: request.body.password,
        address: request.ip,
      });
      await startSession(reply, account.id, deps);
      return { account };
    },
  );

  app.delete(
    '/api/sessions/current',
    { schema: { summary: 'Sign out: ends this session, or revokes the bearer token sent.' } },
    async (request, reply) => {
      const { accountId } = await authenticateCredential(request, deps);
      await endSession(request, reply, deps);
      await announceCredentialsEnded(deps, accountId);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/sessions',
    {
      schema: {
        summary:
          'Sign out everywhere: ends every session of mine, this one too, and revokes every API token.',
      },
    },
    async (request, reply) => {
      const { accountId } = await authenticateCredential(request, deps);
      await deps.store.credentials.endCredentials(accountId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      await announceCredentialsEnded(deps, accountId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/account/password',
    {
      schema: {
        summary:
          'Change my password. Every other session and every API token ends; the one sending this stays.',
        body: z.strictObject({
          currentPassword: z.string().min(1).max(200),
          newPassword: newPasswordSchema,
        }),
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { accountId, credential } = await authenticateCredential(request, deps);
      const account = await deps.store.accounts.get(accountId);
      const found = account && (await deps.store.accounts.findCredentials(account.email));
      if (!found || !(await verifyPassword(found.passwordHash, request.body.currentPassword))) {
        throw new DomainError(
          'invalid-input',
          'currentPassword: that is not your current password',
          'currentPassword',
        );
      }
      const passwordHash = await hashPassword(request.body.newPassword);
      await deps.store.transaction(async (stores) => {
        await stores.accounts.setPasswordHash(accountId, passwordHash);
        await stores.credentials.endCredentials(accountId, credential.hash);
      });
      await announceCredentialsEnded(deps, accountId);
      return reply.status(204).send();
    },
  );
}
