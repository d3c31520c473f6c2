import { strictestAskStatus } from '@rapport/core';
import type { Kysely } from 'kysely';
import { createBlockStore } from './block-store.ts';
import { forgetPendingReminders, joinHandlesWithinLimit, joinNotesWithinLimit } from './consent-gate.ts';
import type { Database } from './database-schema.ts';
import type { AccountId } from './ids.ts';
import { createIntroductionStore } from './introduction-store.ts';
import type { Person } from './people-store.ts';

/** The tables whose `person_id` points at one of my people, and follows the person through a merge. */
const PERSON_ROWS = [
  'encounters',
  'messages',
  'reminders',
  'consent_events',
  'exchange_links',
  'share_back_reviews',
] as const;

/**
 * Moves everything of `other` onto `keep` — encounters, messages, reminders, consent rows, the links
 * they shared back through, introductions and blocks — fills the kept person's empty fields from the
 * other, and deletes the other. Every reference is moved before the delete: the foreign keys would
 * otherwise cascade (introductions, blocks, consent rows) or forget (links). Run it inside a transaction.
 *
 * Consent: the merged person keeps the strictest ask status (a decline survives a merge) and, if
 * either was blocked, is blocked, their introductions dropped as a block drops them; either way
 * nothing pending about them stays. An introduction of the two to each other would introduce someone to themselves: it is
 * dropped like a revoke.
 */
export async function mergePeople(
  db: Kysely<Database>,
  accountId: AccountId,
  keep: Person,
  other: Person,
  now: string,
): Promise<void> {
  for (const table of PERSON_ROWS) {
    await db
      .updateTable(table)
      .set({ person_id: keep.id })
      .where('account_id', '=', accountId)
      .where('person_id', '=', other.id)
      .execute();
  }
  const introductions = createIntroductionStore(db);
  await introductions.movePerson(accountId, other.id, keep.id, now);
  const blocked = await createBlockStore(db).movePerson(accountId, other.id, keep.id);
  if (blocked) await introductions.dropForPerson(accountId, keep.id, now);
  const askStatus = strictestAskStatus(keep.askStatus, other.askStatus);
  if (blocked || askStatus === 'declined') await forgetPendingReminders(db, accountId, keep.id);
  await db
    .updateTable('people')
    .set({ met_through_id: keep.id })
    .where('account_id', '=', accountId)
    .where('met_through_id', '=', other.id)
    .where('id', '!=', keep.id)
    .execute();
  await db.deleteFrom('people').where('account_id', '=', accountId).where('id', '=', other.id).execute();
  // The merged person keeps within the limits any person has.
  const handles = joinHandlesWithinLimit(keep.handles, other.handles);
  const notes = joinNotesWithinLimit(keep.notes, other.notes);
  // When `keep` was met through `other`, it inherits whom `other` was met through (never itself).
  const throughOther = other.metThroughId === keep.id ? null : other.metThroughId;
  const metThrough = keep.metThroughId === other.id ? throughOther : (keep.metThroughId ?? throughOther);
  await db
    .updateTable('people')
    .set({
      phone_e164: keep.phone ?? other.phone,
      handles: JSON.stringify(handles),
      how_met: keep.howMet ?? other.howMet,
      where_met: keep.whereMet ?? other.whereMet,
      met_through_id: metThrough,
      notes,
      ask_status: askStatus,
      updated_at: now,
    })
    .where('account_id', '=', accountId)
    .where('id', '=', keep.id)
    .execute();
}
