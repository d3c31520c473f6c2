/**
 * The follow-up planner's rules and phrasings, as data (the guide's "What to Do After You Get the
 * Number"). Tune the plan here; `plan-follow-up.ts` only reads these tables.
 */
export const FOLLOW_UP_RULES = {
  /** "Avoid texting them immediately… wait a few hours or even until the next day." */
  firstTextDelayHours: 3,
  /** The first-text window closes at the end of the local day after the meeting. */
  firstTextWindowDays: 1,
  /** The suggested first-text time is the earliest time rounded up to a tidy clock time. */
  suggestedRoundingMinutes: 30,
  /** Check-ins go out at this local time: after work, before the evening is busy. */
  checkInTime: '18:30',
  /**
   * Calendar days between check-ins (the first counted from the first text). "At least once or twice a
   * week": every gap stays within 3 to 7 days.
   */
  cadenceGapsDays: [3, 4, 5, 7],
  /** The second check-in suggests a meetup: "use texting as an opportunity to plan a future meetup". */
  meetupAtIndex: 1,
  /** Unanswered messages before the plan pauses, then stops: respect their decision, don't pressure. */
  unanswered: { pause: 2, stop: 3 },
  /** Long topics and names are shortened in drafts so a first message stays short (under 60 words). */
  draftTopicWords: 8,
  draftNameWords: 3,
} as const;

/** Phrasings with and without a topic from the conversation. */
export interface TopicPhrasings {
  withTopic: readonly string[];
  withoutTopic: readonly string[];
}

/** Which sentence of advice the plan gives. */
export type FollowUpAdviceKind =
  | 'first-text'
  | 'awaiting-reply'
  | 'paused'
  | 'stopped'
  | 'meetup-planned'
  | 'declined';

/**
 * Draft phrasings. Placeholders: {greeting} ("Hey Sam" or "Hey"), {when} (how long ago you met),
 * {topic}, {question}. Every draft references the conversation, asks an open question and carries no
 * pressure, apology or big feelings (the coach's flags).
 */
export const FOLLOW_UP_PHRASES = {
  /** By local calendar days between meeting and the suggested first text: 0, 1, 2 or more. */
  sinceMeeting: ['earlier', 'yesterday', 'the other day'],
  firstMessage: {
    withTopic: [
      '{greeting}, it was great meeting you {when}! I was just thinking about what you said about {topic}. {question}',
      '{greeting}, I really enjoyed our chat {when}! I keep thinking about what you said about {topic}. {question}',
      "{greeting}, so glad we got talking {when}! I'm still thinking about what you said about {topic}. {question}",
    ],
    withoutTopic: [
      '{greeting}, it was great meeting you {when}! I was just thinking about our conversation. {question}',
      '{greeting}, I really enjoyed our conversation {when}! {question}',
    ],
  },
  openQuestion: {
    withTopic: [
      'How did you get into it?',
      'What got you started with it?',
      'What do you enjoy most about it?',
    ],
    withoutTopic: [
      'What are you looking forward to this week?',
      "What's keeping you busy these days?",
      'How has the rest of your week been?',
    ],
  },
  checkIn: {
    withTopic: [
      '{greeting}, I came across something about {topic} and thought of what you said. How has your week been?',
      "{greeting}! You mentioned {topic} when we met. What's new with it this week?",
      "{greeting}, how's your week going? What's the latest with {topic}?",
    ],
    withoutTopic: [
      "{greeting}, how's your week going? What have you been up to?",
      "{greeting}! What's been the best part of your week so far?",
      '{greeting}, hope your week is going well. What are you up to this weekend?',
    ],
  },
  meetup: {
    withTopic: [
      "{greeting}, I'd love to keep talking about {topic} over coffee. Would you be interested in meeting up next week? Which day works for you?",
      "{greeting}, I'm planning to check out something to do with {topic} next weekend. Would you be interested in joining me? Which day works for you?",
      '{greeting}, how about we continue our conversation about {topic} over a drink next week? Which evening suits you?',
    ],
    withoutTopic: [
      "{greeting}, I'd love to continue our conversation over coffee. Would you be interested in meeting up next week? Which day works for you?",
      '{greeting}, how about we grab a drink next week and keep talking? Which evening suits you?',
    ],
  },
  /** Placeholders: {earliest}, {latest}, {suggested}, {next} (local "YYYY-MM-DD HH:MM"), {timeZone}, {unanswered}. */
  advice: {
    'first-text':
      'Give it a few hours: send your first text between {earliest} and {latest} ({timeZone} time), ideally around {suggested}, and mention something you talked about.',
    'awaiting-reply':
      'Your last message is still unanswered, so wait for their reply instead of texting again; if none comes, one light check-in around {next} is plenty.',
    paused:
      'With {unanswered} messages unanswered, give them space: send nothing more for now, and pick the conversation up again only if they write back.',
    stopped:
      'After {unanswered} unanswered messages the plan stops suggesting messages: the ball is in their court, and respecting their silence is the kind thing to do.',
    'meetup-planned':
      'You have a meetup planned, so there are no more check-ins to schedule: enjoy it and be yourself.',
    declined:
      'They said no, so nothing is planned and Rapport will not suggest asking again. Respecting it is the kind thing to do; if they give you their number one day, record that and the plan starts again.',
  } satisfies Record<FollowUpAdviceKind, string>,
} as const;
