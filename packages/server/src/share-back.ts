import {
  nameProblem,
  type Problem,
  parseSocialHandle,
  SOCIAL_PLATFORMS,
  type SocialHandle,
  type SocialPlatform,
} from '@rapport/core';
import type { AccountId, Person, PersonId, ShareBackReviewId, Stores } from '@rapport/db';
import type { RouteDeps } from './app.ts';
import { askedAt, replan, settingsOf } from './follow-up-reminders.ts';
import { toE164 } from './phone-numbers.ts';

/** The fields of the "Share yours back" form, as typed (to fill the form again after a problem). */
export const SHARE_FORM_FIELDS = ['name', 'phone', 'platform', 'handle', 'note', 'consent'] as const;
export type ShareFormValues = Partial<Record<(typeof SHARE_FORM_FIELDS)[number], string>>;

/** Platforms offered for a handle; WhatsApp goes by the phone number, asked for on its own. */
export const SHARE_PLATFORMS: readonly SocialPlatform[] = (
  Object.keys(SOCIAL_PLATFORMS) as SocialPlatform[]
).filter((platform) => platform !== 'whatsapp');

/** What someone shared back, checked: a name, and a phone number (E.164) or a handle, or both. */
export interface ShareBack {
  name: string;
  phone: string | undefined;
  handle: SocialHandle | undefined;
  note: string | undefined;
}

export type ShareFormRead =
  | { ok: true; value: ShareBack }
  | { ok: false; problems: Problem[]; values: ShareFormValues };

/** What the owner's open app hears when someone shares back. */
export interface SharedBackEvent {
  type: 'shared-back';
  personId: PersonId;
  name: string;
  message: string;
}

/**
 * Reads the form as posted (urlencoded, every value a string) with the owner's phone region. Each
 * problem names its field and says what to do; nothing is stored while there is any.
 */
export function readShareForm(form: Record<string, unknown>, region: string): ShareFormRead {
  const values: ShareFormValues = {};
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(form)) {
    const field = SHARE_FORM_FIELDS.find((known) => known === key);
    if (!field || typeof value !== 'string') {
      problems.push({ field: 'form', message: 'The form was changed: reload the page and try again.' });
    } else {
      values[field] = value.trim();
    }
  }
  const { name = '', phone = '', platform = '', handle = '', note = '' } = values;
  const nameRefused = name.length >= 1 && name.length <= 100 ? nameProblem(name) : undefined;
  if (name.length < 1 || name.length > 100)
    problems.push({ field: 'name', message: 'Enter your name (up to 100 characters).' });
  else if (nameRefused) problems.push({ field: 'name', message: `Your name: ${nameRefused}.` });
  const e164 = phone && phone.length <= 40 ? toE164(phone, region) : undefined;
  if (phone && !e164) {
    problems.push({
      field: 'phone',
      message: 'That is not a phone number we can read: include the country code, e.g. +44 7700 900123.',
    });
  }
  let social: SocialHandle | undefined;
  if (handle) {
    const parsed = SHARE_PLATFORMS.includes(platform as SocialPlatform)
      ? parseSocialHandle(platform, handle.slice(0, 200))
      : undefined;
    if (!parsed) problems.push({ field: 'platform', message: 'Choose where your handle is.' });
    else if (!parsed.ok)
      problems.push({ field: 'handle', message: parsed.problems[0]?.message ?? 'Check the handle.' });
    else social = parsed.value;
  }
  if (!phone && !handle)
    problems.push({ field: 'phone', message: 'Enter your phone number, or a handle below.' });
  if (note.length > 500) problems.push({ field: 'note', message: 'Keep the note to 500 characters.' });
  if (values.consent !== 'yes')
    problems.push({ field: 'consent', message: 'Tick the box to agree, or press "Not now".' });
  if (problems.length > 0) return { ok: false, problems, values };
  return { ok: true, value: { name, phone: e164, handle: social, note: note || undefined } };
}

/** What the owner's open app hears when a share-back matched someone and waits for review. */
export interface ShareBackReviewEvent {
  type: 'shared-back-review';
  reviewId: string;
  name: string;
  message: string;
}

/** What a share-back led to: the owner's event, or none when it matched a blocked person. */
export interface StoredShareBack {
  accountId: AccountId;
  event: SharedBackEvent | ShareBackReviewEvent | undefined;
}

