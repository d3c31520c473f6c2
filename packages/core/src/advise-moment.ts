import { describeValue, type Parsed, type Problem, unwrapParsed } from './domain-error.ts';
import {
  CUE_RULES,
  MOMENT_RULES,
  MOMENT_THRESHOLDS,
  type MomentRuleId,
  PHASE_RULES,
} from './moment-rules.ts';
import { CUES, type Cue, isOneOf, PHASES, type Phase, type Verdict } from './vocabulary.ts';

export interface MomentInput {
  /** Minutes since the conversation started, 0 or more. */
  minutes: number;
  phase: Phase;
  /** Cues seen so far; repeats count once. */
  cues: readonly Cue[];
  /** The person declined when asked before: nothing suggests asking them again. */
  declined?: boolean;
}

/** Why the advisor says what it says: the rule or cue it comes from, and the guide's idea in plain words. */
export interface Reason {
  kind: 'rule' | 'cue';
  /** A rule id (`too-early`, `rapport-flowing`, …) or a cue (`laughing`, …). */
  id: string;
  message: string;
  guide: string;
}

export interface Advice {
  verdict: Verdict;
  reasons: Reason[];
  /** The concrete thing to do or say now. */
  next: string;
}

/**
 * The moment advisor: from minutes elapsed, the phase and the cues tapped, whether to ask now.
 * The first reason is the deciding rule; the others are the cues behind it.
 * @example
 * adviseMoment({ minutes: 12, phase: 'flowing', cues: ['laughing', 'questions-back'] }).verdict // 'ask-now'
 */
export function adviseMoment(input: MomentInput): Advice {
  const ruleId = decideMomentRule(input);
  const rule = MOMENT_RULES[ruleId];
  const reasons: Reason[] = [{ kind: 'rule', id: ruleId, message: rule.message, guide: rule.guide }];
  const seen = new Set<Cue>();
  for (const cue of input.cues) {
    if (seen.has(cue)) continue;
    seen.add(cue);
    const cueRule = CUE_RULES[cue];
    reasons.push({ kind: 'cue', id: cue, message: cueRule.message, guide: cueRule.guide });
  }
  return { verdict: rule.verdict, reasons, next: rule.next };
}

/** Which rule of MOMENT_RULES applies to this moment. */
export function decideMomentRule({ minutes, phase, cues, declined }: MomentInput): MomentRuleId {
  if (declined) return 'they-declined';
  let positive = 0;
  let negative = 0;
  let seenMask = 0;
  for (const cue of cues) {
    const bit = 1 << CUE_INDEX[cue];
    if (seenMask & bit) continue;
    seenMask |= bit;
    const rule = CUE_RULES[cue];
    if (rule.decisive) return 'uncomfortable';
    if (rule.polarity === 'positive') positive += rule.weight;
    else negative += rule.weight;
  }
  if (negative > 0 && positive === 0) return 'negatives-only';
  const rules = PHASE_RULES[phase];
  if (minutes < MOMENT_THRESHOLDS.earlyMinutes) return rules.early;
  if (negative > 0) return rules.mixed;
  if (positive >= MOMENT_THRESHOLDS.rapportWeight) {
    return phase === 'flowing' && minutes >= MOMENT_THRESHOLDS.longMinutes ? 'rapport-long' : rules.rapport;
  }
  return phase === 'flowing' && minutes >= MOMENT_THRESHOLDS.longMinutes ? 'weak-signals-long' : rules.weak;
}

const CUE_INDEX = Object.fromEntries(CUES.map((cue, index) => [cue, index])) as Record<Cue, number>;

/**
 * Parses untrusted input (a request body, CLI flags) into a MomentInput, naming every bad field.
 * @example parseMomentInput({ minutes: 3, phase: 'opening', cues: ['smiling'] })
 */
export function parseMomentInput(input: unknown): Parsed<MomentInput> {
  const problems: Problem[] = [];
  if (typeof input !== 'object' || input === null) {
    return { ok: false, problems: [{ field: 'moment', message: 'the moment must be an object' }] };
  }
  const { minutes, phase, cues = [], ...rest } = input as Record<string, unknown>;
  for (const key of Object.keys(rest)) {
    problems.push({ field: key, message: `unknown field '${key}': allowed are minutes, phase, cues` });
  }
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
    problems.push({
      field: 'minutes',
      message: `minutes must be a number of minutes, 0 or more (got ${describeValue(minutes)})`,
    });
  }
  if (!isOneOf(PHASES, phase)) {
    problems.push({
      field: 'phase',
      message: `unknown phase ${describeValue(phase)}: allowed are ${PHASES.join(', ')}`,
    });
  }
  if (!Array.isArray(cues)) {
    problems.push({ field: 'cues', message: 'cues must be a list of cues' });
  } else {
    for (const cue of cues) {
      if (!isOneOf(CUES, cue)) {
        problems.push({
          field: 'cues',
          message: `unknown cue ${describeValue(cue)}: allowed are ${CUES.join(', ')}`,
        });
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { minutes: minutes as number, phase: phase as Phase, cues: cues as Cue[] } };
}

/** adviseMoment for untrusted input: throws a DomainError naming the first bad field. */
export function adviseUntrustedMoment(input: unknown): Advice {
  return adviseMoment(unwrapParsed(parseMomentInput(input)));
}
