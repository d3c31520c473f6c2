import { adviseMoment } from './advise-moment.ts';
import { CUE_RULES } from './moment-rules.ts';
import type { Approach, Cue, Outcome, Phase } from './vocabulary.ts';

export interface ReflectContext {
  theirName?: string;
  /** Minutes into the conversation when you asked. */
  minutes?: number;
  phase?: Phase;
  cues?: readonly Cue[];
  approach?: Approach;
}

export interface ReflectionQuestion {
  id: 'too-strong' | 'enough-rapport' | 'boundaries';
  question: string;
  /** What the moment itself suggests, when the context tells something; never a verdict on you. */
  hint?: string;
}

export interface Reflection {
  outcome: Outcome;
  /** The gracious thing to say now. */
  line: string;
  /** A kind word for afterwards. */
  note: string;
  /** The guide's reflection questions; only after a decline. */
  questions: ReflectionQuestion[];
}

const LINES: Readonly<Record<Outcome, { line: string; note: string }>> = {
  'gave-number': {
    line: "Great, thank you! I'll text you.",
    note: 'Wait a few hours, or until tomorrow, then text them about something you talked about.',
  },
  'took-mine': {
    line: 'Great, text me whenever you like.',
    note: 'The ball is in their court now: no need to chase. Enjoy the rest of your day.',
  },
  'connected-social': {
    line: 'Great, talk to you there!',
    note: 'Follow up there the way you would by text: reference what you talked about and ask an open question.',
  },
  'via-friend': {
    line: 'Thank you! Let me know what they say; either answer is fine.',
    note: 'Your friend will ask them. Whatever they decide, respect it.',
  },
  declined: {
    line: 'No worries, maybe another time.',
    note: 'It might not have anything to do with you: they might be in a relationship, busy, or simply not feel a connection. Walk away with dignity, and don’t dwell on it.',
  },
  'another-time': {
    line: 'Sounds good, maybe another time.',
    note: 'They left the door open. Leave it with them; if you meet again, you will know the moment.',
  },
  'not-asked': {
    line: 'It was really nice talking to you. Enjoy the rest of your day!',
    note: 'Not every conversation needs to end with a number. Reading the moment is a skill too.',
  },
};

/**
 * The gracious line for the moment after an ask, and after a decline the guide's reflection
 * questions: too strong? enough rapport? their boundaries? No blame, only things to notice.
 * @example reflect('declined', { minutes: 3, phase: 'opening' }).questions.map((q) => q.id)
 * // ['too-strong', 'enough-rapport', 'boundaries']
 */
export function reflect(outcome: Outcome, context: ReflectContext = {}): Reflection {
  const { line, note } = LINES[outcome];
  const reflection: Reflection = { outcome, line, note, questions: [] };
  if (outcome !== 'declined') return reflection;
  reflection.questions = [
    withHint({ id: 'too-strong', question: 'Did you come on too strong?' }, tooStrongHint(context)),
    withHint(
      { id: 'enough-rapport', question: 'Did you build enough rapport before asking?' },
      rapportHint(context),
    ),
    withHint({ id: 'boundaries', question: 'Did you respect their boundaries?' }, boundariesHint(context)),
  ];
  return reflection;
}

function withHint(question: ReflectionQuestion, hint: string | undefined): ReflectionQuestion {
  return hint === undefined ? question : { ...question, hint };
}

function tooStrongHint({ approach, cues = [] }: ReflectContext): string | undefined {
  const mixed = cues.some((cue) => CUE_RULES[cue].polarity === 'negative');
  if (approach === 'direct' && mixed) {
    return 'With mixed signals, offering your number is a lower-pressure way that leaves the choice with them.';
  }
  return undefined;
}

function rapportHint({ minutes, phase, cues = [] }: ReflectContext): string | undefined {
  if (minutes === undefined || phase === undefined) return undefined;
  const advice = adviseMoment({ minutes, phase, cues });
  if (advice.verdict === 'ask-now' || advice.verdict === 'ask-before-it-ends') {
    return 'The signs you noticed were good ones; sometimes the answer is no for reasons of their own.';
  }
  const reason = advice.reasons[0];
  return `At that moment the advisor would have said ${advice.verdict}: ${reason?.message ?? ''} ${reason?.guide ?? ''}`.trim();
}

function boundariesHint({ cues = [] }: ReflectContext): string | undefined {
  const negatives = [...new Set(cues)].filter((cue) => CUE_RULES[cue].polarity === 'negative');
  if (negatives.length === 0) return undefined;
  const seen = negatives.map((cue) => CUE_RULES[cue].message.replace(/\.$/, '').toLowerCase());
  return `You noticed: ${seen.join('; ')}. Signs like these can mean they had reasons of their own.`;
}
