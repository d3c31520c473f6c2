import { Temporal } from 'temporal-polyfill';
import { describeValue, type Parsed, type Problem, unwrapParsed } from './domain-error.ts';
import {
  FOLLOW_UP_PHRASES as PHRASES,
  FOLLOW_UP_RULES as RULES,
  type TopicPhrasings,
} from './follow-up-rules.ts';
import {
  isInQuietHours,
  lastTimeOutsideQuietHours,
  nextTimeOutsideQuietHours,
  parseQuietHours,
  type QuietHours,
} from './quiet-hours.ts';

/** What the planner needs to know about one new contact. Parse untrusted input with {@link parsePlanInput}. */
export interface PlanInput {
  /** When you met: ISO 8601 with an offset or Z. Convert local input with {@link parseMeetingTime}. */
  metAt: string;
  /** IANA time zone the plan is made in, e.g. Europe/Berlin. */
  timeZone: string;
  quietHours: QuietHours;
  topics?: readonly string[];
  theirName?: string;
  /** Hours to wait after meeting before the first text (0 to 48); default 3. */
  firstTextDelay?: number;
  /** Messages you sent that are still unanswered; default 0. */
  unanswered?: number;
  /** Check-ins continue "until a meetup is planned". */
  meetupPlanned?: boolean;
  /** They said no: nothing is planned, drafted or suggested until they give contact again. */
  declined?: boolean;
}

/** Times are ISO 8601 with the zone's offset at that instant, e.g. "2026-03-29T18:30:00+02:00". */
export interface FollowUpPlan {
  status: 'active' | 'paused' | 'stopped' | 'meetup-planned' | 'declined';
  /** One plain sentence on what to do now. */
  advice: string;
  /**
   * The first-text window. `latest` is the last allowed minute (inclusive). `draft` is empty unless
   * the status is `active`: a paused or stopped plan suggests no message.
   */
  firstMessage: { earliest: string; latest: string; suggested: string; draft: string };
  /** Check-ins after the first text; empty unless the status is `active`. */
  cadence: { at: string; kind: 'check-in' | 'suggest-meetup'; draft: string }[];
}

type Zoned = Temporal.ZonedDateTime;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?$/i;
const OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/**
 * Plans the first text and the check-ins after it, in the contact's time zone, never in quiet hours.
 * The first text goes between `earliest` (metAt + delay, moved out of quiet hours) and `latest` (the
 * last allowed minute of the next local day; if the delay reaches past that day, the last allowed
 * minute of the day of `earliest`). Throws a DomainError on invalid input.
 * @example planFollowUp({ metAt: '2026-03-28T20:00:00+01:00', timeZone: 'Europe/Berlin',
 *   quietHours: { start: '22:00', end: '08:00' }, topics: ['jazz piano'] }).firstMessage.earliest
 * // '2026-03-29T08:00:00+02:00'
 */
export function planFollowUp(input: PlanInput): FollowUpPlan {
  const plan = unwrapParsed(parsePlanInput(input));
  const met = Temporal.Instant.from(plan.metAt).toZonedDateTimeISO(plan.timeZone);
  const { earliest, latest, suggested } = planFirstText(met, plan);
  const status = statusOf(plan);
  const seed = [toIso(met), plan.timeZone, plan.theirName ?? '', ...(plan.topics ?? [])].join('|');
  const cadence = status === 'active' ? planCadence(suggested, plan, seed) : [];
  const sinceMeeting = met.toPlainDate().until(suggested.toPlainDate()).days;
  const when = PHRASES.sinceMeeting[Math.min(sinceMeeting, PHRASES.sinceMeeting.length - 1)] ?? 'earlier';
  const question = pickPhrase(PHRASES.openQuestion, plan.topics?.[0], `${seed}|question`);
  const draft = writeDraft(PHRASES.firstMessage, plan, plan.topics?.[0], `${seed}|first`, { when, question });
  const adviceKind =
    status === 'active' ? ((plan.unanswered ?? 0) > 0 ? 'awaiting-reply' : 'first-text') : status;
  const next = cadence[0]
    ? toLocalText(Temporal.Instant.from(cadence[0].at).toZonedDateTimeISO(plan.timeZone))
    : '';
  return {
    status,
    advice: fill(PHRASES.advice[adviceKind], {
      ...{ earliest: toLocalText(earliest), latest: toLocalText(latest), suggested: toLocalText(suggested) },
      ...{ next, timeZone: plan.timeZone, unanswered: String(plan.unanswered ?? 0) },
    }),
    firstMessage: {
      ...{ earliest: toIso(earliest), latest: toIso(latest), suggested: toIso(suggested) },
      draft: status === 'active' ? draft : '',
    },
    cadence,
  };
}

