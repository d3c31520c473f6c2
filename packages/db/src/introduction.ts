import type { Selectable } from 'kysely';
import type { IntroductionsTable } from './database-schema.ts';
import type { AccountId, PersonId } from './ids.ts';

export type IntroductionId = string & { readonly __brand: 'IntroductionId' };
export type IntroductionSide = 'a' | 'b';
/** What an introduced person may agree to show the other: the name always, the rest if they tick it. */
export type IntroductionShare = 'name' | 'phone' | 'handles';
export type IntroductionState = IntroductionsTable['state'];

/** What one side showed the other, as it was when they said yes: only the fields they agreed to. */
export interface IntroductionReveal {
  name: string;
  phone: string | null;
  handles: { platform: string; handle: string }[];
}

/** A double-opt-in introduction between two of my people; each side holds its own token. */
export interface Introduction {
  id: IntroductionId;
  accountId: AccountId;
  personAId: PersonId;
  personBId: PersonId;
  note: string | null;
  answerA: IntroductionsTable['answer_a'];
  answerB: IntroductionsTable['answer_b'];
  state: IntroductionState;
  /** What each side agreed to show the other; null until that side said yes. */
  sharesA: IntroductionShare[] | null;
  sharesB: IntroductionShare[] | null;
  /** What each side showed, kept when they said yes; later edits of the person never reach it. */
  revealA: IntroductionReveal | null;
  revealB: IntroductionReveal | null;
  expiresAt: string;
  completedAt: string | null;
  createdAt: string;
}

/** Pages answer only while the introduction is pending or completed, and before it expires. */
export function isIntroductionOpen(intro: Introduction, now: string): boolean {
  return (intro.state === 'pending' || intro.state === 'completed') && now < intro.expiresAt;
}

export function toIntroduction(row: Selectable<IntroductionsTable>): Introduction {
  return {
    id: row.id as IntroductionId,
    accountId: row.account_id as AccountId,
    personAId: row.person_a_id as PersonId,
    personBId: row.person_b_id as PersonId,
    note: row.note,
    answerA: row.answer_a,
    answerB: row.answer_b,
    state: row.state,
    sharesA: parseShares(row.shares_a),
    sharesB: parseShares(row.shares_b),
    revealA: parseReveal(row.reveal_a),
    revealB: parseReveal(row.reveal_b),
    expiresAt: row.expires_at,
    completedAt: row.completed_at,
    createdAt: row.created_at,
  };
}

function parseShares(json: string | null): IntroductionShare[] | null {
  return json === null ? null : (JSON.parse(json) as IntroductionShare[]);
}

function parseReveal(json: string | null): IntroductionReveal | null {
  return json === null ? null : (JSON.parse(json) as IntroductionReveal);
}
