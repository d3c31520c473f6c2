import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, test } from 'vitest';
import { DomainError } from './domain-error.ts';
import { FOLLOW_UP_RULES } from './follow-up-rules.ts';
import { isValidTimeZone, parseMeetingTime, parsePlanInput, planFollowUp } from './plan-follow-up.ts';
import { isInQuietHours } from './quiet-hours.ts';

const NIGHT = { start: '22:00', end: '08:00' };
const BERLIN_EVE_OF_DST = {
  metAt: '2026-03-28T20:00:00+01:00',
  timeZone: 'Europe/Berlin',
  quietHours: NIGHT,
};
const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean).length;
/** What the message coach flags as pressure, apology or coming on too strong. */
const UNKIND =
  /sorry|bother|ignore|waiting|why haven't|answer me|\?\?|!!!|love you|miss you|thinking about you|perfect/i;

describe('the first text, from the guide: a few hours later, up to the next day, never in quiet hours', () => {
  test('met the night before Berlin springs forward: first text the next morning at +02:00', () => {
    const plan = planFollowUp({ ...BERLIN_EVE_OF_DST, theirName: 'Mira', topics: ['jazz piano'] });
    expect(plan.status).toBe('active');
    expect(plan.firstMessage).toMatchObject({
      earliest: '2026-03-29T08:00:00+02:00',
      latest: '2026-03-29T21:59:00+02:00',
      suggested: '2026-03-29T08:00:00+02:00',
    });
    expect(plan.firstMessage.draft).toMatch(
      /^Hey Mira, .*yesterday.*what you said about jazz piano\. (How|What) .*\?$/,
    );
    expect(plan.advice).toBe(
      'Give it a few hours: send your first text between 2026-03-29 08:00 and 2026-03-29 21:59 (Europe/Berlin time), ideally around 2026-03-29 08:00, and mention something you talked about.',
    );
  });

  test('a morning meeting: earliest three hours later, suggested on the half hour, "earlier" today', () => {
    const plan = planFollowUp({
      ...BERLIN_EVE_OF_DST,
      metAt: '2026-06-10T10:15:00+02:00',
      topics: ['sourdough'],
    });
    expect(plan.firstMessage).toMatchObject({
      earliest: '2026-06-10T13:15:00+02:00',
      latest: '2026-06-11T21:59:00+02:00',
      suggested: '2026-06-10T13:30:00+02:00',
    });
    expect(plan.firstMessage.draft).toMatch(/^Hey, .*earlier!.*sourdough/);
  });

  test('a meeting inside quiet hours waits for them to end', () => {
    const plan = planFollowUp({ ...BERLIN_EVE_OF_DST, metAt: '2026-06-10T23:15:00+02:00' });
    expect(plan.firstMessage.earliest).toBe('2026-06-11T08:00:00+02:00');
    expect(plan.firstMessage.latest).toBe('2026-06-11T21:59:00+02:00');
  });

  test('New York falling back: 22:30 EDT plus three hours lands in quiet hours, then 07:00 EST', () => {
    const plan = planFollowUp({
      metAt: '2026-10-31T22:30:00-04:00',
      timeZone: 'America/New_York',
      quietHours: { start: '23:00', end: '07:00' },
    });
    expect(plan.firstMessage.earliest).toBe('2026-11-01T07:00:00-05:00');
    expect(plan.firstMessage.latest).toBe('2026-11-01T22:59:00-05:00');
  });

  test('the delay is exact time: half an hour after 01:30 EDT is 01:00 EST', () => {
    const plan = planFollowUp({
      metAt: '2026-11-01T01:30:00-04:00',
      timeZone: 'America/New_York',
      quietHours: { start: '03:00', end: '10:00' },
      firstTextDelay: 0.5,
    });
    expect(plan.firstMessage.earliest).toBe('2026-11-01T01:00:00-05:00');
    expect(plan.firstMessage.suggested).toBe('2026-11-01T01:00:00-05:00');
    expect(plan.firstMessage.latest).toBe('2026-11-02T23:59:00-05:00');
    expect(plan.firstMessage.draft).toContain('earlier');
  });

  test('Sydney leaving daylight saving in April: +11:00 at the meeting, +10:00 the next morning', () => {
    const plan = planFollowUp({
      metAt: '2026-04-04T19:00:00+11:00',
      timeZone: 'Australia/Sydney',
      quietHours: { start: '21:30', end: '07:30' },
    });
    expect(plan.firstMessage.earliest).toBe('2026-04-05T07:30:00+10:00');
    expect(plan.firstMessage.latest).toBe('2026-04-05T21:29:00+10:00');
    expect(plan.cadence[0]?.at).toBe('2026-04-08T18:30:00+10:00');
  });

  test('half-hour and quarter-hour offsets: Kolkata and Chatham', () => {
    const kolkata = planFollowUp({
      ...BERLIN_EVE_OF_DST,
      timeZone: 'Asia/Kolkata',
      metAt: '2026-03-28T20:00+05:30',
      firstTextDelay: 1.5,
    });
    expect(kolkata.firstMessage.earliest).toBe('2026-03-28T21:30:00+05:30');
    expect(kolkata.firstMessage.latest).toBe('2026-03-29T21:59:00+05:30');
    const chatham = planFollowUp({
      ...BERLIN_EVE_OF_DST,
      timeZone: 'Pacific/Chatham',
      metAt: '2026-04-04T20:00+13:45',
    });
    expect(chatham.firstMessage.earliest).toBe('2026-04-05T08:00:00+12:45');
  });

  test('quiet hours that end in the skipped hour end when the clock resumes, 03:30', () => {
    const plan = planFollowUp({
      ...BERLIN_EVE_OF_DST,
      metAt: '2026-03-28T22:00:00+01:00',
      quietHours: { start: '23:00', end: '02:30' },
    });
    expect(plan.firstMessage.earliest).toBe('2026-03-29T03:30:00+02:00');
    expect(plan.firstMessage.latest).toBe('2026-03-29T22:59:00+02:00');
  });

  test('a delay past the next day extends latest to the end of the day of earliest', () => {
    const plan = planFollowUp({
      ...BERLIN_EVE_OF_DST,
      metAt: '2026-06-10T20:00:00+02:00',
      firstTextDelay: 48,
    });
    expect(plan.firstMessage.earliest).toBe('2026-06-12T20:00:00+02:00');
    expect(plan.firstMessage.latest).toBe('2026-06-12T21:59:00+02:00');
    expect(plan.firstMessage.draft).toContain('the other day');
  });
});

