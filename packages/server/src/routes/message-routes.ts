import { coachMessage, parseCoachContext, unwrapParsed } from '@rapport/core';
import type { AccountId, MessageId, Person, PersonId, Stores } from '@rapport/db';
import { z } from 'zod';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { currentPlan, recordContact, settingsOf } from '../follow-up-reminders.ts';
import { idParams } from './people-routes.ts';
import { coachingSchema, isoTime, pageQuery, planSchema } from './timeline-schemas.ts';

const messageSchema = z.object({
  id: z.string(),
  personId: z.string(),
  direction: z.enum(['sent', 'received']),
  at: z.string(),
  text: z.string().nullable(),
  createdAt: z.string(),
});

export function registerMessageRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/people/:id/messages',
    {
      schema: {
        summary:
          'Log a message sent or received. Any contact resets the check-ins; 2 unanswered pause the plan, 3 stop it.',
        params: idParams,
        body: z.strictObject({
          direction: z.enum(['sent', 'received']),
          at: isoTime.optional().describe('when it was sent or received; default now'),
          text: z.string().max(2000).optional(),
        }),
        response: { 201: z.object({ message: messageSchema, plan: planSchema }) },
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const settings = await settingsOf(deps.store, accountId);
      const now = deps.now();
      const body = request.body;
      const result = await deps.store.transaction(async (stores) => {
        const person = await loadPerson(stores, accountId, request.params.id);
        const message = await stores.messages.create(accountId, {
          id: deps.newId() as MessageId,
          personId: person.id,
          direction: body.direction,
          at: body.at ? new Date(body.at).toISOString() : now.toISOString(),
          text: body.text?.trim() || null,
          now: now.toISOString(),
        });
        const plan = await recordContact(
          { stores, accountId, settings, now, newId: deps.newId },
          person,
          message,
        );
        return { message, plan };
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/people/:id/messages',
    {
      schema: {
        summary: 'Messages logged with this person, newest first.',
        params: idParams,
        querystring: pageQuery,
        response: { 200: z.object({ messages: z.array(messageSchema) }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const person = await loadPerson(deps.store, accountId, request.params.id);
      return { messages: await deps.store.messages.list(accountId, person.id, request.query) };
    },
  );

  app.get(
    '/api/people/:id/plan',
    {
      schema: {
        summary: 'The follow-up plan with this person as it stands: status, advice and pending reminders.',
        params: idParams,
        response: { 200: z.object({ plan: planSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const settings = await settingsOf(deps.store, accountId);
      const person = await loadPerson(deps.store, accountId, request.params.id);
      return {
        plan: await currentPlan({ stores: deps.store, accountId, settings, now: deps.now() }, person),
      };
    },
  );

  app.post(
    '/api/coach',
    {
      schema: {
        summary: 'The message coach on a draft: send, or what to revise and how.',
        body: z.strictObject({
          text: z.string().max(2000),
          theirName: z.string().max(100).optional(),
          topics: z.array(z.string().max(100)).max(20).optional(),
          hoursSinceMeeting: z.number().min(0).max(100_000).optional(),
          unanswered: z.number().int().min(0).max(1000).optional(),
        }),
        response: { 200: coachingSchema },
      },
    },
    async (request) => {
      await authenticate(request, deps);
      const { text, ...context } = request.body;
      return coachMessage(text, unwrapParsed(parseCoachContext(context)));
    },
  );
}

async function loadPerson(stores: Stores, accountId: AccountId, id: string): Promise<Person> {
  const person = await stores.people.get(accountId, id as PersonId);
  if (!person) throw notFound('person');
  return person;
}
