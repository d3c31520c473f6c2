import {
  APPROACH_TIPS,
  ASK_LINES,
  ASK_TIPS,
  DEFAULT_PLATFORM,
  IF_ACCEPTED,
  IF_DECLINED,
} from './ask-phrasings.ts';
import { describeValue, type Parsed, type Problem } from './domain-error.ts';
import { APPROACHES, type Approach, ASK_REASONS, type AskReason, isOneOf } from './vocabulary.ts';

export interface AskInput {
  theirName?: string;
  myName?: string;
  reason: AskReason;
  /** The plan to coordinate; required when reason is `activity`. */
  activity?: string;
  approach: Approach;
  /** For `social`: where to connect (Instagram when not given). */
  platform?: string;
  /** For `friend`: the mutual friend's name. */
  friend?: string;
  /** Chooses among the phrasings; the same seed gives the same words. */
  seed?: number;
}

export interface AskLine {
  line: string;
  tips: string[];
  ifDeclined: string;
  ifAccepted: string;
}

/**
 * The ask composer: a direct, genuine line that gives a reason, delivery tips, and what to say
 * whatever the answer. Reproducible: the phrasing is chosen by `seed`.
 * @example
 * composeAsk({ theirName: 'Sam', reason: 'continue', approach: 'direct', seed: 0 }).line
 * // "Sam, I've really enjoyed talking to you. Can I get your number so we can continue this conversation later?"
 */
export function composeAsk(input: AskInput): AskLine {
  const seed = input.seed ?? 0;
  const fill = (template: string) => fillTemplate(template, input);
  return {
    line: fill(pick(ASK_LINES[input.approach][input.reason], seed)),
    tips: [...ASK_TIPS, APPROACH_TIPS[input.approach]],
    ifDeclined: pick(IF_DECLINED, seed),
    ifAccepted: fill(IF_ACCEPTED[input.approach][input.reason]),
  };
}

function pick<T>(choices: readonly T[], seed: number): T {
  const choice = choices[seed % choices.length];
  if (choice === undefined) throw new Error('a phrasing table is empty');
  return choice;
}

function fillTemplate(template: string, input: AskInput): string {
  const text = template
    .replaceAll('{hi}', input.theirName ? `${input.theirName}, ` : '')
    .replaceAll('{me}', input.myName ? ` I'm ${input.myName},` : '')
    .replaceAll('{activity}', input.activity ?? '')
    .replaceAll('{platform}', input.platform ?? DEFAULT_PLATFORM)
    .replaceAll('{friend}', input.friend ?? 'there')
    .replaceAll('{them}', input.theirName ?? 'them');
  // A line that opens without a name starts with a lower-case word from the table.
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const TEXT_LIMITS = { theirName: 60, myName: 60, activity: 120, platform: 40, friend: 60 } as const;

/**
 * Parses untrusted input into an AskInput; `reason` defaults to `continue`, `approach` to `direct`.
 * @example parseAskInput({ reason: 'activity' }) // not ok: activity is required with reason activity
 */
export function parseAskInput(input: unknown): Parsed<AskInput> {
  if (typeof input !== 'object' || input === null) {
    return { ok: false, problems: [{ field: 'ask', message: 'the ask must be an object' }] };
  }
  const { reason = 'continue', approach = 'direct', seed, ...texts } = input as Record<string, unknown>;
  const problems: Problem[] = [];
  const value: AskInput = { reason: 'continue', approach: 'direct' };
  if (isOneOf(ASK_REASONS, reason)) value.reason = reason;
  else
    problems.push({
      field: 'reason',
      message: `unknown reason ${describeValue(reason)}: allowed are ${ASK_REASONS.join(', ')}`,
    });
  if (isOneOf(APPROACHES, approach)) value.approach = approach;
  else
    problems.push({
      field: 'approach',
      message: `unknown approach ${describeValue(approach)}: allowed are ${APPROACHES.join(', ')}`,
    });
  if (seed !== undefined) {
    if (typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0) value.seed = seed;
    else
      problems.push({
        field: 'seed',
        message: `seed must be a whole number, 0 or more (got ${describeValue(seed)})`,
      });
  }
  for (const [field, text] of Object.entries(texts)) {
    if (!isOneOf(Object.keys(TEXT_LIMITS) as (keyof typeof TEXT_LIMITS)[], field)) {
      problems.push({
        field,
        message: `unknown field '${field}': allowed are reason, approach, seed, ${Object.keys(TEXT_LIMITS).join(', ')}`,
      });
      continue;
    }
    if (text === undefined) continue;
    const trimmed = typeof text === 'string' ? text.trim().replace(/\s+/g, ' ') : '';
    if (trimmed === '' || trimmed.length > TEXT_LIMITS[field]) {
      problems.push({
        field,
        message: `${field} must be text of 1 to ${TEXT_LIMITS[field]} characters (got ${describeValue(text)})`,
      });
    } else value[field] = trimmed;
  }
  if (
    value.reason === 'activity' &&
    value.activity === undefined &&
    !problems.some((p) => p.field === 'activity')
  ) {
    problems.push({
      field: 'activity',
      message: 'activity is required with reason \'activity\': name the plan, e.g. "that new cafe next week"',
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}
