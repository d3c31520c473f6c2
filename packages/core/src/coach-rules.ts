import type { CoachFlagCode } from './vocabulary.ts';

/**
 * What the coach says about one flag, and how it finds it. Messages and suggestions may hold
 * `{unanswered}`, `{hours}`, `{words}`, `{chars}` and `{topics}`, filled from the draft and its context.
 */
export interface CoachRule {
  message: string;
  suggestion: string;
  /** Points taken off the score of 100 when the flag is present. */
  penalty: number;
  /**
   * The flag is raised when one of these appears; its span is the first match. Word phrases are regex
   * fragments, case-insensitive, matched on word boundaries: a space matches any whitespace and an
   * apostrophe matches ' or ’ or nothing ("cant", "I’m").
   */
  phrases?: readonly string[];
  /** Raw regex fragments matched anywhere, for punctuation ("???", "!!!"). */
  patterns?: readonly string[];
}

export const COACH_THRESHOLDS = {
  /** The guide: "wait a few hours or even until the next day". */
  tooSoonHours: 3,
  tooLongWords: 60,
  tooLongChars: 320,
  /** Longer than this is never only a greeting, whatever the words. */
  genericMaxWords: 12,
} as const;

export const COACH_RULES: Readonly<Record<CoachFlagCode, CoachRule>> = {
  generic: {
    message:
      'This is only a greeting. The guide warns that generic or boring messages will likely turn them off.',
    suggestion:
      'Say what you remember from your conversation, e.g. "It was great meeting you earlier! I was just thinking about what you said about …", then ask about it.',
    penalty: 30,
  },
  'no-shared-topic': {
    message:
      'It refers to nothing you talked about. The guide: reference something from your conversation, it shows you were paying attention.',
    suggestion:
      'Bring up one thing you talked about{topics}, e.g. "I was just thinking about what you said about …".',
    penalty: 20,
  },
  'no-open-question': {
    message:
      'There is no open question, so nothing invites them to share more: yes/no questions end a conversation. The guide: ask open-ended questions.',
    suggestion: 'Ask something that starts with how, what or why, e.g. "How did you first get into …?"',
    penalty: 15,
  },
  'too-soon': {
    message:
      'You met only {hours} ago. The guide: avoid texting right after you part ways, it might come across as too eager.',
    suggestion:
      'Keep this as a draft and send it in a few hours or tomorrow (at least 3 hours after meeting).',
    penalty: 10,
  },
  pressure: {
    message:
      'It puts pressure on them with guilt, insistence or a demand. Replying is their choice; the guide asks you to respect their decision.',
    suggestion:
      'Remove the demand. Send one light, friendly message that is easy to answer, or wait for them to reach out.',
    penalty: 45,
    phrases: [
      "why (?:haven't|didn't|aren't|won't) you(?: (?:answer|reply|respond|text|answered|replied|responded|texted|written|messaged|called|answering|replying|responding|texting))?",
      'answer me',
      'reply to me',
      'text me back',
      'just (?:reply|answer|respond|text back)',
      'reply already',
      '(?:are you|stop|quit) ignoring me',
      "(?:i've|i have|i've been|i have been|been) waiting",
      'you owe me',
      'you never (?:reply|answer|respond|text)',
      'too (?:busy|good) for me',
      "i guess you(?:'re| are) not interested",
      'fine,? whatever',
      'left me on (?:read|seen)',
      'did you (?:even )?(?:get|see|read) my (?:last )?(?:message|text)',
      'you could at least',
      "it's rude not to",
    ],
    patterns: ['\\bhel+o+\\?', '\\?{2,}', '!{3,}'],
  },
  'double-text': {
    message:
      'You already have {unanswered} unanswered. Sending more before they reply can feel like pressure.',
    suggestion:
      'Give them space: wait for their reply. If none comes after a few days, one light message is plenty; then let it be.',
    penalty: 20,
  },
  'too-long': {
    message:
      'It is a wall of text ({words} words, {chars} characters) for a short first message: hard to read and hard to answer.',
    suggestion:
      'Keep it to two or three sentences, under 60 words: one thing you remember from the conversation and one open question.',
    penalty: 10,
  },
  apologetic: {
    message:
      'It undercuts itself: apologising for writing tells them the message is not worth reading. They gave you their number.',
    suggestion:
      'Drop the apology and the self-doubt; say what you enjoyed and ask your question with confidence.',
    penalty: 15,
    phrases: [
      'sorry (?:to|for) (?:bother|bothering|disturb|disturbing|bug|bugging|texting|messaging) you',
      'sorry if this (?:is|seems|sounds) (?:weird|random|awkward|strange|too much|creepy)',
      'sorry for (?:the )?(?:random|late|long|weird) (?:text|message)',
      'this (?:is|might be|may be|sounds) (?:probably |so |really |kind of |kinda )?(?:stupid|dumb|weird|silly|lame)',
      "you (?:probably |might |may )?(?:don't|won't|not) remember me",
      'not sure (?:if|whether) you remember',
      'feel free to ignore',
      '(?:you can|just) ignore this',
      "i know you(?:'re| are) (?:probably |really |so )?busy",
      'no pressure(?:,? (?:lol|haha))?,? but',
      "i'm (?:so |really )?(?:bad|terrible|awful) at (?:texting|this)",
      "i (?:don't|didn't) want to bother you",
      "i hope this (?:isn't|is not) (?:weird|awkward)",
    ],
  },
  'too-strong': {
    message:
      'It comes on too strong for this stage. The guide asks "Did I come on too strong?": big feelings this early can make them uncomfortable.',
    suggestion:
      'Keep it light: say you enjoyed talking and suggest something to do together, e.g. "Would you be interested in joining me?"',
    penalty: 40,
    phrases: [
      "(?:can't|cannot) stop thinking (?:about|of) you",
      "(?:i think )?i(?:'m| am) (?:falling )?in love",
      'lo+ve (?:you|u|ya)(?! to\\b)',
      'soul(?: )?mates?',
      'meant to be',
      'marry me',
      'miss (?:you|u) (?:so much|already|like crazy)',
      'dream(?:ed|t) (?:about|of) you',
      'obsessed with you',
      "you(?:'re| are) (?:so )?perfect",
      'babe',
      'love of my life',
      'my future (?:wife|husband|partner)',
      "you(?:'re| are) all i (?:think|thought) about",
      'i need you(?! to\\b)',
    ],
  },
};

