import {
  CONSENT_KINDS,
  DomainError,
  parseSocialHandle,
  profileUrl,
  SOCIAL_PLATFORM_NAMES,
  type SocialPlatform,
} from '@rapport/core';
import type { AccountId, Person, PersonFields, PersonId, PersonWrite } from '@rapport/db';
import { z } from 'zod';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { eraseDeleted } from '../erase-deleted.ts';
import { nameSchema } from '../name-schema.ts';
import { formatPhone, toE164 } from '../phone-numbers.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const handleSchema = z.strictObject({
  platform: z.enum(SOCIAL_PLATFORM_NAMES as [SocialPlatform, ...SocialPlatform[]]),
  handle: text(200),
});
const personFields = {
  name: nameSchema,
  phone: z.string().trim().max(40).nullable().optional(),
  handles: z.array(handleSchema).max(10).optional(),
  howMet: text(500).nullable().optional(),
  whereMet: text(200).nullable().optional(),
  metThroughId: z.string().max(64).nullable().optional(),
  notes: z.string().max(5000).nullable().optional(),
};
const consentKind = z.enum(
  CONSENT_KINDS.filter((kind) => kind !== 'shared-via-link') as [
    'told-me-and-agreed',
    'introduced',
    'imported',
  ],
);
export const idParams = z.strictObject({ id: z.string().min(1).max(64) });

