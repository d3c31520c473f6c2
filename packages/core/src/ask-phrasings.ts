import type { Approach, AskReason } from './vocabulary.ts';

/**
 * The composer's phrasings, as data. Placeholders: {hi} (their name and a comma, or nothing), {me}
 * (" I'm Alex," or nothing), {activity}, {platform}, {friend}, {them}. Every line is direct, genuine
 * and gives its reason, as the guide asks; `friend` lines are said to the mutual friend.
 */
export const ASK_LINES: Readonly<Record<Approach, Readonly<Record<AskReason, readonly string[]>>>> = {
  direct: {
    continue: [
      "{hi}I've really enjoyed talking to you. Can I get your number so we can continue this conversation later?",
      '{hi}this has been a great conversation. Could I get your number so we can pick it up another time?',
      "{hi}I'd love to keep talking. Can I get your number so we can continue this later?",
    ],
    activity: [
      "{hi}I'm planning to check out {activity}. Can I get your number so we can coordinate?",
      "{hi}I've really enjoyed talking to you, and I'm going to {activity}. Can I get your number so we can coordinate?",
      "{hi}you'd like {activity}, I think. Can I get your number so we can plan it?",
    ],
  },
  offer: {
    continue: [
      "{hi}I've really enjoyed talking to you.{me} here's my number. Feel free to text me sometime.",
      "{hi}this was fun.{me} here's my number, text me sometime if you'd like to keep talking.",
      "{hi}I'd be glad to continue this.{me} here's my number. No pressure, text me whenever.",
    ],
    activity: [
      "{hi}I'm planning to check out {activity}.{me} here's my number, text me if you'd like to come.",
      "{hi}I've enjoyed talking to you.{me} here's my number: text me if you fancy {activity}.",
    ],
  },
  social: {
    continue: [
      "{hi}are you on {platform}? I'd love to connect with you there.",
      "{hi}I've really enjoyed this. Are you on {platform}? I'd love to connect there and keep in touch.",
    ],
    activity: [
      "{hi}are you on {platform}? I'd love to connect there, and I'll share the details of {activity}.",
      "{hi}I'm going to {activity}. Are you on {platform}? Let's connect there so we can coordinate.",
    ],
  },
  friend: {
    continue: [
      "Hi {friend}, I really enjoyed talking with {them}. Would you ask if they'd be happy to swap numbers with me? Totally fine if not.",
      "Hi {friend}, {them} and I had a great conversation. Could you ask if they'd like to keep in touch? No pressure on them at all.",
    ],
    activity: [
      "Hi {friend}, I really enjoyed talking with {them}, and I think they would like {activity}. Would you ask if they'd be happy to swap numbers so we can coordinate? Totally fine if not.",
    ],
  },
};

/** Delivery tips from "The Art of Asking", then one for the approach. */
export const ASK_TIPS: readonly string[] = [
  'Smile when you ask: it shows you are confident and approachable.',
  'Make eye contact as you ask.',
  "Don't look down or fidget; even if you are nervous inside, keep your hands and voice calm.",
  'Respect their answer, whatever it is. A "no" is a complete answer.',
];

export const APPROACH_TIPS: Readonly<Record<Approach, string>> = {
  direct: 'Be direct and give your reason; no need to beat around the bush.',
  offer: 'Then let it go: offering your number puts the ball in their court.',
  social: 'If they would rather not connect, that is fine: no follow-up question.',
  friend: 'Let your friend ask them first; nothing of theirs reaches you unless they agree.',
};

/** The gracious answer to a decline, from "Handling Rejection Gracefully". Never pleads. */
export const IF_DECLINED: readonly string[] = [
  'No worries, maybe another time.',
  'No worries at all, it was really nice talking to you.',
  'No worries, maybe another time. Enjoy the rest of your day!',
];

export const IF_ACCEPTED: Readonly<Record<Approach, Readonly<Record<AskReason, string>>>> = {
  direct: {
    continue: "Great! I'll text you so you have mine too.",
    activity: "Great! I'll text you about {activity} so you have mine too.",
  },
  offer: {
    continue: 'Great, I look forward to hearing from you.',
    activity: 'Great, text me if you would like to join for {activity}.',
  },
  social: {
    continue: "Great! What's your handle? I'll follow you now.",
    activity: "Great! What's your handle? I'll send you the details of {activity}.",
  },
  friend: {
    continue: 'Thank you! Let me know what they say; either answer is fine.',
    activity: 'Thank you! Let me know what they say about {activity}; either answer is fine.',
  },
};

/** The platform named when `social` is chosen without one: the guide's own example. */
export const DEFAULT_PLATFORM = 'Instagram';