function planFirstText(met: Zoned, plan: PlanInput): { earliest: Zoned; latest: Zoned; suggested: Zoned } {
  const { timeZone, quietHours } = plan;
  const delayMs = Math.round((plan.firstTextDelay ?? RULES.firstTextDelayHours) * 3_600_000);
  // Whole minutes keep every time exact in its "…:00" string, and ceil keeps the full delay.
  const delayed = met
    .toInstant()
    .add({ milliseconds: delayMs })
    .round({ smallestUnit: 'minute', roundingMode: 'ceil' });
  const earliest = nextTimeOutsideQuietHours(delayed.toZonedDateTimeISO(timeZone), quietHours);
  const windowDay = met.toPlainDate().add({ days: RULES.firstTextWindowDays });
  let latest = lastTimeOutsideQuietHours(windowDay, timeZone, quietHours);
  if (Temporal.ZonedDateTime.compare(latest, earliest) < 0) {
    // A long delay reaches past the window: keep the rest of that day, so earliest ≤ latest.
    latest = lastTimeOutsideQuietHours(earliest.toPlainDate(), timeZone, quietHours);
    if (Temporal.ZonedDateTime.compare(latest, earliest) < 0) latest = earliest;
  }
  const overStep = earliest.minute % RULES.suggestedRoundingMinutes;
  const rounded =
    overStep === 0 ? earliest : earliest.add({ minutes: RULES.suggestedRoundingMinutes - overStep });
  const tidy = nextTimeOutsideQuietHours(rounded, quietHours);
  const suggested = Temporal.ZonedDateTime.compare(tidy, latest) > 0 ? earliest : tidy;
  return { earliest, latest, suggested };
}

function planCadence(suggested: Zoned, plan: PlanInput, seed: string): FollowUpPlan['cadence'] {
  const preferred = Temporal.PlainTime.from(RULES.checkInTime);
  // A quiet preferred time moves to the end of quiet hours on the same date, so gaps stay 3–7 days.
  const clock = isInQuietHours(preferred, plan.quietHours)
    ? Temporal.PlainTime.from(plan.quietHours.end)
    : preferred;
  let previous = suggested;
  return RULES.cadenceGapsDays.map((gap, index) => {
    const date = previous.toPlainDate().add({ days: gap });
    // 'compatible' moves a clock time skipped by a daylight-saving gap forward, to one that exists.
    const wall = date.toPlainDateTime(clock).toZonedDateTime(plan.timeZone, { disambiguation: 'compatible' });
    previous = nextTimeOutsideQuietHours(wall, plan.quietHours);
    const topics = plan.topics ?? [];
    const topic = topics[index % Math.max(topics.length, 1)];
    const kind = index === RULES.meetupAtIndex ? 'suggest-meetup' : 'check-in';
    const phrasings = kind === 'suggest-meetup' ? PHRASES.meetup : PHRASES.checkIn;
    const draftTopic = kind === 'suggest-meetup' ? topics[0] : topic;
    return {
      at: toIso(previous),
      kind,
      draft: writeDraft(phrasings, plan, draftTopic, `${seed}|${index}`, {}),
    };
  });
}

function statusOf(plan: PlanInput): FollowUpPlan['status'] {
  // A "no" outranks everything: consent-first means nothing more is suggested at all.
  if (plan.declined) return 'declined';
  const unanswered = plan.unanswered ?? 0;
  // Silence outranks everything else: consent-first means no more messages are suggested.
  if (unanswered >= RULES.unanswered.stop) return 'stopped';
  if (unanswered >= RULES.unanswered.pause) return 'paused';
  return plan.meetupPlanned ? 'meetup-planned' : 'active';
}