export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable().describe('E.164, then `;ext=45` when it has an extension (RFC 3966)'),
  phoneDisplay: z.string().nullable().describe("in the account's national format"),
  handles: z.array(z.object({ platform: z.string(), handle: z.string(), url: z.string() })),
  howMet: z.string().nullable(),
  whereMet: z.string().nullable(),
  metThroughId: z.string().nullable(),
  notes: z.string().nullable(),
  consent: z.object({ kind: z.enum(CONSENT_KINDS), at: z.string() }),
  askStatus: z.enum(['declined', 'another-time']).nullable(),
  canAskAgain: z.boolean().describe('false after a decline: nothing suggests asking them again'),
  meetupPlanned: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function registerPeopleRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/people',
    {
      schema: {
        summary: 'Add a person. The same phone number twice answers 409 with the existing id.',
        body: z.strictObject({
          id: z
            .uuid()
            .optional()
            .describe('a client-chosen id: posting the same one again answers the same person'),
          ...personFields,
          consent: z.strictObject({ kind: consentKind, at: z.iso.datetime({ offset: true }).optional() }),
        }),
        response: { 200: z.object({ person: personSchema }), 201: z.object({ person: personSchema }) },
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const region = await regionOf(accountId, deps);
      const fields = await readFields(accountId, request.body, region, deps);
      const now = deps.now().toISOString();
      const consent = { kind: request.body.consent.kind, at: toUtc(request.body.consent.at) ?? now };
      const id = (request.body.id ?? deps.newId()) as PersonId;
      if (request.body.id !== undefined) {
        // A retried create (the answer was lost) gets the same person back, not a duplicate.
        const existing = await deps.store.people.get(accountId, id);
        if (existing) return reply.status(200).send({ person: presentPerson(existing, region) });
        if (await deps.store.people.isIdTaken(id))
          throw new DomainError('id-taken', 'that id is taken: choose another', 'id');
      }
      const write = await deps.store.people.create(accountId, { ...fields, id, consent, now });
      return reply.status(201).send({ person: presentPerson(unwrapWrite(write), region) });
    },
  );

  app.get(
    '/api/people',
    {
      schema: {
        summary: 'My people, by name; `search` finds names containing it.',
        querystring: z.strictObject({
          search: z.string().trim().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ people: z.array(personSchema) }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const region = await regionOf(accountId, deps);
      const people = await deps.store.people.list(accountId, request.query);
      return { people: people.map((person) => presentPerson(person, region)) };
    },
  );

  app.get(
    '/api/people/:id',
    {
      schema: {
        summary: 'One person.',
        params: idParams,
        response: { 200: z.object({ person: personSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const person = await deps.store.people.get(accountId, request.params.id as PersonId);
      if (!person) throw notFound('person');
      return { person: presentPerson(person, await regionOf(accountId, deps)) };
    },
  );

  app.patch(
    '/api/people/:id',
    {
      schema: {
        summary: 'Change a person. The consent record cannot be changed.',
        params: idParams,
        body: z.strictObject({ ...personFields, name: personFields.name.optional() }),
        response: { 200: z.object({ person: personSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const id = request.params.id as PersonId;
      const person = await deps.store.people.get(accountId, id);
      if (!person) throw notFound('person');
      const region = await regionOf(accountId, deps);
      const merged = { ...toFieldInput(person), ...stripUndefined(request.body) };
      const fields = await readFields(accountId, merged, region, deps, id);
      const write = await deps.store.people.update(accountId, id, fields, deps.now().toISOString());
      if (!write) throw notFound('person');
      return { person: presentPerson(unwrapWrite(write), region) };
    },
  );

  app.delete(
    '/api/people/:id',
    { schema: { summary: 'Delete a person and their timeline.', params: idParams } },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      if (!(await deps.store.people.delete(accountId, request.params.id as PersonId)))
        throw notFound('person');
      await eraseDeleted(request, deps);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/people/merge',
    {
      schema: {
        summary: 'Merge `other` into `keep`: one person with both timelines.',
        body: z.strictObject({ keep: z.string().min(1).max(64), other: z.string().min(1).max(64) }),
        response: { 200: z.object({ person: personSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const { keep, other } = request.body;
      if (keep === other)
        throw new DomainError('invalid-input', 'other must be a different person than keep', 'other');
      const now = deps.now().toISOString();
      const merged = await deps.store.transaction((stores) =>
        stores.people.merge(accountId, keep as PersonId, other as PersonId, now),
      );
      if (!merged) throw notFound('person');
      return { person: presentPerson(merged, await regionOf(accountId, deps)) };
    },
  );
}

type FieldInput = Partial<Record<keyof typeof personFields, unknown>> & { name?: string };

async function readFields(
  accountId: AccountId,
  body: FieldInput,
  region: string,
  deps: RouteDeps,
  selfId?: PersonId,
): Promise<PersonFields> {
  let phone: string | null = null;
  if (typeof body.phone === 'string' && body.phone !== '') {
    const e164 = toE164(body.phone, region);
    if (!e164) {
      throw new DomainError(
        'invalid-input',
        `phone '${body.phone}' is not a valid number: include the country code, e.g. +49 170 1234567`,
        'phone',
      );
    }
    phone = e164;
  }
  const handles = ((body.handles as { platform: string; handle: string }[] | undefined) ?? []).map(
    (entry, index) => {
      const parsed = parseSocialHandle(entry.platform, entry.handle);
      if (!parsed.ok)
        throw new DomainError(
          'invalid-input',
          parsed.problems[0]?.message ?? 'invalid handle',
          `handles.${index}.handle`,
        );
      return parsed.value;
    },
  );
  const metThroughId = (body.metThroughId as string | null | undefined) ?? null;
  if (
    metThroughId !== null &&
    (metThroughId === selfId || !(await deps.store.people.get(accountId, metThroughId as PersonId)))
  ) {
    throw new DomainError('invalid-input', 'metThroughId must be another of your people', 'metThroughId');
  }
  return {
    name: String(body.name ?? ''),
    phone,
    handles,
    howMet: (body.howMet as string | null | undefined) ?? null,
    whereMet: (body.whereMet as string | null | undefined) ?? null,
    metThroughId: metThroughId as PersonId | null,
    notes: (body.notes as string | null | undefined) || null,
  };
}

function unwrapWrite(write: PersonWrite): Person {
  if (write.ok) return write.person;
  const error = new DomainError('phone-taken', 'you already have a person with this phone number', 'phone');
  throw Object.assign(error, { existingId: write.existingId });
}

function toFieldInput(person: Person): FieldInput {
  return { ...person, handles: person.handles };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

function toUtc(iso: string | undefined): string | undefined {
  return iso === undefined ? undefined : new Date(iso).toISOString();
}

export async function regionOf(accountId: AccountId, deps: RouteDeps): Promise<string> {
  return (await deps.store.accounts.get(accountId))?.settings.phoneRegion ?? 'US';
}

export function presentPerson(person: Person, region: string): z.infer<typeof personSchema> {
  return {
    ...person,
    phoneDisplay: person.phone ? formatPhone(person.phone, region) : null,
    handles: person.handles.map((handle) => ({
      ...handle,
      url: profileUrl({ platform: handle.platform as SocialPlatform, handle: handle.handle }),
    })),
    canAskAgain: person.askStatus !== 'declined',
  };
}
