import type { Cue, Phase, Verdict } from './vocabulary.ts';

/** What one cue means, in the guide's words. `weight` is how much rapport (or its absence) it shows. */
export interface CueRule {
  polarity: 'positive' | 'negative';
  weight: number;
  /** Enough on its own to end the question of asking: `let-it-be`. */
  decisive?: boolean;
  message: string;
  guide: string;
}

/**
 * The cue table. Laughing together and questions asked back weigh double: the guide names them as the
 * clearest signs of "a meaningful conversation, shared some laughs, and established a connection".
 */
export const CUE_RULES: Readonly<Record<Cue, CueRule>> = {
  'eye-contact': {
    polarity: 'positive',
    weight: 1,
    message: 'They are making eye contact.',
    guide: 'Are they making eye contact? A good sign they are comfortable and engaged.',
  },
  smiling: {
    polarity: 'positive',
    weight: 1,
    message: 'They are smiling.',
    guide: 'Are they smiling and laughing? A sign they are enjoying the conversation.',
  },
  laughing: {
    polarity: 'positive',
    weight: 2,
    message: 'You have shared some laughs.',
    guide: 'The best time is after a meaningful conversation where you have shared some laughs.',
  },
  'questions-back': {
    polarity: 'positive',
    weight: 2,
    message: 'They ask you questions in return.',
    guide: 'Are they asking you questions in return? They are open to further interaction.',
  },
  'leaning-in': {
    polarity: 'positive',
    weight: 1,
    message: 'They are leaning in.',
    guide: 'Pay attention to their body language: it shows their interest and comfort.',
  },
  'shared-interest': {
    polarity: 'positive',
    weight: 1,
    message: 'You found something you both care about.',
    guide: 'A shared topic gives you a genuine reason to continue the conversation later.',
  },
  lingering: {
    polarity: 'positive',
    weight: 1,
    message: 'They are staying longer than they had to.',
    guide: 'Look for signs that they are enjoying the conversation and engaged with you.',
  },
  'short-answers': {
    polarity: 'negative',
    weight: 1,
    message: 'Their answers are short.',
    guide: 'Gauge their level of interest: short answers suggest they are not engaged.',
  },
  'looking-away': {
    polarity: 'negative',
    weight: 1,
    message: 'They keep looking away.',
    guide: 'Pay attention to their body language and cues to gauge their interest and comfort.',
  },
  'checking-phone': {
    polarity: 'negative',
    weight: 1,
    message: 'They are checking their phone.',
    guide: 'Look for signs they are enjoying the conversation; attention elsewhere is not one.',
  },
  'closed-posture': {
    polarity: 'negative',
    weight: 1,
    message: 'Their posture is closed.',
    guide: 'Body language tells you their level of comfort: respect what it says.',
  },
  'in-a-hurry': {
    polarity: 'negative',
    weight: 1,
    message: 'They are in a hurry.',
    guide: 'They might simply be busy: respect their time and do not hold them up.',
  },
  'mentions-partner': {
    polarity: 'negative',
    weight: 2,
    message: 'They mentioned a partner.',
    guide: 'They might be in a relationship: respect their boundaries.',
  },
  uncomfortable: {
    polarity: 'negative',
    weight: 3,
    decisive: true,
    message: 'They seem uncomfortable.',
    guide: 'Always prioritize making them feel comfortable and respected: do not ask.',
  },
};

/** Thresholds of the advisor, in one place. */
export const MOMENT_THRESHOLDS = {
  /** "Avoid popping the question too early, like within the first few minutes." */
  earlyMinutes: 5,
  /** Positive weight that counts as rapport built (e.g. laughing + smiling, or three quieter cues). */
  rapportWeight: 3,
  /** "Don't wait too long either": past this, a flowing talk with weak signals calls for an offer. */
  longMinutes: 30,
} as const;

/** The situations the advisor tells apart, each with its verdict, why, and what to do now. */
export type MomentRuleId =
  | 'they-declined'
  | 'uncomfortable'
  | 'negatives-only'
  | 'too-early'
  | 'too-early-ending'
  | 'still-opening'
  | 'rapport-flowing'
  | 'rapport-long'
  | 'rapport-ending'
  | 'mixed-signals'
  | 'weak-signals'
  | 'weak-signals-long'
  | 'weak-signals-ending';

export interface MomentRule {
  verdict: Verdict;
  message: string;
  guide: string;
  next: string;
}

