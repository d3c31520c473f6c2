import { PERSON_LIMITS } from '@rapport/core';
import { expect } from 'vitest';
import type { ConsentApp } from './consent-test-kit.ts';

/**
 * The consent model: what the owner's actions decided about each person, and nothing a stranger
 * typed. The commands (consent-commands.ts) change it as the rules say; `checkInvariants` compares
 * the whole app with it after every step.
 */
export interface ConsentModel {
  people: ModelPerson[];
  /** Share-backs waiting for review, by id, and whom each matched. */
  reviews: { id: string; personId: string | null }[];
  /** Completed introductions, with what each side showed when saying yes. */
  intros: ModelIntro[];
  /** Live events the owner must have had by now: one per share-back that was not blocked. */
  eventsExpected: number;
}

export interface ModelPerson {
  id: string;
  askStatus: 'declined' | 'another-time' | null;
  blocked: boolean;
}

export interface ModelIntro {
  a: string;
  b: string;
  tokens: { a: string; b: string };
  /** What each page must show of the other: the name and the digits of the number, if shared. */
  shows: { a: string[]; b: string[] };
}

export function isOffLimits(person: ModelPerson): boolean {
  return person.askStatus === 'declined' || person.blocked;
}

/** The real account against the model: every consent promise, checked after every step. */
export async function checkInvariants(model: ConsentModel, real: ConsentApp): Promise<void> {
  const people = (await real.api('GET', '/api/people?limit=200')).body.people as RealPerson[];
  expect(people.map((person) => person.id).sort()).toEqual(model.people.map((person) => person.id).sort());
  const byId = new Map(model.people.map((person) => [person.id, person]));
  for (const person of people) {
    expect({ id: person.id, askStatus: person.askStatus }).toEqual({
      id: person.id,
      askStatus: byId.get(person.id)?.askStatus,
    });
    // Every field keeps its limits, however many writes added to it.
    expect(person.name.length).toBeLessThanOrEqual(PERSON_LIMITS.name);
    expect(person.handles.length).toBeLessThanOrEqual(PERSON_LIMITS.handles);
    expect((person.notes ?? '').length).toBeLessThanOrEqual(PERSON_LIMITS.notes);
  }

  // Nothing nudges the owner about someone off limits: no reminder stored, on Today, or in the feed.
  const offLimits = new Set(model.people.filter(isOffLimits).map((person) => person.id));
  const pending = await real.query(
    'SELECT id, person_id FROM reminders WHERE account_id = ? AND done_at IS NULL',
    [real.accountId],
  );
  expect(pending.filter((row) => offLimits.has(String(row.person_id)))).toEqual([]);
  const due = (await real.api('GET', '/api/reminders')).body;
  const shown = [...due.overdue, ...due.today, ...due.upcoming] as { personId: string | null }[];
  expect(shown.filter((reminder) => reminder.personId && offLimits.has(reminder.personId))).toEqual([]);
  const feed = await real.feed();
  const uids = [...feed.matchAll(/^UID:(.+)@rapport\r$/gm)].map((match) => match[1]);
  const personOf = new Map(pending.map((row) => [String(row.id), String(row.person_id)]));
  for (const uid of uids) expect(offLimits.has(personOf.get(uid ?? '') ?? '')).toBe(false);
  for (const person of model.people.filter((p) => p.askStatus === 'declined')) {
    const { plan } = (await real.api('GET', `/api/people/${person.id}/plan`)).body;
    expect({ status: plan.status, firstMessage: plan.firstMessage, reminders: plan.reminders }).toEqual({
      status: 'declined',
      firstMessage: null,
      reminders: [],
    });
  }

  const reviews = (await real.api('GET', '/api/share-backs')).body.shareBacks as { id: string }[];
  expect(reviews.map((review) => review.id).sort()).toEqual(model.reviews.map((review) => review.id).sort());

  // A completed introduction shows each side what the other agreed to when saying yes.
  for (const intro of model.intros) {
    for (const side of ['a', 'b'] as const) {
      const page = (await real.publicPage('GET', `/i/${intro.tokens[side]}`)).body;
      const digits = page.replace(/\D/g, '');
      for (const shown of intro.shows[side]) {
        expect(/^\d+$/.test(shown) ? digits : page).toContain(shown);
      }
    }
  }
}

export interface RealPerson {
  id: string;
  name: string;
  phone: string | null;
  handles: { platform: string; handle: string }[];
  notes: string | null;
  askStatus: 'declined' | 'another-time' | null;
}