describe('the cadence: once or twice a week, one suggesting a meetup', () => {
  test('check-ins at 18:30 local, 3, 4, 5 and 7 days apart, the second suggesting a meetup', () => {
    const plan = planFollowUp({ ...BERLIN_EVE_OF_DST, topics: ['jazz piano', 'climbing'] });
    expect(plan.cadence.map(({ at, kind }) => [at, kind])).toEqual([
      ['2026-04-01T18:30:00+02:00', 'check-in'],
      ['2026-04-05T18:30:00+02:00', 'suggest-meetup'],
      ['2026-04-10T18:30:00+02:00', 'check-in'],
      ['2026-04-17T18:30:00+02:00', 'check-in'],
    ]);
    expect(plan.cadence[1]?.draft).toMatch(
      /jazz piano.*(Which day works for you|Which evening suits you)\?$/,
    );
    expect(plan.cadence[1]?.draft).toMatch(/next week/);
  });

  test('a quiet 18:30 moves to the end of quiet hours that same day', () => {
    const plan = planFollowUp({
      ...BERLIN_EVE_OF_DST,
      metAt: '2026-06-10T09:00:00+02:00',
      quietHours: { start: '18:00', end: '08:00' },
    });
    expect(plan.cadence.map((entry) => entry.at)).toEqual([
      '2026-06-13T08:00:00+02:00',
      '2026-06-17T08:00:00+02:00',
      '2026-06-22T08:00:00+02:00',
      '2026-06-29T08:00:00+02:00',
    ]);
  });

  test('a check-in time skipped by the clock change becomes one that exists', () => {
    const plan = planFollowUp({
      ...BERLIN_EVE_OF_DST,
      metAt: '2026-03-26T09:00:00+01:00',
      quietHours: { start: '18:00', end: '02:30' },
    });
    expect(plan.firstMessage.suggested).toBe('2026-03-26T12:00:00+01:00');
    expect(plan.cadence[0]?.at).toBe('2026-03-29T03:30:00+02:00');
  });
});

