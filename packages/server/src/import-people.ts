import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  DomainError,
  decodeVCardBytes,
  nameProblem,
  notAVCard,
  parseSocialHandle,
  readVCards,
  SOCIAL_PLATFORMS,
  type SocialPlatform,
  type VCardContact,
} from '@rapport/core';
import type { AccountId, Handle, Person, PersonFields, PersonId, Store } from '@rapport/db';
import { toE164 } from './phone-numbers.ts';

export interface ImportSummary {
  added: number;
  merged: number;
  /** `index` is the card's 0-based position in the file; `reason` names it from 1, as people count. */
  skipped: { index: number; reason: string }[];
}

const MAX_NAME = 100;
const MAX_NOTES = 5000;
const PROGRESS_EVERY = 500;
/** Cards read between turns of the event loop: a few milliseconds of work. */
const SLICE = 500;
/** New people written in one statement: a few milliseconds, then other requests get a turn. */
const WRITE_SLICE = 100;
/** Numbers looked up in one statement while merging. */
const LOOKUP_SLICE = 1000;

/** Profile links on these hosts become handles; any other link is kept in the notes. */
const PLATFORM_BY_HOST = new Map<string, SocialPlatform>([
  ...Object.entries(SOCIAL_PLATFORMS).map(
    ([platform, rule]) =>
      [new URL(rule.url).hostname.replace(/^www\./, ''), platform as SocialPlatform] as const,
  ),
  ['twitter.com', 'x'],
]);

/**
 * Imports a .vcf file into an account, all of it in one transaction: a failure half-way stores
 * nothing. A card whose number the account (or an earlier card) already has is merged into that
 * person; a card without a usable number but with a name is added without one; anything else is
 * skipped with its reason. Used by `POST /api/people/import` and `rapport import`.
 */