function writeDraft(
  phrasings: TopicPhrasings,
  plan: PlanInput,
  topic: string | undefined,
  seed: string,
  values: Record<string, string>,
): string {
  const name = plan.theirName ? firstWords(plan.theirName, RULES.draftNameWords) : '';
  const greeting = name ? `Hey ${name}` : 'Hey';
  const shortTopic = topic ? firstWords(topic, RULES.draftTopicWords) : '';
  return fill(pickPhrase(phrasings, topic, seed), { ...values, greeting, topic: shortTopic });
}

/** Picks a phrasing from a hash of the inputs, so the same plan always reads the same. */
function pickPhrase(phrasings: TopicPhrasings, topic: string | undefined, seed: string): string {
  const options = topic ? phrasings.withTopic : phrasings.withoutTopic;
  let hash = 0x811c9dc5; // FNV-1a
  for (let index = 0; index < seed.length; index++)
    hash = Math.imul(hash ^ seed.charCodeAt(index), 0x01000193);
  return options[(hash >>> 0) % options.length] ?? '';
}

/** One pass, so a topic that contains "{when}" stays as typed. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function firstWords(text: string, count: number): string {
  return text.trim().split(/\s+/).slice(0, count).join(' ');
}

function toIso(moment: Zoned): string {
  return moment.toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

function toLocalText(moment: Zoned): string {
  return `${moment.toPlainDate().toString()} ${moment.toPlainTime().toString({ smallestUnit: 'minute' })}`;
}

const isShortText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.trim().length <= 100;

/** The optional fields: how each is checked, and the fix to show when it is not right. */
const OPTIONAL_FIELDS: Readonly<Record<string, { isValid: (value: unknown) => boolean; message: string }>> = {
  topics: {
    isValid: (value) => Array.isArray(value) && value.length <= 20 && value.every(isShortText),
    message: 'topics must be a list of at most 20 topics, each 1 to 100 characters, e.g. ["jazz piano"]',
  },
  theirName: { isValid: isShortText, message: 'theirName must be a name of 1 to 100 characters' },
  firstTextDelay: {
    isValid: (value) => typeof value === 'number' && value >= 0 && value <= 48,
    message: 'firstTextDelay must be a number of hours from 0 to 48, e.g. 3',
  },
  unanswered: {
    isValid: (value) => Number.isSafeInteger(value) && Number(value) >= 0,
    message: 'unanswered must be a whole number, 0 or more',
  },
  meetupPlanned: {
    isValid: (value) => typeof value === 'boolean',
    message: 'meetupPlanned must be true or false',
  },
  declined: {
    isValid: (value) => typeof value === 'boolean',
    message: 'declined must be true or false',
  },
};

/**
 * Checks untrusted plan input (a request body, parsed argv): every problem names its field and the fix.
 * Unknown fields are refused; quietHours may be "22:00-08:00" or { start, end }; text is trimmed.
 * @example parsePlanInput({ metAt: '2026-03-28T20:00+01:00', timeZone: 'Mars/Base', quietHours: '22:00-08:00' })
 * // { ok: false, problems: [{ field: 'timeZone', message: "timeZone 'Mars/Base' is not a known IANA time zone, e.g. Europe/Berlin" }] }
 */