describe('status: respect their silence', () => {
  test('one unanswered message: still active, but wait instead of double-texting', () => {
    const plan = planFollowUp({ ...BERLIN_EVE_OF_DST, unanswered: 1 });
    expect(plan.status).toBe('active');
    expect(plan.advice).toContain('wait for their reply');
    expect(plan.advice).toContain('2026-04-01 18:30');
  });

  test('two unanswered: paused, no check-ins, no draft, give them space', () => {
    const plan = planFollowUp({ ...BERLIN_EVE_OF_DST, unanswered: 2 });
    expect(plan).toMatchObject({ status: 'paused', cadence: [], firstMessage: { draft: '' } });
    expect(plan.advice).toContain('give them space');
  });

  test('three unanswered: stopped, the ball is in their court, even with a meetup planned', () => {
    const plan = planFollowUp({ ...BERLIN_EVE_OF_DST, unanswered: 3, meetupPlanned: true });
    expect(plan).toMatchObject({ status: 'stopped', cadence: [] });
    expect(plan.advice).toContain('stops suggesting messages');
    expect(plan.advice).toContain('ball is in their court');
  });

  test('a meetup planned ends the check-ins', () => {
    const plan = planFollowUp({ ...BERLIN_EVE_OF_DST, meetupPlanned: true });
    expect(plan).toMatchObject({ status: 'meetup-planned', cadence: [] });
    expect(plan.advice).toContain('enjoy it');
  });
});

describe('drafts', () => {
  test('without topics the first text mentions our conversation', () => {
    expect(planFollowUp(BERLIN_EVE_OF_DST).firstMessage.draft).toContain('our conversation');
  });

  test('the same input always reads the same, and different inputs use several phrasings', () => {
    const names = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eli', 'Femi', 'Gus', 'Hana', 'Ivo', 'Jo'];
    const drafts = names.map((theirName) =>
      planFollowUp({ ...BERLIN_EVE_OF_DST, theirName, topics: ['chess'] }),
    );
    expect(planFollowUp({ ...BERLIN_EVE_OF_DST, theirName: 'Ana', topics: ['chess'] })).toEqual(drafts[0]);
    const shapes = new Set(drafts.map((plan) => plan.firstMessage.draft.replace(/^Hey \S+, /, '')));
    expect(shapes.size).toBeGreaterThan(1);
  });

  test('a long name and topic are shortened so the draft stays under 60 words', () => {
    const long = Array.from({ length: 20 }, (_, index) => `w${index}`).join(' ');
    const plan = planFollowUp({
      ...BERLIN_EVE_OF_DST,
      theirName: 'Anna Maria Luisa de la Cruz',
      topics: [long],
    });
    expect(plan.firstMessage.draft).toMatch(/^Hey Anna Maria Luisa, /);
    expect(plan.firstMessage.draft).toContain('w0 w1 w2 w3 w4 w5 w6 w7.');
    expect(wordsOf(plan.firstMessage.draft)).toBeLessThan(60);
  });
});

