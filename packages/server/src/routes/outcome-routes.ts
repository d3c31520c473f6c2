import {
  APPROACHES,
  ASK_REASONS,
  DomainError,
  OUTCOMES,
  type Outcome,
  parseSocialHandle,
  reflect,
  SOCIAL_PLATFORM_NAMES,
  type SocialPlatform,
} from '@rapport/core';
import type { AccountId, Handle, Person, PersonId, Stores } from '@rapport/db';
import { z } from 'zod';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { askedAt, PLAN_KINDS, replan, settingsOf } from '../follow-up-reminders.ts';
import { nameSchema } from '../name-schema.ts';
import { toE164 } from '../phone-numbers.ts';
import { loadEncounter, minutesSince } from './encounter-routes.ts';
import { idParams, personSchema, presentPerson } from './people-routes.ts';
import { encounterDetailSchema, planSchema, presentEncounter, text } from './timeline-schemas.ts';

/** Outcomes in which they gave me a way to reach them: only these may carry their details. */
const CONTACT_OUTCOMES: readonly Outcome[] = ['gave-number', 'connected-social'];

const outcomeBody = z.strictObject({
  outcome: z.enum(OUTCOMES),
  minute: z
    .number()
    .min(0)
    .max(24 * 60)
    .optional()
    .describe('minutes into the conversation; default now'),
  approach: z.enum(APPROACHES).optional(),
  reason: z.enum(ASK_REASONS).optional(),
  name: nameSchema.optional().describe('their name, to add them to your people'),
  phone: z.string().trim().min(1).max(40).optional(),
  handle: z
    .strictObject({
      platform: z.enum(SOCIAL_PLATFORM_NAMES as [SocialPlatform, ...SocialPlatform[]]),
      handle: text(200),
    })
    .optional(),
});

const reflectionSchema = z.object({
  outcome: z.enum(OUTCOMES),
  line: z.string(),
  note: z.string(),
  questions: z.array(
    z.object({
      id: z.enum(['too-strong', 'enough-rapport', 'boundaries']),
      question: z.string(),
      hint: z.string().optional(),
    }),
  ),
});

export function registerOutcomeRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/encounters/:id/outcome',
    {
      schema: {
        summary:
          'Record how the ask went. A number or handle they gave adds (or links) the person and plans the follow-up; a decline is kept in their consent record. Recording again replaces it.',
        params: idParams,
        body: outcomeBody,
        response: {
          200: z.object({
            encounter: encounterDetailSchema,
            person: personSchema.nullable(),
            plan: planSchema.nullable(),
            reflection: reflectionSchema,
          }),
        },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const body = request.body;
      const settings = await settingsOf(deps.store, accountId);
      const contact = readContact(body, settings.phoneRegion);
      const now = deps.now();
      const nowIso = now.toISOString();
      const result = await deps.store.transaction(async (stores) => {
        const { encounter, cues } = await loadEncounter(stores, accountId, request.params.id);
        const linked = encounter.personId
          ? await stores.people.get(accountId, encounter.personId)
          : undefined;
        // Recording again replaces the earlier outcome: its plan goes too, so no reminder is doubled.
        if (encounter.outcome !== null && linked) {
          await stores.reminders.deletePending(accountId, linked.id, PLAN_KINDS);
        }
        let person = linked;
        if (CONTACT_OUTCOMES.includes(body.outcome)) {
          person = await resolveContact(
            stores,
            accountId,
            { ...contact, outcome: body.outcome, linked, place: encounter.place, nowIso },
            deps,
          );
          // They gave contact: this, and only this, lifts an earlier "no".
          if (person.askStatus !== null) {
            await stores.people.setAskStatus(accountId, person.id, null, nowIso);
            person = { ...person, askStatus: null };
          }
        } else if (linked && (body.outcome === 'declined' || body.outcome === 'another-time')) {
          await stores.people.setAskStatus(accountId, linked.id, body.outcome, nowIso);
        }
        const recorded = await stores.encounters.recordOutcome(accountId, encounter.id, {
          outcome: body.outcome,
          minute: body.minute ?? minutesSince(encounter.startedAt, now),
          approach: body.approach ?? null,
          reason: body.reason ?? null,
          personId: person?.id ?? null,
          at: nowIso,
        });
        if (!recorded) throw notFound('encounter');
        const plan =
          person && CONTACT_OUTCOMES.includes(body.outcome)
            ? await replan({ stores, accountId, settings, now, newId: deps.newId }, person, {
                metAt: askedAt(recorded),
                topics: recorded.topics,
              })
            : null;
        const current = person ? await stores.people.get(accountId, person.id) : undefined;
        return { encounter: recorded, cues, person: current, plan };
      });
      const ask = result.encounter.ask;
      const reflection = reflect(body.outcome, {
        ...(result.person ? { theirName: result.person.name } : {}),
        ...(ask?.minute !== null && ask?.minute !== undefined ? { minutes: ask.minute } : {}),
        ...(body.approach ? { approach: body.approach } : {}),
        phase: result.encounter.phase,
        cues: result.cues
          .filter((event) => event.minute <= (ask?.minute ?? Infinity))
          .map((event) => event.cue),
      });
      return {
        encounter: presentEncounter(result.encounter, result.cues),
        person: result.person ? presentPerson(result.person, settings.phoneRegion) : null,
        plan: result.plan,
        reflection,
      };
    },
  );
}

