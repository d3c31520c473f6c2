import { ApiError } from '../api.ts';

/** Where we met and what we talked about: what the first text picks up and "How we met" shows. */
export interface EncounterNotes {
  place: string | null;
  topics: string[];
}

// The server's limits (PATCH /api/encounters/:id), named here only to word its errors plainly.
const MAX_TOPICS = 20;
const MAX_TOPIC_LENGTH = 100;
const MAX_PLACE_LENGTH = 200;

/** "jazz night, their trip to Lisbon" → ['jazz night', 'their trip to Lisbon']; blanks and repeats dropped. */
export function parseTopics(text: string): string[] {
  const seen = new Set<string>();
  const topics: string[] = [];
  for (const part of text.split(/[,\n]/)) {
    const topic = part.trim().replace(/\s+/g, ' ');
    const key = topic.toLowerCase();
    if (topic === '' || seen.has(key)) continue;
    seen.add(key);
    topics.push(topic);
  }
  return topics;
}

/** The topics as the text field shows them. */
export function formatTopics(topics: readonly string[]): string {
  return topics.join(', ');
}

/** The notes as typed: an empty place is "not written down" (null). */
export function readNotes(place: string, topicsText: string): EncounterNotes {
  const trimmed = place.trim();
  return { place: trimmed === '' ? null : trimmed, topics: parseTopics(topicsText) };
}

export function hasNotesChanged(before: EncounterNotes, after: EncounterNotes): boolean {
  return (
    before.place !== after.place ||
    before.topics.length !== after.topics.length ||
    before.topics.some((topic, index) => topic !== after.topics[index])
  );
}

/**
 * The server names `place`, `topics` or `topics.3` in its own terse words ("Too big: expected string
 * to have <=100 characters"); this says the same about the words the person typed, on the field
 * the form shows (`topics`). Any other error is passed on as it is.
 */
export function explainNotesError(error: unknown, notes: EncounterNotes): unknown {
  if (!(error instanceof ApiError) || error.field === undefined) return error;
  const plain = (field: 'place' | 'topics', message: string) =>
    new ApiError(error.code, message, error.status, field);
  if (error.field === 'place') {
    return plain(
      'place',
      (notes.place?.length ?? 0) > MAX_PLACE_LENGTH
        ? `That place is too long to keep: up to ${MAX_PLACE_LENGTH} characters, e.g. “Galerie Nord, Berlin”.`
        : 'That place could not be kept. Try writing it in fewer words.',
    );
  }
  if (error.field === 'topics') {
    return plain(
      'topics',
      notes.topics.length > MAX_TOPICS
        ? `That is ${notes.topics.length} topics: keep up to ${MAX_TOPICS}, the ones you would bring up again.`
        : 'Those topics could not be kept. Separate them with commas, e.g. jazz night, their trip to Lisbon.',
    );
  }
  const index = /^topics\.(\d+)$/.exec(error.field)?.[1];
  if (index === undefined) return error;
  const topic = notes.topics[Number(index)] ?? '';
  const start = topic.length > 30 ? `${topic.slice(0, 30)}…` : topic;
  return plain(
    'topics',
    topic.length > MAX_TOPIC_LENGTH
      ? `The topic “${start}” is too long: up to ${MAX_TOPIC_LENGTH} characters each, or split it with commas.`
      : `The topic “${start}” could not be kept. Try writing it in other words.`,
  );
}