export async function importPeopleFromVcf(
  store: Store,
  accountId: AccountId,
  file: string | Uint8Array,
  region: string,
  now: Date,
  newId: () => string,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportSummary> {
  const summary: ImportSummary = { added: 0, merged: 0, skipped: [] };
  const candidates: PersonFields[] = [];
  const cards = readVCards(typeof file === 'string' ? file : decodeVCardBytes(file));
  let next = cards.next();
  for (let read = 1; !next.done; next = cards.next(), read++) {
    // Files of 100,000 cards take seconds to read: other requests are answered between slices.
    if (read % SLICE === 0) await nextTurn();
    const entry = next.value;
    if (!entry.ok) {
      summary.skipped.push({ index: entry.index, reason: entry.reason });
      continue;
    }
    const candidate = toCandidate(entry.contact, region);
    if (typeof candidate === 'object') candidates.push(candidate);
    else summary.skipped.push({ index: entry.index, reason: `card ${entry.index + 1}${candidate}` });
  }
  const total = next.value;
  if (total === 0) {
    const problem = notAVCard().problems[0];
    throw new DomainError('invalid-input', problem?.message ?? 'this file is not a vCard', 'file');
  }
  const at = now.toISOString();
  await store.transaction(async (stores) => {
    const phones = [...new Set(candidates.flatMap((candidate) => candidate.phone ?? []))];
    const known = new Map<string, PersonFields & { id: PersonId; changed: boolean }>();
    // In slices, with a turn of the event loop between them: SQLite answers each one synchronously.
    for (let from = 0; from < phones.length; from += LOOKUP_SLICE) {
      await nextTurn();
      for (const person of await stores.people.findByPhones(
        accountId,
        phones.slice(from, from + LOOKUP_SLICE),
      )) {
        if (person.phone) known.set(person.phone, { ...toFields(person), id: person.id, changed: false });
      }
    }
    const fresh: (PersonFields & { id: PersonId })[] = [];
    const freshByPhone = new Map<string, PersonFields>();
    for (const [index, candidate] of candidates.entries()) {
      if (index % SLICE === 0) await nextTurn();
      const existing = candidate.phone ? known.get(candidate.phone) : undefined;
      const earlier = candidate.phone ? freshByPhone.get(candidate.phone) : undefined;
      if (existing) existing.changed = fillEmptyFields(existing, candidate) || existing.changed;
      else if (earlier) fillEmptyFields(earlier, candidate);
      else {
        const person = { ...candidate, id: newId() as PersonId };
        fresh.push(person);
        if (person.phone) freshByPhone.set(person.phone, person);
        continue;
      }
      summary.merged++;
    }
    const updates = [...known.values()].filter((person) => person.changed);
    // Cards that need no write are done at once; each write then moves the count on.
    let done = total - fresh.length - updates.length;
    for (const { id, changed: _changed, ...fields } of updates) {
      if (done % PROGRESS_EVERY === 0) {
        onProgress?.(done, total);
        await nextTurn();
      }
      await stores.people.update(accountId, id, fields, at);
      done++;
    }
    for (let from = 0; from < fresh.length; from += WRITE_SLICE) {
      if (from % PROGRESS_EVERY === 0) onProgress?.(done, total);
      await nextTurn();
      await stores.people.insertImported(accountId, fresh.slice(from, from + WRITE_SLICE), at);
      done += Math.min(WRITE_SLICE, fresh.length - from);
    }
    onProgress?.(total, total);
    summary.added = fresh.length;
  });
  return summary;
}

/** The person a card describes, or why it cannot be one (to follow "card 3"). */
function toCandidate(contact: VCardContact, region: string): PersonFields | string {
  let phone: string | null = null;
  const notes: string[] = contact.note?.trim() ? [contact.note.trim()] : [];
  for (const entry of contact.phones) {
    const e164: string | undefined = phone === null ? toE164(entry.value, region) : undefined;
    if (e164) phone = e164;
    else notes.push(`Phone${entry.types.length > 0 ? ` (${entry.types.join(', ')})` : ''}: ${entry.value}`);
  }
  const name = contact.name.trim();
  if (!name && !phone) return ' has no name and no valid phone number';
  const refused = name ? nameProblem(name) : undefined;
  if (refused) return `: its name is refused: ${refused}`;
  for (const email of contact.emails) notes.push(`Email: ${email}`);
  if (contact.org && contact.org !== name) notes.push(`Organization: ${contact.org}`);
  const handles: Handle[] = [];
  for (const url of contact.urls) {
    const handle = toHandle(url);
    if (handle && !hasHandle(handles, handle)) handles.push(handle);
    else if (!handle) notes.push(`Link: ${url}`);
  }
  return {
    name: cutText(name || phone || '', MAX_NAME),
    phone,
    handles: handles.slice(0, 10),
    howMet: null,
    whereMet: null,
    metThroughId: null,
    notes: notes.length > 0 ? cutText(notes.join('\n'), MAX_NOTES) : null,
  };
}

/** Cuts text to `max` UTF-16 units on a code point boundary, then trims what the cut left open. */
function cutText(text: string, max: number): string {
  let cut = '';
  for (const char of text) {
    if (cut.length + char.length > max) break;
    cut += char;
  }
  return cut.trim();
}

function toHandle(url: string): Handle | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch (_error: unknown) {
    return undefined; // not a URL (an IMPP address, x-apple:…): it stays a link in the notes
  }
  const platform = PLATFORM_BY_HOST.get(host);
  if (!platform) return undefined;
  const parsed = parseSocialHandle(platform, url);
  return parsed.ok ? parsed.value : undefined;
}

function hasHandle(handles: readonly Handle[], handle: Handle): boolean {
  return handles.some((h) => h.platform === handle.platform && h.handle === handle.handle);
}

/** Merging never overwrites: it fills what the person lacks and adds handles they do not have. */
function fillEmptyFields(target: PersonFields, source: PersonFields): boolean {
  let changed = false;
  if (!target.notes && source.notes) {
    target.notes = source.notes;
    changed = true;
  }
  for (const handle of source.handles) {
    if (target.handles.length < 10 && !hasHandle(target.handles, handle)) {
      target.handles.push(handle);
      changed = true;
    }
  }
  return changed;
}

function toFields(person: Person): PersonFields {
  return {
    name: person.name,
    phone: person.phone,
    handles: [...person.handles],
    howMet: person.howMet,
    whereMet: person.whereMet,
    metThroughId: person.metThroughId,
    notes: person.notes,
  };
}
