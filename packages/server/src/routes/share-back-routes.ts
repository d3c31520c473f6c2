import { DomainError, profileUrl, type SocialPlatform } from '@rapport/core';
import {
  type AccountId,
  joinHandlesWithinLimit,
  joinNotesWithinLimit,
  type Person,
  type PersonId,
  type ShareBackReview,
  type ShareBackReviewId,
  type Stores,
} from '@rapport/db';
import { z } from 'zod';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { askedAt, replan, settingsOf } from '../follow-up-reminders.ts';
import { formatPhone } from '../phone-numbers.ts';
import { idParams, personSchema, presentPerson, regionOf } from './people-routes.ts';

export const reviewSchema = z.object({
  id: z.string(),
  name: z.string().describe('the name they typed'),
  phone: z.string().nullable().describe('E.164'),
  phoneDisplay: z.string().nullable(),
  handles: z.array(z.object({ platform: z.string(), handle: z.string(), url: z.string() })),
  note: z.string().nullable(),
  sameAs: z
    .object({ personId: z.string(), name: z.string(), match: z.enum(['phone', 'handle']) })
    .nullable()
    .describe('whom it matched, and by what; null once that person was deleted'),
  linkId: z.string().nullable(),
  createdAt: z.string(),
});

/**
 * Share-backs that matched someone in my people wait here: merge one into the person it matched,
 * add it as a new person, or dismiss it. Until then nothing of it touches anyone in the book.
 */
export function registerShareBackRoutes(app: ZodApp, deps: RouteDeps): void {
  app.get(
    '/api/share-backs',
    {
      schema: {
        summary:
          'Share-backs waiting for my review: each matched someone in my people by number or handle ("same number as Dana: merge?"), and changed nothing of theirs.',
        response: { 200: z.object({ shareBacks: z.array(reviewSchema) }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const region = await regionOf(accountId, deps);
      const reviews = await deps.store.shareBackReviews.list(accountId);
      return { shareBacks: reviews.map((review) => presentReview(review, region)) };
    },
  );

  app.post(
    '/api/share-backs/:id/merge',
    {
      schema: {
        summary:
          'Merge a share-back into the person it matched: their handles and note are added (within the limits); a decline stays.',
        params: idParams,
        response: { 200: z.object({ person: personSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const person = await deps.store.transaction(async (stores) => {
        const review = await loadReview(stores, accountId, request.params.id);
        if (!review.sameAs) {
          throw new DomainError(
            'not-found',
            'the person it matched is no longer in your people: add it as a new person, or dismiss it',
            'sameAs',
          );
        }
        const target = await stores.people.get(accountId, review.sameAs.personId);
        if (!target) throw notFound('person');
        const phoneFree = review.phone && !(await stores.people.findByPhone(accountId, review.phone));
        const write = await stores.people.update(
          accountId,
          target.id,
          {
            ...target,
            phone: target.phone ?? (phoneFree ? review.phone : null),
            handles: joinHandlesWithinLimit(target.handles, review.handles),
            notes: joinNotesWithinLimit(target.notes, review.note),
          },
          deps.now().toISOString(),
        );
        if (!write?.ok) throw notFound('person');
        return settle(stores, accountId, review, write.person, deps);
      });
      return { person: presentPerson(person, await regionOf(accountId, deps)) };
    },
  );

  app.post(
    '/api/share-backs/:id/add',
    {
      schema: {
        summary:
          'Add a share-back as a new person (consent: shared via link). The same number as someone else answers 409 with their id: merge instead.',
        params: idParams,
        response: { 201: z.object({ person: personSchema }) },
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const person = await deps.store.transaction(async (stores) => {
        const review = await loadReview(stores, accountId, request.params.id);
        const write = await stores.people.create(accountId, {
          id: deps.newId() as PersonId,
          name: review.name,
          phone: review.phone,
          handles: review.handles,
          howMet: null,
          whereMet: null,
          metThroughId: null,
          notes: review.note,
          consent: { kind: 'shared-via-link', at: review.createdAt },
          now: deps.now().toISOString(),
        });
        if (!write.ok) {
          const error = new DomainError(
            'phone-taken',
            'you already have a person with this phone number: merge it into them instead',
            'phone',
          );
          throw Object.assign(error, { existingId: write.existingId });
        }
        return settle(stores, accountId, review, write.person, deps);
      });
      return reply.status(201).send({ person: presentPerson(person, await regionOf(accountId, deps)) });
    },
  );

  app.delete(
    '/api/share-backs/:id',
    { schema: { summary: 'Dismiss a share-back: nothing of it is kept.', params: idParams } },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const gone = await deps.store.transaction((stores) =>
        stores.shareBackReviews.discard(accountId, request.params.id as ShareBackReviewId),
      );
      if (!gone) throw notFound('share-back');
      return reply.status(204).send();
    },
  );
}

async function loadReview(stores: Stores, accountId: AccountId, id: string): Promise<ShareBackReview> {
  const review = await stores.shareBackReviews.get(accountId, id as ShareBackReviewId);
  if (!review) throw notFound('share-back');
  return review;
}

/**
 * The review ended with `person`: its consent row goes to them, the link's encounter is theirs if it
 * was nobody's, and their plan is made again (the store plans nothing for someone who declined).
 */
async function settle(
  stores: Stores,
  accountId: AccountId,
  review: ShareBackReview,
  person: Person,
  deps: RouteDeps,
): Promise<Person> {
  await stores.shareBackReviews.settle(accountId, review.id, person.id);
  const encounter = review.encounterId
    ? await stores.encounters.get(accountId, review.encounterId)
    : undefined;
  if (encounter && encounter.personId === null) {
    await stores.encounters.update(accountId, encounter.id, { ...encounter, personId: person.id });
  }
  const settings = await settingsOf(stores, accountId);
  const meeting = encounter
    ? { metAt: askedAt(encounter), topics: encounter.topics }
    : { metAt: review.createdAt, topics: [] };
  await replan({ stores, accountId, settings, now: deps.now(), newId: deps.newId }, person, meeting);
  return (await stores.people.get(accountId, person.id)) ?? person;
}

export function presentReview(review: ShareBackReview, region: string): z.infer<typeof reviewSchema> {
  return {
    id: review.id,
    name: review.name,
    phone: review.phone,
    phoneDisplay: review.phone ? formatPhone(review.phone, region) : null,
    handles: review.handles.map((handle) => ({
      ...handle,
      url: profileUrl({ platform: handle.platform as SocialPlatform, handle: handle.handle }),
    })),
    note: review.note,
    sameAs: review.sameAs,
    linkId: review.linkId,
    createdAt: review.createdAt,
  };
}