export const MOMENT_RULES: Readonly<Record<MomentRuleId, MomentRule>> = {
  'they-declined': {
    verdict: 'let-it-be',
    message: 'They said no when you asked before, and that answer stands.',
    guide: 'Respect their boundaries: if they say no, accept it graciously and do not ask again.',
    next: 'Don’t ask again. Enjoy the conversation for what it is; if they want to stay in touch, they will say so.',
  },
  uncomfortable: {
    verdict: 'let-it-be',
    message: 'They seem uncomfortable, and that settles it.',
    guide: 'Respect their boundaries; never pressure anyone into something they are not comfortable with.',
    next: 'Don’t ask. Be kind, wrap up warmly ("It was nice talking to you") and give them space.',
  },
  'negatives-only': {
    verdict: 'let-it-be',
    message: 'Only signs of disinterest so far, and none of enjoying the conversation.',
    guide: 'Pay attention to their cues to gauge their interest; respect it if they are not interested.',
    next: 'Let it be: end on a friendly note ("Nice chatting — enjoy your day") and move on with dignity.',
  },
  'too-early': {
    verdict: 'wait',
    message: 'It is only the first few minutes.',
    guide: 'Avoid popping the question within the first few minutes: it can come across as too forward.',
    next: 'Keep talking: ask them something about themselves and listen for a shared interest.',
  },
  'too-early-ending': {
    verdict: 'offer-instead',
    message: 'The conversation is ending after only a few minutes.',
    guide: 'Too early to ask, but offering your number puts the ball in their court, low pressure.',
    next: "Offer yours instead: \"I've enjoyed talking to you. I'm [your name], here's my number — text me sometime.\"",
  },
  'still-opening': {
    verdict: 'wait',
    message: 'The conversation is still in its opening.',
    guide: 'Focus on building rapport first; nurture the seed a little before you expect it to grow.',
    next: 'Keep it going: ask an open question about what they just said and see if it starts to flow.',
  },
  'rapport-flowing': {
    verdict: 'ask-now',
    message: 'Rapport is there and the conversation is flowing.',
    guide:
      'Ask when you have had a meaningful conversation, shared some laughs and established a connection.',
    next: 'Ask now, directly and with a reason: "I\'ve really enjoyed talking to you. Can I get your number so we can continue this conversation later?"',
  },
  'rapport-long': {
    verdict: 'ask-now',
    message: 'You have been talking a long time, with rapport.',
    guide:
      "Don't wait too long either: strike a balance between building a connection and seizing the moment.",
    next: 'Ask now, before the conversation winds down: "I\'ve really enjoyed talking to you. Can I get your number so we can continue this later?"',
  },
  'rapport-ending': {
    verdict: 'ask-before-it-ends',
    message: 'The conversation is winding down and rapport is there.',
    guide: 'If the conversation is winding down, seize the moment before it feels awkward.',
    next: 'Ask before it ends: "Before you go — I\'ve really enjoyed this. Can I get your number so we can pick this up later?"',
  },
  'mixed-signals': {
    verdict: 'offer-instead',
    message: 'The signals are mixed.',
    guide: 'To gauge their interest first, offer your number instead: it puts the ball in their court.',
    next: 'Offer yours: "I\'ve enjoyed talking. Here\'s my number — feel free to text me sometime." Or suggest connecting on Instagram.',
  },
  'weak-signals': {
    verdict: 'wait',
    message: 'Rapport is not built yet.',
    guide: 'Look for signs they are enjoying the conversation: eye contact, smiles, laughs, questions back.',
    next: 'Keep talking and watch for their cues: ask an open question and listen.',
  },
  'weak-signals-long': {
    verdict: 'offer-instead',
    message: 'You have talked a while and the signals are still weak.',
    guide: 'When you want to gauge their interest first, offering your number is a low-pressure way.',
    next: "Offer yours: \"I've enjoyed this. Here's my number — text me sometime if you'd like.\" Then let them decide.",
  },
  'weak-signals-ending': {
    verdict: 'offer-instead',
    message: 'The conversation is winding down without clear signs of rapport.',
    guide: 'Offering your number instead is a low-pressure way to express interest without being pushy.',
    next: 'Offer yours as you part: "Here\'s my number — feel free to text me sometime." No pressure.',
  },
};

/** Which rule applies, by phase, once neither discomfort nor plain disinterest has settled it. */
export const PHASE_RULES: Readonly<
  Record<Phase, { early: MomentRuleId; rapport: MomentRuleId; mixed: MomentRuleId; weak: MomentRuleId }>
> = {
  opening: { early: 'too-early', rapport: 'still-opening', mixed: 'still-opening', weak: 'still-opening' },
  flowing: { early: 'too-early', rapport: 'rapport-flowing', mixed: 'mixed-signals', weak: 'weak-signals' },
  'winding-down': {
    early: 'too-early-ending',
    rapport: 'rapport-ending',
    mixed: 'mixed-signals',
    weak: 'weak-signals-ending',
  },
};
