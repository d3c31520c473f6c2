import {
  CLOSED_QUESTION_STARTS,
  COACH_RULES,
  COACH_THRESHOLDS,
  CONVERSATION_REFERENCE_PHRASES,
  GENERIC_WORDS,
  OPEN_QUESTION_WORDS,
  OPEN_REQUEST_PHRASES,
  QUESTION_LEAD_WORDS,
  TOPIC_STOP_WORDS,
} from './coach-rules.ts';
import { DomainError, describeValue, type Parsed, type Problem } from './domain-error.ts';
import { COACH_FLAGS, type CoachFlagCode } from './vocabulary.ts';

/** What the coach knows about the conversation the draft follows. Every field is optional. */
export interface CoachContext {
  theirName?: string;
  /** What you talked about ("jazz festival", "hiking"): the draft should mention one of them. */
  topics?: readonly string[];
  hoursSinceMeeting?: number;
  /** How many of your earlier messages they have not answered yet. */
  unanswered?: number;
}

/** UTF-16 offsets into the text, end exclusive: `text.slice(start, end)` is the offending part. */
export interface TextSpan {
  start: number;
  end: number;
}

export interface CoachFlag {
  code: CoachFlagCode;
  /** What is wrong, in plain words and in the guide's terms. */
  message: string;
  /** What to do instead. */
  suggestion: string;
  span?: TextSpan;
}

export interface Coaching {
  verdict: 'send' | 'revise';
  /** 100 minus the penalty of each flag, an integer in 0..100. */
  score: number;
  /** At most one flag per code, in the order of COACH_FLAGS. */
  flags: CoachFlag[];
}

/** A space matches any whitespace; an apostrophe matches ' or ’ or nothing ("cant", "I’m"). */
function phraseSource(phrases: readonly string[]): string {
  return `\\b(?:${phrases.map((phrase) => phrase.replace(/'/g, "['’]?").replace(/ /g, '\\s+')).join('|')})\\b`;
}

