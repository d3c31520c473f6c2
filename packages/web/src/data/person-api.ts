import type { CoachFlagCode, ConsentKind, Outcome } from '@rapport/core';
import { api } from '../api.ts';

/** One of my people, as GET /api/people/:id answers. */
export interface Person {
  id: string;
  name: string;
  /** E.164 (then `;ext=45` for an extension), for `tel:` and `sms:` links. */
  phone: string | null;
  /** In my national format, for reading. */
  phoneDisplay: string | null;
  handles: { platform: string; handle: string; url: string }[];
  howMet: string | null;
  whereMet: string | null;
  metThroughId: string | null;
  notes: string | null;
  consent: { kind: ConsentKind; at: string };
  askStatus: 'declined' | 'another-time' | null;
  canAskAgain: boolean;
  meetupPlanned: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Message {
  id: string;
  personId: string;
  direction: 'sent' | 'received';
  at: string;
  text: string | null;
  createdAt: string;
}

export type ReminderKind = 'first-text' | 'check-in' | 'suggest-meetup' | 'meetup' | 'custom';

export interface Reminder {
  id: string;
  personId: string | null;
  kind: ReminderKind;
  title: string;
  draft: string | null;
  dueAt: string;
  snoozedUntil: string | null;
  doneAt: string | null;
  createdAt: string;
}

export interface Plan {
  status: 'active' | 'paused' | 'stopped' | 'meetup-planned' | 'declined';
  advice: string;
  /** Messages I sent since their last reply. */
  unanswered: number;
  lastContactAt: string | null;
  firstMessage: { earliest: string; latest: string; suggested: string; draft: string } | null;
  reminders: Reminder[];
}

/** An encounter as GET /api/encounters lists it (no cues). */
export interface Encounter {
  id: string;
  personId: string | null;
  place: string | null;
  startedAt: string;
  phase: 'opening' | 'flowing' | 'winding-down';
  topics: string[];
  ask: { minute: number | null; approach: string | null; reason: string | null } | null;
  outcome: Outcome | null;
  outcomeAt: string | null;
  createdAt: string;
}

/** The coach's verdict as the server computed it (same engine as the page's). */
export interface ServerCoaching {
  verdict: 'send' | 'revise';
  score: number;
  flags: {
    code: CoachFlagCode;
    message: string;
    suggestion: string;
    span?: { start: number; end: number };
  }[];
}

/** A block as POST /api/blocks answers it: one of my people, or one of my links. */
export interface Block {
  id: string;
  personId: string | null;
  linkId: string | null;
  createdAt: string;
}

/** The most encounters one request may list; a person's timeline is filtered from them. */
const ENCOUNTER_PAGE = 200;

export async function fetchPerson(id: string): Promise<Person> {
  return (await api<{ person: Person }>('GET', `/api/people/${encodeURIComponent(id)}`)).person;
}

export async function fetchMessages(id: string): Promise<Message[]> {
  const path = `/api/people/${encodeURIComponent(id)}/messages?limit=200`;
  return (await api<{ messages: Message[] }>('GET', path)).messages;
}

export async function fetchPlan(id: string): Promise<Plan> {
  return (await api<{ plan: Plan }>('GET', `/api/people/${encodeURIComponent(id)}/plan`)).plan;
}

/**
 * The person's encounters, newest first. The API has no filter by person, so this reads my latest
 * encounters and keeps theirs: an encounter older than the latest 200 is not shown.
 */
export async function fetchEncountersWith(personId: string): Promise<Encounter[]> {
  const { encounters } = await api<{ encounters: Encounter[] }>(
    'GET',
    `/api/encounters?limit=${ENCOUNTER_PAGE}`,
  );
  return encounters.filter((encounter) => encounter.personId === personId);
}

export interface NewMessage {
  direction: 'sent' | 'received';
  text?: string;
  /** ISO time; the server takes now when absent. */
  at?: string;
}

export async function logMessage(
  personId: string,
  message: NewMessage,
): Promise<{ message: Message; plan: Plan }> {
  return api('POST', `/api/people/${encodeURIComponent(personId)}/messages`, message);
}

/** When the ask happened (as the server counts it): its minute after the start, else when logged. */
export function askedAt(encounter: Encounter): string {
  const minute = encounter.ask?.minute;
  if (minute !== null && minute !== undefined) {
    return new Date(Date.parse(encounter.startedAt) + minute * 60_000).toISOString();
  }
  return encounter.outcomeAt ?? encounter.startedAt;
}