interface Contact {
  name: string | undefined;
  phone: string | undefined;
  handle: Handle | undefined;
}

/** Their details, checked: only an outcome in which they gave them may carry any (consent first). */
function readContact(body: z.infer<typeof outcomeBody>, region: string): Contact {
  if (!CONTACT_OUTCOMES.includes(body.outcome)) {
    for (const field of ['name', 'phone', 'handle'] as const) {
      if (body[field] !== undefined) {
        throw new DomainError(
          'invalid-input',
          `${field} is kept only when they gave it: outcome gave-number or connected-social`,
          field,
        );
      }
    }
  }
  let phone: string | undefined;
  if (body.phone !== undefined) {
    phone = toE164(body.phone, region);
    if (!phone) {
      throw new DomainError(
        'invalid-input',
        `phone '${body.phone}' is not a valid number: include the country code, e.g. +49 170 1234567`,
        'phone',
      );
    }
  }
  let handle: Handle | undefined;
  if (body.handle) {
    const parsed = parseSocialHandle(body.handle.platform, body.handle.handle);
    if (!parsed.ok) {
      throw new DomainError(
        'invalid-input',
        parsed.problems[0]?.message ?? 'invalid handle',
        'handle.handle',
      );
    }
    handle = parsed.value;
  }
  return { name: body.name, phone, handle };
}

/**
 * The person who gave their details: the one with the same number if there is one, else the
 * encounter's person (given the number if they had none), else a new person whose consent record
 * says they told me and agreed.
 */
async function resolveContact(
  stores: Stores,
  accountId: AccountId,
  input: Contact & { outcome: Outcome; linked: Person | undefined; place: string | null; nowIso: string },
  deps: RouteDeps,
): Promise<Person> {
  const { phone, handle, linked, nowIso } = input;
  if (input.outcome === 'gave-number' && !phone && !linked?.phone) {
    throw new DomainError('invalid-input', 'gave-number needs the phone number they gave you', 'phone');
  }
  if (input.outcome === 'connected-social' && !handle && !linked?.handles.length) {
    throw new DomainError('invalid-input', 'connected-social needs the handle they gave you', 'handle');
  }
  const samePhone = phone ? await stores.people.findByPhone(accountId, phone) : undefined;
  const existing = samePhone
    ? await stores.people.get(accountId, samePhone)
    : linked && (!phone || !linked.phone)
      ? linked
      : undefined;
  if (existing) {
    const handles = addHandle(existing.handles, handle);
    if (handles === existing.handles && (!phone || existing.phone === phone)) return existing;
    const write = await stores.people.update(
      accountId,
      existing.id,
      { ...existing, phone: phone ?? existing.phone, handles },
      nowIso,
    );
    if (!write?.ok) throw new Error('a person just read could not be updated');
    return write.person;
  }
  if (!input.name) {
    throw new DomainError('invalid-input', 'name is needed to add them to your people', 'name');
  }
  const write = await stores.people.create(accountId, {
    id: deps.newId() as PersonId,
    name: input.name,
    phone: phone ?? null,
    handles: handle ? [handle] : [],
    howMet: null,
    whereMet: input.place,
    metThroughId: null,
    notes: null,
    consent: { kind: 'told-me-and-agreed', at: nowIso },
    now: nowIso,
  });
  if (!write.ok) throw new Error('a number just looked up was taken in the same transaction');
  return write.person;
}

function addHandle(handles: Handle[], handle: Handle | undefined): Handle[] {
  if (!handle || handles.some((h) => h.platform === handle.platform && h.handle === handle.handle))
    return handles;
  return [...handles, handle];
}