// Compiled once at load: coaching runs on every keystroke, so no RegExp is built per call.
const FLAG_PATTERNS = new Map<CoachFlagCode, RegExp>();
for (const code of COACH_FLAGS) {
  const { phrases = [], patterns = [] } = COACH_RULES[code];
  const sources = phrases.length > 0 ? [phraseSource(phrases), ...patterns] : [...patterns];
  if (sources.length > 0) FLAG_PATTERNS.set(code, new RegExp(sources.join('|'), 'i'));
}
const REFERENCE = new RegExp(phraseSource(CONVERSATION_REFERENCE_PHRASES), 'i');
const OPEN_REQUEST = new RegExp(phraseSource(OPEN_REQUEST_PHRASES), 'i');
const OPEN_WORD = new RegExp(phraseSource(OPEN_QUESTION_WORDS), 'i');
// A yes/no start counts at the start of a clause, after lead words: "Hey Sam, so do you…?"
const CLOSED_START = new RegExp(
  `(?:^|[,;:(—–]|\\s-)[^a-z0-9']*(?:${phraseSource(QUESTION_LEAD_WORDS)}[^a-z0-9']*)*${phraseSource(CLOSED_QUESTION_STARTS)}`,
  'i',
);
const WORD = /[\p{L}\p{N}'’]+/gu;

/**
 * Checks a draft text against the guide's advice for the messages after you get someone's number.
 * Throws a DomainError (`invalid-input`, field `text`) when the text is empty.
 * @example
 * coachMessage('hey').flags.map((flag) => flag.code) // ['generic', 'no-shared-topic', 'no-open-question']
 * coachMessage('What did you think of the jazz festival?', { topics: ['jazz festival'], hoursSinceMeeting: 5 })
 *   .verdict // 'send'
 */
export function coachMessage(text: string, context: CoachContext = {}): Coaching {
  const shape = measureText(text);
  if (shape.words === 0) {
    throw new DomainError('invalid-input', 'the message is empty: write the text you want to send', 'text');
  }
  const found = new Map<CoachFlagCode, TextSpan | undefined>();
  if (isGeneric(text, shape.words, context.theirName)) {
    found.set('generic', { start: shape.start, end: shape.end });
  }
  if (!mentionsConversation(text, context.topics)) found.set('no-shared-topic', undefined);
  if (!hasOpenQuestion(text)) found.set('no-open-question', undefined);
  const hours = context.hoursSinceMeeting;
  if (hours !== undefined && hours < COACH_THRESHOLDS.tooSoonHours) found.set('too-soon', undefined);
  if ((context.unanswered ?? 0) >= 1) found.set('double-text', undefined);
  if (shape.tooLongFrom >= 0) found.set('too-long', { start: shape.tooLongFrom, end: shape.end });
  for (const [code, pattern] of FLAG_PATTERNS) {
    const match = pattern.exec(text);
    if (match) found.set(code, { start: match.index, end: match.index + match[0].length });
  }

  const flags: CoachFlag[] = [];
  let score = 100;
  for (const code of COACH_FLAGS) {
    if (!found.has(code)) continue;
    const rule = COACH_RULES[code];
    const message = fill(rule.message, shape, context);
    const flag: CoachFlag = { code, message, suggestion: fill(rule.suggestion, shape, context) };
    const span = found.get(code);
    if (span) flag.span = span;
    flags.push(flag);
    score -= rule.penalty;
  }
  return {
    verdict: flags.length === 0 ? 'send' : 'revise',
    score: Math.max(0, Math.min(100, Math.round(score))),
    flags,
  };
}

interface TextShape {
  start: number;
  end: number;
  words: number;
  /** Where the part past the too-long limits starts, or -1. */
  tooLongFrom: number;
}

/** The same characters as String.prototype.trim removes. */
function isSpace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13) || code === 0xa0) return true;
  if (code < 0x1680) return false;
  return (
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** One pass over the characters: trimmed bounds, word count and where a too-long draft goes over. */
function measureText(text: string): TextShape {
  let start = -1;
  let end = 0;
  let words = 0;
  let tooLongFrom = -1;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) continue;
    if (start < 0) start = i;
    if (i === 0 || isSpace(text.charCodeAt(i - 1))) {
      words++;
      if (words === COACH_THRESHOLDS.tooLongWords + 1) tooLongFrom = i;
    }
    end = i + 1;
  }
  const charLimit = start + COACH_THRESHOLDS.tooLongChars;
  if (start >= 0 && end > charLimit) {
    // The part past the character limit starts with the word that crosses it.
    let from = charLimit;
    while (from > start && !isSpace(text.charCodeAt(from - 1))) from--;
    while (isSpace(text.charCodeAt(from))) from++;
    if (tooLongFrom < 0 || from < tooLongFrom) tooLongFrom = from;
  }
  return { start: Math.max(start, 0), end, words, tooLongFrom };
}

function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/^'+|'+$/g, '');
}

/** Only greetings and filler ("hey", "what's up?", "hiii Sam :)"), whatever the punctuation and emoji. */
function isGeneric(text: string, words: number, theirName: string | undefined): boolean {
  if (words > COACH_THRESHOLDS.genericMaxWords) return false;
  const nameWords = theirName ? (theirName.match(WORD) ?? []).map(normalizeWord) : [];
  // Without their name, one capitalised word is taken for it: "Hey Sam!" is still only a greeting.
  let unnamed = theirName ? 0 : 1;
  for (const raw of text.match(WORD) ?? []) {
    const word = normalizeWord(raw);
    // "heyyy", "hiii", "yooo" are still greetings.
    if (GENERIC_WORDS.has(word) || GENERIC_WORDS.has(word.replace(/(.)\1+$/, '$1'))) continue;
    if (word === '' || nameWords.includes(word)) continue;
    if (unnamed > 0 && raw.charAt(0) !== raw.charAt(0).toLowerCase()) {
      unnamed--;
      continue;
    }
    return false;
  }
  return true;
}

