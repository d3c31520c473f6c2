import { DomainError, PERSON_LIMITS } from '@rapport/core';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import type { AccountId } from './ids.ts';

/**
 * The consent rules every write and read of the store passes through, kept here and nowhere else:
 *
 * - Someone who declined, or whom the owner blocked, is *off limits*: no reminder about them is
 *   stored (writes drop it) or answered (reads skip it), so nothing plans, reminds or drafts a
 *   message to them, whichever path asked. Declining or blocking deletes what was pending.
 * - A person never holds more than PERSON_LIMITS, however many writes (edits, imports, merges,
 *   reviewed share-backs) added to them.
 */

/** True for a reminder row whose person is off limits (`reminders.person_id` in scope). */
export function isAboutOffLimitsPerson(eb: ExpressionBuilder<Database, 'reminders'>) {
  return eb.or([
    eb.exists(
      eb
        .selectFrom('people as gate_people')
        .select('gate_people.id')
        .whereRef('gate_people.id', '=', 'reminders.person_id')
        .where('gate_people.ask_status', '=', 'declined'),
    ),
    eb.exists(
      eb
        .selectFrom('blocks as gate_blocks')
        .select('gate_blocks.id')
        .whereRef('gate_blocks.account_id', '=', 'reminders.account_id')
        .whereRef('gate_blocks.person_id', '=', 'reminders.person_id'),
    ),
  ]);
}

/** Which of these people are off limits: they declined, or they are blocked. */
export async function offLimitsAmong(
  db: Kysely<Database>,
  accountId: AccountId,
  personIds: readonly string[],
): Promise<Set<string>> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return new Set();
  const declined = await db
    .selectFrom('people')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .where('ask_status', '=', 'declined')
    .execute();
  const blocked = await db
    .selectFrom('blocks')
    .select('person_id')
    .where('account_id', '=', accountId)
    .where('person_id', 'in', ids)
    .execute();
  return new Set([...declined.map((row) => row.id), ...blocked.flatMap((row) => row.person_id ?? [])]);
}

/** Deletes what is still pending about a person who just became off limits. */
export async function forgetPendingReminders(
  db: Kysely<Database>,
  accountId: AccountId,
  personId: string,
): Promise<void> {
  await db
    .deleteFrom('reminders')
    .where('account_id', '=', accountId)
    .where('person_id', '=', personId)
    .where('done_at', 'is', null)
    .execute();
}

/** The person fields every write stores, checked against the limits; a breach writes nothing. */
export function checkPersonLimits(fields: {
  name: string;
  handles: readonly unknown[];
  howMet: string | null;
  whereMet: string | null;
  notes: string | null;
}): void {
  const texts = [
    ['name', fields.name, 'the name'],
    ['howMet', fields.howMet, '"how we met"'],
    ['whereMet', fields.whereMet, '"where we met"'],
    ['notes', fields.notes, 'the notes'],
  ] as const;
  for (const [field, value, what] of texts) {
    const limit = PERSON_LIMITS[field];
    if (value !== null && value.length > limit) {
      throw new DomainError(
        'invalid-input',
        `${field}: ${what} may hold up to ${limit.toLocaleString('en')} characters; shorten it`,
        field,
      );
    }
  }
  if (fields.handles.length > PERSON_LIMITS.handles) {
    throw new DomainError(
      'invalid-input',
      `handles: a person may have up to ${PERSON_LIMITS.handles} handles; remove one first`,
      'handles',
    );
  }
}

/**
 * Appends `addition` to notes within the limit, cutting on a code point boundary: what a merge or a
 * reviewed share-back adds never pushes a person past it.
 */
export function joinNotesWithinLimit(notes: string | null, addition: string | null): string | null {
  const joined = [notes, addition].filter((note) => note).join('\n\n');
  if (!joined) return null;
  let cut = '';
  for (const char of joined) {
    if (cut.length + char.length > PERSON_LIMITS.notes) break;
    cut += char;
  }
  return cut.trim() || null;
}

/** Handles added to a person's, each once, up to the limit: what a merge or a reviewed share-back adds. */
export function joinHandlesWithinLimit<H extends { platform: string; handle: string }>(
  handles: readonly H[],
  added: readonly H[],
): H[] {
  const all = [...handles];
  for (const handle of added) {
    const known = all.some((h) => h.platform === handle.platform && h.handle === handle.handle);
    if (!known && all.length < PERSON_LIMITS.handles) all.push(handle);
  }
  return all;
}
