import { DomainError, OUTCOMES } from '@rapport/core';
import { z } from 'zod';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { loadEncounter } from './encounter-routes.ts';
import { idParams } from './people-routes.ts';

const answerText = z.string().trim().min(1).max(2000);
const storedReflectionSchema = z.object({
  id: z.string(),
  encounterId: z.string(),
  outcome: z.enum(OUTCOMES),
  answers: z.object({
    'too-strong': z.string().optional(),
    'enough-rapport': z.string().optional(),
    boundaries: z.string().optional(),
  }),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export function registerReflectionRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/encounters/:id/reflection',
    {
      schema: {
        summary: 'Keep a private reflection after the outcome: the guide’s questions in your own words.',
        params: idParams,
        body: z.strictObject({
          answers: z.strictObject({
            'too-strong': answerText.optional(),
            'enough-rapport': answerText.optional(),
            boundaries: answerText.optional(),
          }),
          note: z.string().trim().max(5000).optional(),
        }),
        response: { 201: z.object({ reflection: storedReflectionSchema }) },
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const { answers, note } = request.body;
      const reflection = await deps.store.transaction(async (stores) => {
        const { encounter } = await loadEncounter(stores, accountId, request.params.id);
        if (encounter.outcome === null) {
          throw new DomainError(
            'invalid-input',
            'record the outcome first (POST /api/encounters/:id/outcome), then reflect on it',
            'outcome',
          );
        }
        return stores.reflections.save(accountId, {
          id: deps.newId(),
          encounterId: encounter.id,
          outcome: encounter.outcome,
          answers,
          note: note || null,
          createdAt: deps.now().toISOString(),
        });
      });
      return reply.status(201).send({ reflection });
    },
  );

  app.get(
    '/api/encounters/:id/reflection',
    {
      schema: {
        summary: 'My reflection on this encounter.',
        params: idParams,
        response: { 200: z.object({ reflection: storedReflectionSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const { encounter } = await loadEncounter(deps.store, accountId, request.params.id);
      const reflection = await deps.store.reflections.get(accountId, encounter.id);
      if (!reflection) throw notFound('reflection');
      return { reflection };
    },
  );
}
