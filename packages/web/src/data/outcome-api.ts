import type { Approach, AskReason, Cue, Outcome, Phase, Reflection, SocialPlatform } from '@rapport/core';
import { ApiError, api } from '../api.ts';
import type { EncounterNotes } from './encounter-notes.ts';
import type { Person, Plan } from './person-api.ts';

/** An encounter with its cues, as GET /api/encounters/:id answers. */
export interface EncounterDetail {
  id: string;
  personId: string | null;
  place: string | null;
  startedAt: string;
  phase: Phase;
  topics: string[];
  ask: { minute: number | null; approach: Approach | null; reason: AskReason | null } | null;
  outcome: Outcome | null;
  outcomeAt: string | null;
  createdAt: string;
  cues: { id: string; cue: Cue; minute: number; at: string }[];
}

/** What POST /api/encounters/:id/outcome takes: their details only with an outcome in which they gave them. */
export interface OutcomeInput {
  outcome: Outcome;
  approach?: Approach;
  reason?: AskReason;
  name?: string;
  phone?: string;
  handle?: { platform: SocialPlatform; handle: string };
}

export interface RecordedOutcome {
  encounter: EncounterDetail;
  person: Person | null;
  plan: Plan | null;
  reflection: Reflection;
}

export type ReflectionAnswers = Partial<Record<'too-strong' | 'enough-rapport' | 'boundaries', string>>;

export interface StoredReflection {
  id: string;
  encounterId: string;
  outcome: Outcome;
  answers: ReflectionAnswers;
  note: string | null;
  createdAt: string;
}

const encounterPath = (id: string) => `/api/encounters/${encodeURIComponent(id)}`;

export async function fetchEncounter(id: string): Promise<EncounterDetail> {
  return (await api<{ encounter: EncounterDetail }>('GET', encounterPath(id))).encounter;
}

/** Keeps where we met and what we talked about; the outcome reads them to plan the first text. */
export async function saveEncounterNotes(id: string, notes: EncounterNotes): Promise<EncounterDetail> {
  return (await api<{ encounter: EncounterDetail }>('PATCH', encounterPath(id), notes)).encounter;
}

export function recordOutcome(id: string, input: OutcomeInput): Promise<RecordedOutcome> {
  return api('POST', `${encounterPath(id)}/outcome`, input);
}

/** My reflection on the encounter, or undefined when none is kept yet. */
export async function fetchReflection(id: string): Promise<StoredReflection | undefined> {
  try {
    return (await api<{ reflection: StoredReflection }>('GET', `${encounterPath(id)}/reflection`)).reflection;
  } catch (error: unknown) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

export async function saveReflection(
  id: string,
  input: { answers: ReflectionAnswers; note?: string },
): Promise<StoredReflection> {
  return (await api<{ reflection: StoredReflection }>('POST', `${encounterPath(id)}/reflection`, input))
    .reflection;
}
