import { type Advice, adviseMoment, CUES, DomainError, PHASES } from '@rapport/core';
import type { AccountId, CueEvent, Encounter, EncounterId, PersonId, Stores } from '@rapport/db';
import { z } from 'zod';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { idParams } from './people-routes.ts';
import {
  adviceSchema,
  encounterDetailSchema,
  encounterSchema,
  isoTime,
  pageQuery,
  presentEncounter,
  text,
  topicsInput,
} from './timeline-schemas.ts';

const personId = z.string().min(1).max(64).describe('one of your people');
const encounterAndAdvice = z.object({ encounter: encounterDetailSchema, advice: adviceSchema });

export function registerEncounterRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/encounters',
    {
      schema: {
        summary: 'Start an encounter: where, when, the phase and what you talk about.',
        body: z.strictObject({
          place: text(200).optional(),
          startedAt: isoTime.optional().describe('default now'),
          phase: z.enum(PHASES).default('opening'),
          topics: topicsInput.default([]),
          personId: personId.optional(),
        }),
        response: { 201: z.object({ encounter: encounterDetailSchema }) },
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const body = request.body;
      if (body.personId) await checkPerson(deps.store, accountId, body.personId);
      const now = deps.now().toISOString();
      const encounter = await deps.store.encounters.create(accountId, {
        id: deps.newId() as EncounterId,
        personId: (body.personId ?? null) as PersonId | null,
        place: body.place ?? null,
        phase: body.phase,
        topics: body.topics,
        startedAt: body.startedAt ? new Date(body.startedAt).toISOString() : now,
        now,
      });
      return reply.status(201).send({ encounter: presentEncounter(encounter, []) });
    },
  );

  app.get(
    '/api/encounters',
    {
      schema: {
        summary: 'My encounters, newest first.',
        querystring: pageQuery,
        response: { 200: z.object({ encounters: z.array(encounterSchema) }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      return { encounters: await deps.store.encounters.list(accountId, request.query) };
    },
  );

  app.get(
    '/api/encounters/:id',
    {
      schema: {
        summary: 'One encounter, with the cues tapped during it.',
        params: idParams,
        response: { 200: z.object({ encounter: encounterDetailSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const { encounter, cues } = await loadEncounter(deps.store, accountId, request.params.id);
      return { encounter: presentEncounter(encounter, cues) };
    },
  );

  app.patch(
    '/api/encounters/:id',
    {
      schema: {
        summary: 'Change the phase, the topics, the place or who it was with.',
        params: idParams,
        body: z.strictObject({
          phase: z.enum(PHASES).optional(),
          topics: topicsInput.optional(),
          place: text(200).nullable().optional(),
          personId: personId.nullable().optional(),
        }),
        response: { 200: z.object({ encounter: encounterDetailSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const body = request.body;
      const result = await deps.store.transaction(async (stores) => {
        const { encounter, cues } = await loadEncounter(stores, accountId, request.params.id);
        if (body.personId) await checkPerson(stores, accountId, body.personId);
        const updated = await stores.encounters.update(accountId, encounter.id, {
          phase: body.phase ?? encounter.phase,
          topics: body.topics ?? encounter.topics,
          place: body.place === undefined ? encounter.place : body.place,
          personId: body.personId === undefined ? encounter.personId : (body.personId as PersonId | null),
        });
        return { encounter: updated ?? encounter, cues };
      });
      return { encounter: presentEncounter(result.encounter, result.cues) };
    },
  );

  app.post(
    '/api/encounters/:id/cues',
    {
      schema: {
        summary: 'Tap cues as you notice them; answers the encounter and the advice now.',
        params: idParams,
        body: z.strictObject({
          cues: z
            .array(
              z.strictObject({
                cue: z.enum(CUES),
                minute: z
                  .number()
                  .min(0)
                  .max(24 * 60)
                  .optional()
                  .describe('default: minutes since it started'),
              }),
            )
            .min(1)
            .max(50),
        }),
        response: { 200: encounterAndAdvice },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const now = deps.now();
      const result = await deps.store.transaction(async (stores) => {
        const { encounter, declined } = await loadEncounter(stores, accountId, request.params.id);
        const minute = minutesSince(encounter.startedAt, now);
        const events = request.body.cues.map((entry) => ({
          id: deps.newId(),
          cue: entry.cue,
          minute: entry.minute ?? minute,
        }));
        await stores.encounters.appendCues(accountId, encounter.id, events, now.toISOString());
        return { encounter, declined, cues: await stores.encounters.listCues(accountId, encounter.id) };
      });
      return answer(result, now);
    },
  );

  app.delete(
    '/api/encounters/:id/cues/last',
    {
      schema: {
        summary: 'Undo the last cue tapped; answers the encounter and the advice now.',
        params: idParams,
        response: {
          200: encounterAndAdvice.extend({
            undone: z.object({ cue: z.enum(CUES), minute: z.number() }).nullable(),
          }),
        },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const result = await deps.store.transaction(async (stores) => {
        const { encounter, declined } = await loadEncounter(stores, accountId, request.params.id);
        const undone = await stores.encounters.removeLastCue(accountId, encounter.id);
        const cues = await stores.encounters.listCues(accountId, encounter.id);
        return { encounter, declined, undone, cues };
      });
      const undone = result.undone ? { cue: result.undone.cue, minute: result.undone.minute } : null;
      return { ...answer(result, deps.now()), undone };
    },
  );

  app.get(
    '/api/encounters/:id/advice',
    {
      schema: {
        summary: 'The moment advisor on this encounter now: wait, ask-now, ask-before-it-ends, …',
        params: idParams,
        response: { 200: adviceSchema },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      return adviseNow(await loadEncounter(deps.store, accountId, request.params.id), deps.now());
    },
  );
}

/** An encounter, its cues, and whether the person it is with declined when asked before. */
export interface LoadedEncounter {
  encounter: Encounter;
  cues: CueEvent[];
  declined: boolean;
}

/** The encounter and its cues, or 404 — also for another account's encounter. */
export async function loadEncounter(
  stores: Stores,
  accountId: AccountId,
  id: string,
): Promise<LoadedEncounter> {
  const [encounter, cues] = await Promise.all([
    stores.encounters.get(accountId, id as EncounterId),
    stores.encounters.listCues(accountId, id as EncounterId),
  ]);
  if (!encounter) throw notFound('encounter');
  const person = encounter.personId ? await stores.people.get(accountId, encounter.personId) : undefined;
  return { encounter, cues, declined: person?.askStatus === 'declined' };
}

/** Minutes since the encounter started, to a tenth; 0 for a start in the future. */
export function minutesSince(startedAt: string, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - Date.parse(startedAt)) / 6_000) / 10);
}

/**
 * The advisor on the state now: minutes elapsed, the phase, each cue tapped (repeats once), and
 * whether the person it is with declined before (then nothing suggests asking them again).
 */
function adviseNow(loaded: LoadedEncounter, now: Date): Advice {
  return adviseMoment({
    minutes: minutesSince(loaded.encounter.startedAt, now),
    phase: loaded.encounter.phase,
    cues: [...new Set(loaded.cues.map((event) => event.cue))],
    declined: loaded.declined,
  });
}

function answer(loaded: LoadedEncounter, now: Date) {
  return { encounter: presentEncounter(loaded.encounter, loaded.cues), advice: adviseNow(loaded, now) };
}

async function checkPerson(stores: Stores, accountId: AccountId, id: string): Promise<void> {
  if (!(await stores.people.get(accountId, id as PersonId))) {
    throw new DomainError('invalid-input', 'personId must be one of your people', 'personId');
  }
}