function hasOpenQuestion(text: string): boolean {
  if (OPEN_REQUEST.test(text)) return true;
  let mark = text.indexOf('?');
  while (mark >= 0) {
    let from = mark;
    while (from > 0 && !'.!?\n'.includes(text.charAt(from - 1))) from--;
    if (from < mark) {
      const sentence = text.slice(from, mark);
      const open = OPEN_WORD.exec(sentence);
      if (open) {
        const closed = CLOSED_START.exec(sentence);
        if (!closed || open.index < closed.index) return true;
      }
    }
    mark = text.indexOf('?', mark + 1);
  }
  return false;
}

// Topics repeat from keystroke to keystroke: build each topic's patterns once. Bounded, as topics are user text.
const topicPatterns = new Map<string, readonly RegExp[]>();
const TOPIC_CACHE_LIMIT = 500;
const LETTER_CLASSES: Readonly<Record<string, string>> = {
  a: '[aàáâäãå]',
  e: '[eèéêë]',
  i: '[iìíîï]',
  o: '[oòóôöõø]',
  u: '[uùúûü]',
  c: '[cç]',
  n: '[nñ]',
};

// Letters and digits of the Latin, Greek and Cyrillic scripts. A small class on purpose: \p{L} with the
// `u` flag makes each topic's RegExp about 15 times slower to compile (0.5 ms instead of 30 µs).
const WORD_CHAR = '[a-z0-9\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff]';
const WORD_ENDINGS = `(?:${['e', 'es', 's', 'ed', 'd', 'er', 'ers', 'ing', 'y', 'ie', 'ies', 'ied']
  .map((ending) => [...ending].map((letter) => LETTER_CLASSES[letter] ?? letter).join(''))
  .join('|')})?`;

function mentionsConversation(text: string, topics: readonly string[] | undefined): boolean {
  if (topics === undefined || topics.length === 0) return REFERENCE.test(text);
  for (const topic of topics) {
    let patterns = topicPatterns.get(topic);
    if (!patterns) {
      if (topicPatterns.size >= TOPIC_CACHE_LIMIT) topicPatterns.clear();
      patterns = compileTopic(topic);
      topicPatterns.set(topic, patterns);
    }
    if (patterns.length > 0 && patterns.every((pattern) => pattern.test(text))) return true;
  }
  return false;
}

/** One pattern per significant word of the topic; each matches the word's plural and -ing forms too. */
function compileTopic(topic: string): RegExp[] {
  const folded = topic.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = (folded.match(WORD) ?? []).map(normalizeWord).filter((word) => word !== '');
  if (words.length === 0) {
    const literal = topic.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return literal === '' ? [] : [new RegExp(literal, 'i')];
  }
  const significant = words.filter((word) => !TOPIC_STOP_WORDS.has(word));
  return (significant.length > 0 ? significant : words).map(
    (word) => new RegExp(`(?<!${WORD_CHAR})${wordForms(word)}(?!${WORD_CHAR})`, 'i'),
  );
}

/** "hike" → hike, hikes, hiked, hiking; "party" → parties; "run" → running. Loose on purpose. */
function wordForms(word: string): string {
  const stem = stemWord(word);
  const letters = [...stem].map((letter) => LETTER_CLASSES[letter] ?? letter.replace(/[']/g, "['’]"));
  const last = letters.at(-1) ?? '';
  return `${letters.join('')}${last}?${WORD_ENDINGS}`;
}

function stemWord(word: string): string {
  if (!/^[a-z]+$/.test(word)) return word;
  let stem = word;
  if (stem.length > 4 && stem.endsWith('ies')) stem = stem.slice(0, -3);
  else if (stem.length > 5 && stem.endsWith('ing')) stem = stem.slice(0, -3).replace(/([^aeiou])\1$/, '$1');
  else if (stem.length > 4 && (stem.endsWith('es') || stem.endsWith('ed'))) stem = stem.slice(0, -2);
  else if (stem.length > 3 && stem.endsWith('s') && !stem.endsWith('ss')) stem = stem.slice(0, -1);
  else if (stem.length > 3 && (stem.endsWith('e') || stem.endsWith('y'))) stem = stem.slice(0, -1);
  return stem;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

function formatHours(hours: number): string {
  if (hours * 60 < 1) return 'moments';
  if (hours < 1) return plural(Math.round(hours * 60), 'minute');
  return plural(Math.round(hours * 10) / 10, 'hour');
}

function fill(template: string, shape: TextShape, context: CoachContext): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    if (name === 'unanswered') return plural(context.unanswered ?? 0, 'message');
    if (name === 'hours') return formatHours(context.hoursSinceMeeting ?? 0);
    if (name === 'words') return String(shape.words);
    if (name === 'chars') return String(shape.end - shape.start);
    if (name === 'topics') return context.topics?.length ? ` (${context.topics.slice(0, 3).join(', ')})` : '';
    return placeholder;
  });
}

