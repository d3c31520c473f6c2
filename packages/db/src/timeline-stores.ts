import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import { createEncounterStore } from './encounter-store.ts';
import { createMessageStore } from './message-store.ts';
import { createReflectionStore } from './reflection-store.ts';
import { createReminderStore } from './reminder-store.ts';

export type {
  Ask,
  AskedEncounter,
  CueEvent,
  Encounter,
  EncounterFields,
  OutcomeRecord,
} from './encounter-store.ts';
export type { ContactState, Message, MessageDirection } from './message-store.ts';
export type { ReflectionAnswers, StoredReflection } from './reflection-store.ts';
export type { NewReminder, Reminder, ReminderWithPerson } from './reminder-store.ts';

/** What happens after meeting someone: encounters and their cues, messages, reminders, reflections. */
export function createTimelineStores(db: Kysely<Database>) {
  return {
    encounters: createEncounterStore(db),
    messages: createMessageStore(db),
    reminders: createReminderStore(db),
    reflections: createReflectionStore(db),
  };
}
