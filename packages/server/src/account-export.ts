import { DomainError, formatVCards, profileUrl, type SocialPlatform, type VCardInput } from '@rapport/core';
import type { AccountId, Person, Store } from '@rapport/db';
import { z } from 'zod';
import { accountSchema } from './routes/account-schemas.ts';
import { blockSchema, presentBlock } from './routes/block-routes.ts';
import { cardSchema, presentCard } from './routes/card-routes.ts';
import { linkSchema, presentLink } from './routes/exchange-link-routes.ts';
import { introSchema, presentIntro } from './routes/introduction-routes.ts';
import { personSchema, presentPerson } from './routes/people-routes.ts';
import { presentReview, reviewSchema } from './routes/share-back-routes.ts';

/** Everything of an account, as `GET /api/export` and `rapport export` give it. */
export const exportSchema = z.object({
  format: z.literal('rapport-export'),
  version: z.literal(1),
  exportedAt: z.string(),
  account: accountSchema,
  apiTokens: z.array(
    z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() }),
  ),
  calendarFeed: z.object({ active: z.boolean() }),
  people: z.array(personSchema),
  encounters: z.array(
    z.object({
      id: z.string(),
      personId: z.string().nullable(),
      place: z.string().nullable(),
      startedAt: z.string(),
      phase: z.string(),
      topics: z.array(z.string()),
      ask: z.object({
        minute: z.number().nullable(),
        approach: z.string().nullable(),
        reason: z.string().nullable(),
      }),
      outcome: z.string().nullable(),
      outcomeAt: z.string().nullable(),
      cueEvents: z.array(z.object({ minute: z.number(), cue: z.string(), at: z.string() })),
      createdAt: z.string(),
    }),
  ),
  messages: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      direction: z.enum(['sent', 'received']),
      at: z.string(),
      text: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  reminders: z.array(
    z.object({
      id: z.string(),
      personId: z.string().nullable(),
      kind: z.string(),
      title: z.string(),
      draft: z.string().nullable(),
      dueAt: z.string(),
      snoozedUntil: z.string().nullable(),
      doneAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  reflections: z.array(
    z.object({
      id: z.string(),
      encounterId: z.string(),
      outcome: z.string(),
      answers: z.record(z.string(), z.unknown()),
      note: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  // As the API shows them to me: links and introductions without their tokens, an introduction's
  // state as its introducer may know it (never who declined).
  cards: z.array(cardSchema),
  links: z.array(linkSchema),
  intros: z.array(introSchema),
  blocks: z.array(blockSchema),
  /** Share-backs that matched someone and wait for my review. */
  shareBacks: z.array(reviewSchema),
});

export type AccountExport = z.infer<typeof exportSchema>;

/**
 * Everything of the account (GDPR art. 20): settings, people, encounters, messages, reminders,
 * reflections, cards, exchange links, introductions, blocks and share-backs to review — and no password hash, session, token
 * or feed secret: credentials are never selected, and the link and introduction presenters carry
 * neither a token nor its hash.
 */
export async function exportAccount(store: Store, accountId: AccountId, now: Date): Promise<AccountExport> {
  const at = now.toISOString();
  const [account, apiTokens, feedActive, data, cards, links, intros, blocks, reviews] = await Promise.all([
    store.accounts.get(accountId),
    store.credentials.listApiTokens(accountId),
    store.credentials.hasCalendarFeed(accountId),
    store.exports.readAccountData(accountId),
    store.cards.list(accountId),
    store.exchangeLinks.list(accountId, at),
    store.introductions.listAll(accountId),
    store.blocks.list(accountId),
    store.shareBackReviews.list(accountId),
  ]);
  if (!account) throw new DomainError('unauthenticated', 'this account no longer exists');
  const region = account.settings.phoneRegion;
  return exportSchema.parse({
    format: 'rapport-export',
    version: 1,
    exportedAt: at,
    account,
    apiTokens,
    calendarFeed: { active: feedActive },
    ...data,
    people: data.people.map((person) => presentPerson(person, region)),
    cards: cards.map((card) => presentCard(card, region)),
    links: links.map(presentLink),
    intros: intros.map((intro) => presentIntro(intro, at)),
    blocks: blocks.map(presentBlock),
    shareBacks: reviews.map((review) => presentReview(review, region)),
  });
}

/** All of the account's people as one vCard 4.0 file. */
export async function exportPeopleVcf(store: Store, accountId: AccountId): Promise<string> {
  const people = await store.exports.listAllPeople(accountId);
  return formatVCards(people.map(personToVCard), '4.0');
}

/** A person as a card: the E.164 number, handles as profile links, and the notes. */
export function personToVCard(person: Person): VCardInput {
  return {
    name: person.name,
    phones: person.phone ? [person.phone] : [],
    urls: person.handles.map((handle) =>
      profileUrl({ platform: handle.platform as SocialPlatform, handle: handle.handle }),
    ),
    ...(person.notes ? { note: person.notes } : {}),
  };
}
