import type { Outcome } from '@rapport/core';
import { askedAt, type Encounter, type Message } from './person-api.ts';

/** One entry of a person's timeline: a time we met or a message either way. */
export type TimelineItem =
  | { kind: 'encounter'; id: string; at: string; encounter: Encounter }
  | { kind: 'message'; id: string; at: string; message: Message };

/** How an ask went, as a sentence's ending: "You asked: …". */
export const OUTCOME_WORDS: Readonly<Record<Outcome, string>> = {
  'gave-number': 'they gave you their number',
  'took-mine': 'they took your number',
  'connected-social': 'you connected on a social app',
  'via-friend': 'you will stay in touch through a friend',
  declined: 'they said no, and that was respected',
  'another-time': 'they said another time',
  'not-asked': 'you did not ask this time',
};

/** Encounters and messages together, newest first (an encounter counts from when I asked). */
export function buildTimeline(
  encounters: readonly Encounter[],
  messages: readonly Message[],
): TimelineItem[] {
  const items: TimelineItem[] = [
    ...encounters.map((encounter) => ({
      kind: 'encounter' as const,
      id: `encounter-${encounter.id}`,
      at: askedAt(encounter),
      encounter,
    })),
    ...messages.map((message) => ({
      kind: 'message' as const,
      id: `message-${message.id}`,
      at: message.at,
      message,
    })),
  ];
  return items.sort((first, second) => Date.parse(second.at) - Date.parse(first.at));
}