describe('parsePlanInput and parseMeetingTime: bad input names the field and the fix', () => {
  test('an unknown time zone', () => {
    expect(parsePlanInput({ ...BERLIN_EVE_OF_DST, timeZone: 'Mars/Base' })).toEqual({
      ok: false,
      problems: [
        {
          field: 'timeZone',
          message: "timeZone 'Mars/Base' is not a known IANA time zone, e.g. Europe/Berlin",
        },
      ],
    });
    expect(isValidTimeZone('+01:00')).toBe(false);
    expect(isValidTimeZone('Pacific/Apia')).toBe(true);
  });

  test('every problem at once, each with its field', () => {
    const parsed = parsePlanInput({
      metAt: '2026-03-28T20:00',
      timeZone: 'Europe/Berlin',
      quietHours: '10pm-8am',
      firstTextDelay: 49,
      unanswered: 1.5,
      topics: ['jazz', ' '],
      theirName: 'x'.repeat(101),
      meetupPlanned: 'yes',
      phone: '+4917012345678',
    });
    expect(parsed.ok).toBe(false);
    const fields = parsed.ok ? [] : parsed.problems.map((problem) => problem.field);
    expect(fields.sort()).toEqual(
      [
        'firstTextDelay',
        'meetupPlanned',
        'metAt',
        'phone',
        'quietHours',
        'theirName',
        'topics',
        'unanswered',
      ].sort(),
    );
    const messages = parsed.ok ? [] : parsed.problems.map((problem) => problem.message);
    expect(messages.find((message) => message.startsWith('quietHours'))).toMatch(
      /^quietHours must look like 22:00-08:00 \(start-end, 24-hour clock; got '.+'\)$/,
    );
    expect(messages.find((message) => message.startsWith('firstTextDelay'))).toMatch(
      /^firstTextDelay must be a number of hours from 0 to 48, e.g. 3 \(got .+\)$/,
    );
  });

  test('too many topics, and input that is not an object', () => {
    const topics = Array.from({ length: 21 }, (_, index) => `topic ${index}`);
    expect(parsePlanInput({ ...BERLIN_EVE_OF_DST, topics }).ok).toBe(false);
    expect(parsePlanInput('plan please')).toMatchObject({ ok: false, problems: [{ field: 'input' }] });
  });

  test('valid input is normalised: zone case, quiet hours text, trimmed text', () => {
    const parsed = parsePlanInput({
      metAt: '2026-03-28T19:00Z',
      timeZone: 'europe/berlin',
      quietHours: '22:00-8:00',
      theirName: ' Mira ',
      topics: [' jazz piano '],
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        metAt: '2026-03-28T19:00Z',
        timeZone: 'Europe/Berlin',
        quietHours: { start: '22:00', end: '08:00' },
        theirName: 'Mira',
        topics: ['jazz piano'],
      },
    });
  });

  test('planFollowUp throws a DomainError naming the field', () => {
    expect(() => planFollowUp({ ...BERLIN_EVE_OF_DST, firstTextDelay: -1 })).toThrow(DomainError);
    try {
      planFollowUp({ ...BERLIN_EVE_OF_DST, timeZone: 'Mars/Base' });
    } catch (error: unknown) {
      expect(error).toMatchObject({ code: 'invalid-input', field: 'timeZone' });
    }
  });

  test('a local meeting time gets the zone offset; an offset is converted into the zone', () => {
    expect(parseMeetingTime('2026-03-28T20:00', 'Europe/Berlin')).toEqual({
      ok: true,
      value: '2026-03-28T20:00:00+01:00',
    });
    expect(parseMeetingTime('2026-03-28 20:00', 'Asia/Kolkata')).toEqual({
      ok: true,
      value: '2026-03-28T20:00:00+05:30',
    });
    expect(parseMeetingTime('2026-03-28T19:00Z', 'Europe/Berlin')).toEqual({
      ok: true,
      value: '2026-03-28T20:00:00+01:00',
    });
    expect(parseMeetingTime('2026-03-28T20:00-05:00', 'Australia/Sydney')).toEqual({
      ok: true,
      value: '2026-03-29T12:00:00+11:00',
    });
  });

  test('a skipped local time moves forward; a repeated one means the first occurrence', () => {
    expect(parseMeetingTime('2026-03-29T02:30', 'Europe/Berlin')).toEqual({
      ok: true,
      value: '2026-03-29T03:30:00+02:00',
    });
    expect(parseMeetingTime('2026-10-25T02:30', 'Europe/Berlin')).toEqual({
      ok: true,
      value: '2026-10-25T02:30:00+02:00',
    });
  });

  test.each(['yesterday', '2026-02-30T20:00', '2026-03-28', '20:00'])(
    'refuses %j with an example',
    (text) => {
      expect(parseMeetingTime(text, 'Europe/Berlin')).toEqual({
        ok: false,
        problems: [
          {
            field: 'metAt',
            message: `metAt '${text}' is not a date-time: use e.g. 2026-03-28T20:00 or 2026-03-28T20:00+01:00`,
          },
        ],
      });
    },
  );
});

const ZONES = [
  ...['Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'America/Sao_Paulo'],
  ...['America/Santiago', 'America/St_Johns', 'America/Havana', 'Australia/Sydney', 'Australia/Lord_Howe'],
  ...['Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'Pacific/Apia', 'Africa/Cairo', 'UTC'],
];
const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const planInputs = fc.record({
  epochMs: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }),
  timeZone: fc.constantFrom(...ZONES),
  // Quiet hours often end in the small hours, where clocks change.
  quietEnd: fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 240 })),
  quietLength: fc.integer({ min: 1, max: 960 }),
  firstTextDelay: fc.option(fc.double({ min: 0, max: 48, noNaN: true }), { nil: undefined }),
  topics: fc.option(
    fc.array(fc.stringMatching(/^[a-z]{1,12}( [a-z]{1,12}){0,3}$/), { minLength: 1, maxLength: 3 }),
    {
      nil: undefined,
    },
  ),
  theirName: fc.option(fc.constantFrom('Mira', 'Jean-Luc', 'Ana Sofia'), { nil: undefined }),
  withZ: fc.boolean(),
  /** For meetings just before a clock change: how long before it (up to 60 hours, or up to 25 days). */
  minutesBeforeChange: fc.oneof(fc.integer({ min: 0, max: 3600 }), fc.integer({ min: 0, max: 36_000 })),
});
type PlanSample = typeof planInputs extends fc.Arbitrary<infer T> ? T : never;

