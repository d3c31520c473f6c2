import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, test } from 'vitest';
import {
  isInQuietHours,
  lastTimeOutsideQuietHours,
  nextTimeOutsideQuietHours,
  parseQuietHours,
  type QuietHours,
} from './quiet-hours.ts';

const NIGHT: QuietHours = { start: '22:00', end: '08:00' };
const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const EVERY_MINUTE = Array.from({ length: 1440 }, (_, minute) => Temporal.PlainTime.from(clock(minute)));
const iso = (moment: Temporal.ZonedDateTime) =>
  moment.toString({ timeZoneName: 'never', smallestUnit: 'second' });

/** Valid quiet hours: any start minute and a length of 1 minute to 16 hours. */
const quietHours = fc
  .record({ start: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 1, max: 960 }) })
  .map(({ start, length }) => ({ start: clock(start), end: clock((start + length) % 1440), length }));

describe('parseQuietHours', () => {
  test('reads a window that wraps midnight', () => {
    expect(parseQuietHours('22:00-08:00')).toEqual({ ok: true, value: { start: '22:00', end: '08:00' } });
  });

  test('pads one-digit hours and allows spaces around the dash', () => {
    expect(parseQuietHours(' 7:30 - 9:15 ')).toEqual({ ok: true, value: { start: '07:30', end: '09:15' } });
  });

  test.each(['22-08', '22:00', '24:00-08:00', '22:60-08:00', 'late', '', '22:00-08:00-09:00'])(
    'refuses %j and shows the expected shape',
    (text) => {
      expect(parseQuietHours(text)).toEqual({
        ok: false,
        problems: [
          {
            field: 'quietHours',
            message: `quietHours must look like 22:00-08:00 (start-end, 24-hour clock; got '${text}')`,
          },
        ],
      });
    },
  );

  test('refuses a window that starts where it ends', () => {
    const parsed = parseQuietHours('21:00-21:00');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]?.message).toContain('different times');
  });

  test('allows 16 quiet hours but not 16 hours and a minute, so a day keeps room to text', () => {
    expect(parseQuietHours('18:00-10:00').ok).toBe(true);
    const parsed = parseQuietHours('18:00-10:01');
    expect(!parsed.ok && parsed.problems[0]).toEqual({
      field: 'quietHours',
      message:
        "quietHours may cover at most 16 hours, so the day keeps room to text, e.g. 22:00-08:00 (got '18:00-10:01')",
    });
  });

  test('property: every valid window parses back to itself', () => {
    fc.assert(
      fc.property(quietHours, ({ start, end }) => {
        expect(parseQuietHours(`${start}-${end}`)).toEqual({ ok: true, value: { start, end } });
      }),
    );
  });
});

describe('isInQuietHours', () => {
  test('the start minute is quiet and the end minute is not', () => {
    expect(isInQuietHours(Temporal.PlainTime.from('22:00'), NIGHT)).toBe(true);
    expect(isInQuietHours(Temporal.PlainTime.from('21:59:59'), NIGHT)).toBe(false);
    expect(isInQuietHours(Temporal.PlainTime.from('07:59:59'), NIGHT)).toBe(true);
    expect(isInQuietHours(Temporal.PlainTime.from('08:00'), NIGHT)).toBe(false);
    expect(isInQuietHours(Temporal.PlainTime.from('00:00'), NIGHT)).toBe(true);
  });

  test('a window within one day does not wrap', () => {
    const afternoon = { start: '13:00', end: '15:30' };
    expect(isInQuietHours(Temporal.PlainTime.from('14:45'), afternoon)).toBe(true);
    expect(isInQuietHours(Temporal.PlainTime.from('23:00'), afternoon)).toBe(false);
    expect(isInQuietHours(Temporal.PlainTime.from('12:59'), afternoon)).toBe(false);
  });

  test('property: exactly the window length of the day’s minutes is quiet', () => {
    fc.assert(
      fc.property(quietHours, ({ start, end, length }) => {
        const quiet = EVERY_MINUTE.filter((time) => isInQuietHours(time, { start, end }));
        expect(quiet).toHaveLength(length);
      }),
      { numRuns: 60 },
    );
  });
});

describe('moving times out of quiet hours', () => {
  test('a late-evening time moves to the next morning, across the spring change in Berlin', () => {
    const lateEvening = Temporal.ZonedDateTime.from('2026-03-28T23:10+01:00[Europe/Berlin]');
    expect(iso(nextTimeOutsideQuietHours(lateEvening, NIGHT))).toBe('2026-03-29T08:00:00+02:00');
  });

  test('an end of quiet hours skipped by the clock change moves past the gap', () => {
    const night = Temporal.ZonedDateTime.from('2026-03-29T01:15+01:00[Europe/Berlin]');
    const quiet = { start: '23:00', end: '02:30' };
    expect(iso(nextTimeOutsideQuietHours(night, quiet))).toBe('2026-03-29T03:30:00+02:00');
  });

  test('in a repeated hour, the end of quiet hours is never before the time itself', () => {
    // 01:40 EST is the second 01:40 of the night; the first 01:45 (EDT) would be earlier.
    const repeated = Temporal.ZonedDateTime.from('2026-11-01T01:40-05:00[America/New_York]');
    const quiet = { start: '23:00', end: '01:45' };
    expect(iso(nextTimeOutsideQuietHours(repeated, quiet))).toBe('2026-11-01T01:45:00-05:00');
  });

  test('the last allowed minute is 21:59 when quiet hours start at 22:00, and 23:59 otherwise', () => {
    const day = Temporal.PlainDate.from('2026-04-05');
    expect(iso(lastTimeOutsideQuietHours(day, 'Australia/Sydney', NIGHT))).toBe('2026-04-05T21:59:00+10:00');
    const early = { start: '01:00', end: '07:00' };
    expect(iso(lastTimeOutsideQuietHours(day, 'Asia/Kolkata', early))).toBe('2026-04-05T23:59:00+05:30');
  });

  test('property: the next time outside quiet hours is not earlier and not quiet', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Asia/Kathmandu',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }),
        fc.constantFrom(...zones),
        quietHours,
        (epochMs, zone, { start, end }) => {
          const moment = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone);
          const next = nextTimeOutsideQuietHours(moment, { start, end });
          expect(Temporal.ZonedDateTime.compare(next, moment)).toBeGreaterThanOrEqual(0);
          expect(isInQuietHours(next.toPlainTime(), { start, end })).toBe(false);
          if (!isInQuietHours(moment.toPlainTime(), { start, end })) expect(next.equals(moment)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
