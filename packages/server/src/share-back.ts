import {
  nameProblem,
  type Problem,
  parseSocialHandle,
  SOCIAL_PLATFORMS,
  type SocialHandle,
  type SocialPlatform,
} from '@rapport/core';
import type { AccountId, Handle, LiveLink, Person, PersonId, Stores } from '@rapport/db';
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

/**
 * Stores a share-back in one transaction: claims the live link (guarded by token, state and time),
 * adds the person (or links the one with the same number) with consent `shared-via-link`, writes the
 * consent row, links the link's encounter, and starts the follow-up plan. Answers the event for the
 * owner, or undefined when the token was not live (nothing stored then).
 */
export async function storeShareBack(
  deps: RouteDeps,
  tokenHash: string,
  share: ShareBack,
): Promise<{ accountId: AccountId; event: SharedBackEvent } | undefined> {
  const now = deps.now();
  const nowIso = now.toISOString();
  return deps.store.transaction(async (stores) => {
    const link = await stores.exchangeLinks.claimShareBack(tokenHash, nowIso);
    if (!link) return undefined;
    const { accountId } = link;
    const settings = await settingsOf(stores, accountId);
    const encounter = link.encounterId ? await stores.encounters.get(accountId, link.encounterId) : undefined;
    const person = await addOrLinkPerson(stores, link, share, encounter?.place ?? null, { deps, nowIso });
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

/** The person with the same number if there is one (their handle and note added), else a new one. */
async function addOrLinkPerson(
  stores: Stores,
  link: LiveLink,
  share: ShareBack,
  place: string | null,
  { deps, nowIso }: { deps: RouteDeps; nowIso: string },
): Promise<Person> {
  const { accountId } = link;
  const handles: Handle[] = share.handle ? [share.handle] : [];
  const existingId = share.phone ? await stores.people.findByPhone(accountId, share.phone) : undefined;
  const existing = existingId ? await stores.people.get(accountId, existingId) : undefined;
  if (existing) {
    const newHandles = handles.filter(
      (handle) => !existing.handles.some((h) => h.platform === handle.platform && h.handle === handle.handle),
    );
    const notes = [existing.notes, share.note].filter(Boolean).join('\n\n') || null;
    const write = await stores.people.update(
      accountId,
      existing.id,
      { ...existing, handles: [...existing.handles, ...newHandles], notes },
      nowIso,
    );
    if (!write?.ok) throw new Error('a person just read could not be updated');
    // They gave their details themselves: an earlier "declined" no longer holds.
    if (existing.askStatus !== null) await stores.people.setAskStatus(accountId, existing.id, null, nowIso);
    return write.person;
  }
  const write = await stores.people.create(accountId, {
    id: deps.newId() as PersonId,
    name: share.name,
    phone: share.phone ?? null,
    handles,
    howMet: null,
    whereMet: place,
    metThroughId: null,
    notes: share.note ?? null,
    consent: { kind: 'shared-via-link', at: nowIso },
    now: nowIso,
  });
  if (!write.ok) throw new Error('a number just looked up was taken in the same transaction');
  return write.person;
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