export function parsePlanInput(input: unknown): Parsed<PlanInput> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail('input', 'the plan input must be an object with metAt, timeZone and quietHours');
  }
  const record = input as Record<string, unknown>;
  const known = ['metAt', 'timeZone', 'quietHours', ...Object.keys(OPTIONAL_FIELDS)];
  const problems: Problem[] = Object.keys(record)
    .filter((key) => !known.includes(key))
    .map((key) => ({ field: key, message: `'${key}' is not a plan field: use ${known.join(', ')}` }));
  const { metAt, timeZone, quietHours } = record;
  const zone = isValidTimeZone(timeZone)
    ? toZoned(Temporal.Instant.fromEpochMilliseconds(0), timeZone)
    : undefined;
  if (!zone) problems.push({ field: 'timeZone', message: unknownTimeZone(timeZone) });
  const metText = typeof metAt === 'string' ? metAt.trim() : '';
  if (!readInstant(metText)) {
    const message = `metAt must be an ISO 8601 date-time with an offset or Z, e.g. 2026-03-28T20:00+01:00 (got ${describeValue(metAt)})`;
    problems.push({ field: 'metAt', message });
  }
  const { start, end } =
    typeof quietHours === 'object' && quietHours !== null ? (quietHours as QuietHours) : {};
  const quietText = start === undefined && end === undefined ? quietHours : `${start}-${end}`;
  const quiet = parseQuietHours(String(quietText));
  if (!quiet.ok) problems.push(...quiet.problems);
  const optional: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(OPTIONAL_FIELDS)) {
    const value = typeof record[field] === 'string' ? String(record[field]).trim() : record[field];
    if (value === undefined) continue;
    if (rule.isValid(value))
      optional[field] = Array.isArray(value) ? value.map((topic) => topic.trim()) : value;
    else problems.push({ field, message: `${rule.message} (got ${describeValue(record[field])})` });
  }
  if (problems.length > 0 || !zone || !quiet.ok) return { ok: false, problems };
  return {
    ok: true,
    value: { ...optional, metAt: metText, timeZone: zone.timeZoneId, quietHours: quiet.value },
  };
}

/**
 * Reads a meeting time typed by a person: local to `timeZone` ("2026-03-28T20:00", a space works too)
 * or with an offset/Z. Returns ISO 8601 with the zone's offset. A local time skipped by a
 * daylight-saving gap moves forward by the gap; a repeated one means its first occurrence.
 * @example parseMeetingTime('2026-03-28T20:00', 'Europe/Berlin') // { ok: true, value: '2026-03-28T20:00:00+01:00' }
 */
export function parseMeetingTime(text: string, timeZone: string): Parsed<string> {
  if (!isValidTimeZone(timeZone)) return fail('timeZone', unknownTimeZone(timeZone));
  const trimmed = typeof text === 'string' ? text.trim() : '';
  const local = LOCAL_DATE_TIME.test(trimmed)
    ? attempt(() => Temporal.PlainDateTime.from(trimmed))
    : undefined;
  const instant = local ? undefined : readInstant(trimmed);
  const zoned = local ? local.toZonedDateTime(timeZone) : instant && toZoned(instant, timeZone);
  if (!zoned) {
    return fail(
      'metAt',
      `metAt '${text}' is not a date-time: use e.g. 2026-03-28T20:00 or 2026-03-28T20:00+01:00`,
    );
  }
  return { ok: true, value: toIso(zoned) };
}

/**
 * Whether `name` is an IANA time zone this runtime knows (case-insensitive). Offsets such as "+01:00"
 * are refused: they know nothing of daylight saving.
 * @example isValidTimeZone('Australia/Sydney') // true
 */
export function isValidTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || !TIME_ZONE_NAME.test(name)) return false;
  return toZoned(Temporal.Instant.fromEpochMilliseconds(0), name) !== undefined;
}

function unknownTimeZone(name: unknown): string {
  return `timeZone '${String(name)}' is not a known IANA time zone, e.g. Europe/Berlin`;
}

function fail<T>(field: string, message: string): Parsed<T> {
  return { ok: false, problems: [{ field, message }] };
}

/** Temporal reports unreadable text and unknown zones as RangeError; anything else is a bug to surface. */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error: unknown) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** An instant from "YYYY-MM-DDTHH:MM[:SS[.fff]]" plus an offset or Z; four-digit years keep plans in range. */
function readInstant(text: string): Temporal.Instant | undefined {
  if (!OFFSET.test(text) || !LOCAL_DATE_TIME.test(text.replace(OFFSET, ''))) return undefined;
  return attempt(() => Temporal.Instant.from(text));
}

function toZoned(instant: Temporal.Instant, timeZone: string): Zoned | undefined {
  return attempt(() => instant.toZonedDateTimeISO(timeZone));
}
