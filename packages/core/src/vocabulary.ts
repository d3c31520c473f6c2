/**
 * The product's vocabulary (see PRODUCT.md). These strings are part of the public interface:
 * the CLI's `--json`, the HTTP API and stored data all use them. Add a word here, never inline.
 */

/** Cues that show the other person is enjoying the conversation. */
export const POSITIVE_CUES = [
  'eye-contact',
  'smiling',
  'laughing',
  'questions-back',
  'leaning-in',
  'shared-interest',
  'lingering',
] as const;

/** Cues that show discomfort, disinterest or a reason not to ask. */
export const NEGATIVE_CUES = [
  'short-answers',
  'looking-away',
  'checking-phone',
  'closed-posture',
  'in-a-hurry',
  'mentions-partner',
  'uncomfortable',
] as const;

export const CUES = [...POSITIVE_CUES, ...NEGATIVE_CUES] as const;
export type PositiveCue = (typeof POSITIVE_CUES)[number];
export type NegativeCue = (typeof NEGATIVE_CUES)[number];
export type Cue = PositiveCue | NegativeCue;

export const PHASES = ['opening', 'flowing', 'winding-down'] as const;
export type Phase = (typeof PHASES)[number];

export const VERDICTS = ['wait', 'ask-now', 'ask-before-it-ends', 'offer-instead', 'let-it-be'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const ASK_REASONS = ['continue', 'activity'] as const;
export type AskReason = (typeof ASK_REASONS)[number];

export const APPROACHES = ['direct', 'offer', 'social', 'friend'] as const;
export type Approach = (typeof APPROACHES)[number];

export const COACH_FLAGS = [
  'generic',
  'no-shared-topic',
  'no-open-question',
  'too-soon',
  'pressure',
  'double-text',
  'too-long',
  'apologetic',
  'too-strong',
] as const;
export type CoachFlagCode = (typeof COACH_FLAGS)[number];

export const OUTCOMES = [
  'gave-number',
  'took-mine',
  'connected-social',
  'via-friend',
  'declined',
  'another-time',
  'not-asked',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes in which contact details were exchanged, one way or another. */
export const ACCEPTED_OUTCOMES = ['gave-number', 'took-mine', 'connected-social', 'via-friend'] as const;

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** How a contact came to be stored: the consent record (PRODUCT.md, consent ledger). */
export const CONSENT_KINDS = ['told-me-and-agreed', 'shared-via-link', 'introduced', 'imported'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/**
 * How the last ask went, when it did not give contact: `declined` sticks (nothing plans, reminds or
 * suggests asking them) until the owner records an outcome that gives contact again;
 * `another-time` leaves the door open.
 */
export const ASK_STATUSES = ['declined', 'another-time'] as const;
export type AskStatus = (typeof ASK_STATUSES)[number] | null;

/** Of two people becoming one, the status that respects both: a decline outranks "another time". */
export function strictestAskStatus(first: AskStatus, second: AskStatus): AskStatus {
  for (const status of ASK_STATUSES) if (first === status || second === status) return status;
  return null;
}

/** What one person may hold, on every path that writes one: the API, imports, share-backs, merges. */
export const PERSON_LIMITS = {
  name: 100,
  handles: 10,
  handle: 200,
  howMet: 500,
  whereMet: 200,
  notes: 5000,
} as const;