/**
 * Stores a share-back in one transaction, guarded by the token, its state and time. Consent decides
 * where it goes, whatever the visitor typed:
 * - their number or handle is a blocked person's: nothing is stored and nobody is told (the visitor
 *   sees the ordinary thank-you, so a block cannot be probed);
 * - it matches someone already in my people: it waits apart for my review ("same number as Dana:
 *   merge?"), and changes nothing of theirs: not a decline, a consent record, notes or handles;
 * - else a new person with consent `shared-via-link`, their consent row, the link's encounter
 *   linked, and the follow-up plan started.
 * Answers undefined when the token was not live (nothing stored then).
 */
export async function storeShareBack(
  deps: RouteDeps,
  tokenHash: string,
  share: ShareBack,
): Promise<StoredShareBack | undefined> {
  const now = deps.now();
  const nowIso = now.toISOString();
  return deps.store.transaction(async (stores) => {
    const live = await stores.exchangeLinks.findLive(tokenHash, nowIso);
    if (!live) return undefined;
    const { accountId } = live;
    const match = await findMatch(stores, accountId, share);
    if (match?.blocked) return { accountId, event: undefined };
    const link = await stores.exchangeLinks.claimShareBack(tokenHash, nowIso);
    if (!link) return undefined;
    if (match) {
      const reviewId = deps.newId() as ShareBackReviewId;
      await stores.shareBackReviews.create(accountId, {
        id: reviewId,
        linkId: link.id,
        encounterId: link.encounterId,
        personId: match.person.id,
        match: match.by,
        name: share.name,
        phone: share.phone ?? null,
        handles: share.handle ? [share.handle] : [],
        note: share.note ?? null,
        consent: { id: deps.newId(), fields: sharedFields(share) },
        now: nowIso,
      });
      const same = match.by === 'phone' ? 'number' : 'handle';
      return {
        accountId,
        event: {
          type: 'shared-back-review',
          reviewId,
          name: share.name,
          message: `${share.name} shared back — same ${same} as ${match.person.name}: merge?`,
        },
      };
    }
    const settings = await settingsOf(stores, accountId);
    const encounter = link.encounterId ? await stores.encounters.get(accountId, link.encounterId) : undefined;
    const write = await stores.people.create(accountId, {
      id: deps.newId() as PersonId,
      name: share.name,
      phone: share.phone ?? null,
      handles: share.handle ? [share.handle] : [],
      howMet: null,
      whereMet: encounter?.place ?? null,
      metThroughId: null,
      notes: share.note ?? null,
      consent: { kind: 'shared-via-link', at: nowIso },
      now: nowIso,
    });
    if (!write.ok) throw new Error('a number just looked up was taken in the same transaction');
    const person = write.person;
    await stores.exchangeLinks.recordShareBack(accountId, {
      linkId: link.id,
      personId: person.id,
      consentId: deps.newId(),
      fields: sharedFields(share),
      now: nowIso,
    });
    if (encounter && encounter.personId === null) {
      await stores.encounters.update(accountId, encounter.id, { ...encounter, personId: person.id });
    }
    const meeting = encounter
      ? { metAt: askedAt(encounter), topics: encounter.topics }
      : { metAt: nowIso, topics: [] };
    await replan({ stores, accountId, settings, now, newId: deps.newId }, person, meeting);
    return { accountId, event: sharedBackEvent(person.id, share) };
  });
}

/** Someone in my people with the number (first) or a handle they shared, and whether I blocked them. */
async function findMatch(
  stores: Stores,
  accountId: AccountId,
  share: ShareBack,
): Promise<{ person: Person; by: 'phone' | 'handle'; blocked: boolean } | undefined> {
  const byPhone = share.phone ? await stores.people.findByPhone(accountId, share.phone) : undefined;
  const phoneMatch = byPhone ? await stores.people.get(accountId, byPhone) : undefined;
  const handleMatches = share.handle ? await stores.people.findByHandle(accountId, share.handle) : [];
  const matches = [...(phoneMatch ? [phoneMatch] : []), ...handleMatches];
  const first = matches[0];
  if (!first) return undefined;
  for (const person of matches) {
    if (await stores.blocks.isBlocked(accountId, { personId: person.id })) {
      return { person, by: person === phoneMatch ? 'phone' : 'handle', blocked: true };
    }
  }
  return { person: first, by: first === phoneMatch ? 'phone' : 'handle', blocked: false };
}

function sharedFields(share: ShareBack): string[] {
  return [
    'name',
    ...(share.phone ? ['phone'] : []),
    ...(share.handle ? ['handles'] : []),
    ...(share.note ? ['note'] : []),
  ];
}

function sharedBackEvent(personId: PersonId, share: ShareBack): SharedBackEvent {
  const what = share.phone || !share.handle ? 'number' : SOCIAL_PLATFORMS[share.handle.platform].label;
  return { type: 'shared-back', personId, name: share.name, message: `${share.name} shared their ${what}` };
}
