import { Temporal } from 'temporal-polyfill';
import { describeValue, type Parsed } from './domain-error.ts';

/**
 * The local hours in which nothing is suggested, as "HH:MM" wall-clock times. The window starts at
 * `start` (inclusive) and ends at `end` (exclusive), and wraps past midnight when `start` > `end`.
 */
export interface QuietHours {
  start: string;
  end: string;
}

const MINUTES_PER_DAY = 24 * 60;
/** A day must keep at least 8 hours in which texting is fine. */
const MAX_QUIET_MINUTES = 16 * 60;
const QUIET_HOURS_TEXT = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/;
const FIELD = 'quietHours';

/**
 * Parses quiet hours written as "HH:MM-HH:MM" (one-digit hours allowed), wrapping midnight if need be.
 * @example parseQuietHours('22:00-08:00') // { ok: true, value: { start: '22:00', end: '08:00' } }
 */
export function parseQuietHours(text: string): Parsed<QuietHours> {
  const match = typeof text === 'string' ? QUIET_HOURS_TEXT.exec(text) : null;
  const start = match ? toMinutes(match[1], match[2]) : undefined;
  const end = match ? toMinutes(match[3], match[4]) : undefined;
  if (start === undefined || end === undefined) {
    return problem(
      `quietHours must look like 22:00-08:00 (start-end, 24-hour clock; got ${describeValue(text)})`,
    );
  }
  if (start === end) {
    return problem(
      `quietHours must start and end at different times, e.g. 22:00-08:00 (got ${describeValue(text)})`,
    );
  }
  if (lengthOf(start, end) > MAX_QUIET_MINUTES) {
    return problem(
      `quietHours may cover at most 16 hours, so the day keeps room to text, e.g. 22:00-08:00 (got ${describeValue(text)})`,
    );
  }
  return { ok: true, value: { start: formatMinutes(start), end: formatMinutes(end) } };
}

/**
 * Whether a local wall-clock time falls inside the quiet hours (start inclusive, end exclusive).
 * @example isInQuietHours(Temporal.PlainTime.from('23:15'), { start: '22:00', end: '08:00' }) // true
 */
export function isInQuietHours(time: Temporal.PlainTime, quiet: QuietHours): boolean {
  const minute = time.hour * 60 + time.minute;
  const start = clockMinutes(quiet.start);
  const end = clockMinutes(quiet.end);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * The first moment at or after `moment` whose local time is outside the quiet hours: `moment` itself,
 * or the end of the quiet hours it falls in. When that end does not exist (a daylight-saving gap) the
 * clock time after the gap is used; when it exists twice, the occurrence not before `moment`.
 * @example nextTimeOutsideQuietHours(Temporal.ZonedDateTime.from('2026-03-28T23:00+01:00[Europe/Berlin]'), quiet)
 * // 2026-03-29T08:00:00+02:00 for quiet hours 22:00-08:00
 */
export function nextTimeOutsideQuietHours(
  moment: Temporal.ZonedDateTime,
  quiet: QuietHours,
): Temporal.ZonedDateTime {
  const start = clockMinutes(quiet.start);
  const end = Temporal.PlainTime.from(quiet.end);
  let current = moment;
  // One round nearly always suffices; the bound only guards against exotic zone transitions.
  for (let round = 0; round < 4 && isInQuietHours(current.toPlainTime(), quiet); round++) {
    const inEveningPart = start > clockMinutes(quiet.end) && current.hour * 60 + current.minute >= start;
    const endDate = inEveningPart ? current.toPlainDate().add({ days: 1 }) : current.toPlainDate();
    const wallClock = endDate.toPlainDateTime(end);
    let candidate = wallClock.toZonedDateTime(current.timeZoneId, { disambiguation: 'compatible' });
    if (Temporal.ZonedDateTime.compare(candidate, current) <= 0) {
      candidate = wallClock.toZonedDateTime(current.timeZoneId, { disambiguation: 'later' });
    }
    current =
      Temporal.ZonedDateTime.compare(candidate, current) > 0 ? candidate : current.add({ minutes: 1 });
  }
  return current;
}

/**
 * The last whole minute of a local date that is outside the quiet hours: 23:59, or the minute before
 * the quiet hours start when they cover the end of the day (22:00-08:00 → 21:59). A repeated clock
 * time resolves to its later occurrence; one skipped by a daylight-saving gap, to before the gap.
 * @example lastTimeOutsideQuietHours(Temporal.PlainDate.from('2026-03-29'), 'Europe/Berlin', quiet)
 * // 2026-03-29T21:59:00+02:00 for quiet hours 22:00-08:00
 */
export function lastTimeOutsideQuietHours(
  date: Temporal.PlainDate,
  timeZone: string,
  quiet: QuietHours,
): Temporal.ZonedDateTime {
  const lastMinute = Temporal.PlainTime.from('23:59');
  const wallTime = isInQuietHours(lastMinute, quiet)
    ? Temporal.PlainTime.from(quiet.start).subtract({ minutes: 1 })
    : lastMinute;
  const wallClock = date.toPlainDateTime(wallTime);
  const later = wallClock.toZonedDateTime(timeZone, { disambiguation: 'later' });
  if (later.toPlainDateTime().equals(wallClock)) return later;
  return wallClock.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
}

function toMinutes(hours: string | undefined, minutes: string | undefined): number | undefined {
  const h = Number(hours);
  const m = Number(minutes);
  if (!Number.isInteger(h) || !Number.isInteger(m) || h > 23 || m > 59) return undefined;
  return h * 60 + m;
}

/** Minutes after midnight of a trusted "HH:MM". */
function clockMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':');
  return Number(hours) * 60 + Number(minutes);
}

function lengthOf(start: number, end: number): number {
  return (end - start + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

function formatMinutes(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function problem(message: string): Parsed<QuietHours> {
  return { ok: false, problems: [{ field: FIELD, message }] };
}