/** Greeting and filler words: a draft made only of these (and their name) is `generic`. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  ...['hey', 'hi', 'hello', 'hiya', 'heya', 'howdy', 'yo', 'sup', 'wassup', 'wazzup', 'whassup', 'there'],
  ...["what's", 'whats', 'what', 'up', 'how', "how's", 'hows', 'are', 'r', 'you', 'u', 'ya', 'doing'],
  ...[
    'going',
    'it',
    'is',
    'things',
    'good',
    'morning',
    'evening',
    'afternoon',
    'night',
    'gm',
    'hope',
    'your',
  ],
  ...[
    'ur',
    'day',
    'week',
    'well',
    'lol',
    'haha',
    'hehe',
    'lmao',
    'oh',
    'ok',
    'okay',
    'so',
    'just',
    'checking',
  ],
  ...[
    'in',
    'saying',
    'wyd',
    'hru',
    'wbu',
    'and',
    'to',
    'been',
    'long',
    'time',
    'no',
    'see',
    'stranger',
    'all',
  ],
  ...['a', 'the', 'new', 'with', 'whatcha', 'doin', 'hm', 'hmm'],
]);

/** Words that open a question up: "how did you…", "what's your favourite…". */
export const OPEN_QUESTION_WORDS = ['what', 'how', 'why', 'which', 'where', 'when', 'who', 'whose'] as const;

/** Words that start a yes/no question: "do you…", "would you…", "you like jazz?". */
export const CLOSED_QUESTION_STARTS = [
  ...['do', 'does', 'did', 'are', 'is', 'am', 'would', 'can', 'could', 'will', 'have', 'has', 'should'],
  ...['was', 'were', 'wanna', 'want to', 'you', 'u', 'shall', 'may', 'might', "don't", "didn't", "doesn't"],
  ...["aren't", "isn't", "won't", "wouldn't", "can't", "couldn't", "haven't", 'any chance', 'up for'],
] as const;

/** Words that may precede a question's start without changing it: "So, what…", "Hey, do you…". */
export const QUESTION_LEAD_WORDS = [
  ...['hey', 'hi', 'so', 'and', 'but', 'also', 'anyway', 'btw', 'ok', 'okay', 'oh', 'well', 'then', 'hmm'],
  ...[
    'haha',
    'lol',
    'by the way',
    'quick question',
    'random question',
    'honestly',
    'seriously',
    'out of curiosity',
  ],
] as const;

/** Requests that are open questions without a "?": "Tell me more about the festival." */
export const OPEN_REQUEST_PHRASES = [
  'tell me (?:more )?about',
  'tell me (?:more|everything)',
  "i'd love to hear (?:more|about|how|what|why)",
  'i would love to hear (?:more|about|how|what|why)',
  "i'm curious (?:about|how|what|why)",
] as const;

/** Words that carry no topic: "the new cafe" is mentioned when "new" and "cafe" are. */
export const TOPIC_STOP_WORDS: ReadonlySet<string> = new Set([
  ...['the', 'a', 'an', 'of', 'and', 'or', 'my', 'your', 'our', 'their', 'his', 'her', 'at', 'in', 'on'],
  ...['to', 'for', 'with', 'about', 'that', 'this', 'those', 'these', 'from', 'by', 'it', 'its', 'is'],
]);

/** Clear references to the conversation, for when no topics are given: "what you said about…". */
export const CONVERSATION_REFERENCE_PHRASES = [
  'you (?:said|mentioned|told me|brought up|recommended|suggested)',
  'you were (?:saying|telling me|talking about|mentioning)',
  'we (?:talked|were talking|spoke|chatted) about',
  'we discussed',
  'our (?:chat|conversation|talk) about',
  'like you said',
  'as you said',
  'your (?:story|recommendation|tip) about',
] as const;