const CONTEXT_FIELDS = ['theirName', 'topics', 'hoursSinceMeeting', 'unanswered'];
const MAX_TOPICS = 20;
const MAX_TEXT = 100;

/**
 * Parses a coach context from untrusted input (CLI flags, a request body). Absent or undefined fields
 * stay absent; every problem names its field and the fix.
 * @example
 * parseCoachContext({ topics: ['hiking'], hoursSinceMeeting: -2 })
 * // { ok: false, problems: [{ field: 'hoursSinceMeeting', message: 'hoursSinceMeeting must be a number of hours, 0 or more (got -2)' }] }
 */
export function parseCoachContext(input: unknown): Parsed<CoachContext> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ field: 'context', message: 'the context must be an object' }] };
  }
  const problems: Problem[] = [];
  const value: CoachContext = {};
  const { theirName, topics, hoursSinceMeeting, unanswered, ...rest } = input as Record<string, unknown>;
  for (const key of Object.keys(rest)) {
    problems.push({
      field: key,
      message: `unknown field '${key}': allowed are ${CONTEXT_FIELDS.join(', ')}`,
    });
  }
  if (typeof theirName === 'string' && theirName.length <= MAX_TEXT) value.theirName = theirName;
  else if (theirName !== undefined) {
    problems.push({
      field: 'theirName',
      message: `theirName must be a name of at most ${MAX_TEXT} characters (got ${describeValue(theirName)})`,
    });
  }
  if (topics !== undefined) {
    const problem = checkTopics(topics);
    if (problem) problems.push({ field: 'topics', message: problem });
    else value.topics = [...(topics as string[])];
  }
  if (typeof hoursSinceMeeting === 'number' && Number.isFinite(hoursSinceMeeting) && hoursSinceMeeting >= 0) {
    value.hoursSinceMeeting = hoursSinceMeeting;
  } else if (hoursSinceMeeting !== undefined) {
    problems.push({
      field: 'hoursSinceMeeting',
      message: `hoursSinceMeeting must be a number of hours, 0 or more (got ${describeValue(hoursSinceMeeting)})`,
    });
  }
  if (Number.isInteger(unanswered) && (unanswered as number) >= 0) value.unanswered = unanswered as number;
  else if (unanswered !== undefined) {
    problems.push({
      field: 'unanswered',
      message: `unanswered must be a whole number of messages, 0 or more (got ${describeValue(unanswered)})`,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

function checkTopics(topics: unknown): string | undefined {
  if (!Array.isArray(topics))
    return `topics must be a list of what you talked about (got ${describeValue(topics)})`;
  if (topics.length > MAX_TOPICS)
    return `topics may hold at most ${MAX_TOPICS} topics (got ${topics.length})`;
  for (const topic of topics) {
    if (typeof topic !== 'string' || topic.trim() === '' || topic.length > MAX_TEXT) {
      return `each topic must be a non-empty text of at most ${MAX_TEXT} characters (got ${describeValue(topic)})`;
    }
  }
  return undefined;
}
