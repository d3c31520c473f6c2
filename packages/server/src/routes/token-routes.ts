import type { ApiTokenId } from '@rapport/db';
import { z } from 'zod';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { announceCredentialsEnded } from '../credential-events.ts';
import { mintSecret } from '../secret-tokens.ts';
import { idParams } from './people-routes.ts';

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  /** To the minute or so: set by the requests the token signs. */
  lastUsedAt: z.string().nullable(),
});

/** API tokens for scripts: made with a name, listed without their secret, revoked by id. */
export function registerTokenRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/tokens',
    {
      schema: {
        summary: 'Create a named API token for scripts (Authorization: Bearer …). The token is shown once.',
        body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
        response: { 201: z.object({ id: z.string(), name: z.string(), token: z.string() }) },
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const { secret, hash } = mintSecret();
      const id = deps.newId() as ApiTokenId;
      await deps.store.credentials.createApiToken({
        id,
        accountId,
        tokenHash: hash,
        name: request.body.name,
        now: deps.now().toISOString(),
      });
      return reply.status(201).send({ id, name: request.body.name, token: secret });
    },
  );

  app.get(
    '/api/tokens',
    {
      schema: {
        summary: 'My API tokens: name, when made and when last used. Their secrets are never shown again.',
        response: { 200: z.object({ tokens: z.array(tokenSchema) }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      return { tokens: await deps.store.credentials.listApiTokens(accountId) };
    },
  );

  app.delete(
    '/api/tokens/:id',
    { schema: { summary: 'Revoke one of my API tokens: it stops working at once.', params: idParams } },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      if (!(await deps.store.credentials.deleteApiToken(accountId, request.params.id as ApiTokenId)))
        throw notFound('API token');
      await announceCredentialsEnded(deps, accountId);
      return reply.status(204).send();
    },
  );
}