/** Plans one sample and checks every promise the plan makes. */
function checkPlan(sample: PlanSample, epochMs: number): void {
  const quietHours = {
    start: clock((sample.quietEnd - sample.quietLength + 1440) % 1440),
    end: clock(sample.quietEnd),
  };
  const met = Temporal.Instant.fromEpochMilliseconds(epochMs);
  const metAt = sample.withZ
    ? met.toString()
    : met.toZonedDateTimeISO(sample.timeZone).toString({ timeZoneName: 'never' });
  const { firstTextDelay, topics, theirName, timeZone } = sample;
  const plan = planFollowUp({ metAt, timeZone, quietHours, firstTextDelay, topics, theirName });
  /** Parses back to a zoned time and checks it carries the zone's offset at that instant. */
  const zoned = (text: string) => {
    const local = Temporal.Instant.from(text).toZonedDateTimeISO(timeZone);
    expect(local.toString({ timeZoneName: 'never', smallestUnit: 'second' })).toBe(text);
    expect(isInQuietHours(local.toPlainTime(), quietHours)).toBe(false);
    return local;
  };
  const earliest = zoned(plan.firstMessage.earliest);
  const suggested = zoned(plan.firstMessage.suggested);
  const latest = zoned(plan.firstMessage.latest);
  expect(Temporal.ZonedDateTime.compare(earliest, suggested)).toBeLessThanOrEqual(0);
  expect(Temporal.ZonedDateTime.compare(suggested, latest)).toBeLessThanOrEqual(0);
  const delayMs = (firstTextDelay ?? FOLLOW_UP_RULES.firstTextDelayHours) * 3_600_000;
  expect(earliest.epochMilliseconds).toBeGreaterThanOrEqual(epochMs + delayMs - 1);
  expect(plan.cadence.map((entry) => entry.kind)).toEqual([
    'check-in',
    'suggest-meetup',
    'check-in',
    'check-in',
  ]);
  let previous = suggested;
  for (const entry of plan.cadence) {
    const at = zoned(entry.at);
    const days = previous.toPlainDate().until(at.toPlainDate()).days;
    expect(days).toBeGreaterThanOrEqual(3);
    expect(days).toBeLessThanOrEqual(7);
    previous = at;
  }
  for (const draft of [plan.firstMessage.draft, ...plan.cadence.map((entry) => entry.draft)]) {
    expect(wordsOf(draft)).toBeLessThan(60);
    expect(draft).toMatch(/\b(How|What|Which)\b[^.!]*\?/);
    expect(draft).not.toMatch(UNKIND);
    if (topics?.[0]) expect(draft).toMatch(new RegExp(topics.join('|')));
  }
  expect(plan.firstMessage.draft).toContain(topics?.[0] ?? 'our conversation');
}

describe('properties over random meetings, zones and quiet hours (2020–2035)', () => {
  test('the window is ordered, outside quiet hours, in the zone’s offset; check-ins are 3–7 days apart', () => {
    fc.assert(
      fc.property(planInputs, (sample) => checkPlan(sample, sample.epochMs)),
      { numRuns: 200 },
    );
  });

  test('the same holds for meetings in the days before a daylight-saving change', () => {
    fc.assert(
      fc.property(planInputs, (sample) => {
        const from = Temporal.Instant.fromEpochMilliseconds(sample.epochMs).toZonedDateTimeISO(
          sample.timeZone,
        );
        const change = from.getTimeZoneTransition('next');
        const before = change
          ? change.epochMilliseconds - sample.minutesBeforeChange * 60_000
          : sample.epochMs;
        checkPlan(sample, before);
      }),
      { numRuns: 200 },
    );
  });
});
