import { ACCEPTED_OUTCOMES, isOneOf, type Outcome } from '@rapport/core';

/** What the timeline needs of an encounter (GET /api/encounters). */
export interface EncounterOutcome {
  startedAt: string;
  outcome: Outcome | null;
}

/** The asks of one week or month, by how they went. */
export interface TimelinePeriod {
  /** Local midnight of the period's first day. */
  start: Date;
  accepted: number;
  anotherTime: number;
  declined: number;
}

export type TimelineUnit = 'week' | 'month';

export interface Timeline {
  unit: TimelineUnit;
  /** Every period from the first ask to the last, empty ones included, so the gaps show. */
  periods: TimelinePeriod[];
}

/** More weeks than this read better as months on a phone-wide chart. */
const MAX_WEEKS = 16;

/**
 * Asks per week (or per month, over a longer span) by outcome, in the browser's time zone.
 * Encounters with no outcome yet and `not-asked` are not asks, so they are left out.
 */
export function buildTimeline(encounters: readonly EncounterOutcome[]): Timeline {
  const asks = encounters.flatMap((encounter) => {
    if (encounter.outcome === null || encounter.outcome === 'not-asked') return [];
    // The ask happened during the conversation; its outcome may have been logged days later.
    return [{ at: new Date(encounter.startedAt), outcome: encounter.outcome }];
  });
  if (asks.length === 0) return { unit: 'week', periods: [] };
  const times = asks.map((ask) => ask.at.getTime());
  const first = new Date(Math.min(...times));
  const last = new Date(Math.max(...times));
  const unit: TimelineUnit =
    weeksBetween(startOfWeek(first), startOfWeek(last)) < MAX_WEEKS ? 'week' : 'month';
  const startOf = unit === 'week' ? startOfWeek : startOfMonth;

  const periods: TimelinePeriod[] = [];
  const byStart = new Map<number, TimelinePeriod>();
  for (let start = startOf(first); start <= last; start = nextPeriod(start, unit)) {
    const period = { start, accepted: 0, anotherTime: 0, declined: 0 };
    periods.push(period);
    byStart.set(start.getTime(), period);
  }
  for (const ask of asks) {
    const period = byStart.get(startOf(ask.at).getTime());
    if (!period) continue;
    if (isOneOf(ACCEPTED_OUTCOMES, ask.outcome)) period.accepted += 1;
    else if (ask.outcome === 'another-time') period.anotherTime += 1;
    else period.declined += 1;
  }
  return { unit, periods };
}

/** "week of 3 Nov" or "Nov 2025", in the browser's language. */
export function describePeriod(start: Date, unit: TimelineUnit): string {
  if (unit === 'month') return start.toLocaleDateString(undefined, { month: 'short', year: 'numeric' });
  return `week of ${start.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}`;
}

function startOfWeek(date: Date): Date {
  const day = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  // Weeks start on Monday.
  day.setDate(day.getDate() - ((day.getDay() + 6) % 7));
  return day;
}

function startOfMonth(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), 1);
}

function nextPeriod(start: Date, unit: TimelineUnit): Date {
  return unit === 'week'
    ? new Date(start.getFullYear(), start.getMonth(), start.getDate() + 7)
    : new Date(start.getFullYear(), start.getMonth() + 1, 1);
}

function weeksBetween(from: Date, to: Date): number {
  // Rounded: a daylight-saving change makes a week an hour longer or shorter.
  return Math.round((to.getTime() - from.getTime()) / (7 * 24 * 60 * 60 * 1000));
}
