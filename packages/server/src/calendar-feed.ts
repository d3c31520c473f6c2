import ical from 'ical-generator';

/** What the feed shows of a pending reminder. */
export interface FeedReminder {
  id: string;
  kind: 'first-text' | 'check-in' | 'suggest-meetup' | 'meetup' | 'custom';
  title: string;
  draft: string | null;
  dueAt: string;
  snoozedUntil: string | null;
  personName: string | null;
}

/** The reminders the feed carries: due follow-ups and planned meetups. */
export const FEED_REMINDER_KINDS = ['first-text', 'check-in', 'suggest-meetup', 'meetup'] as const;

const MINUTE = 60 * 1000;

/** Each kind as a calendar line: what to do, and how long to block for it. */
const EVENT_BY_KIND: Record<FeedReminder['kind'], { summary: (name: string) => string; minutes: number }> = {
  'first-text': { summary: (name) => `Text ${name}`, minutes: 15 },
  'check-in': { summary: (name) => `Check in with ${name}`, minutes: 15 },
  'suggest-meetup': { summary: (name) => `Suggest meeting up to ${name}`, minutes: 15 },
  meetup: { summary: (name) => `Meet ${name}`, minutes: 60 },
  custom: { summary: (name) => name, minutes: 15 },
};

/**
 * The account's follow-ups as an RFC 5545 calendar, in UTC. Each event's UID comes from its
 * reminder's id, so a calendar app that polls the feed updates an event instead of adding a copy;
 * REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL ask it to poll hourly.
 */
export function buildCalendarFeed(reminders: readonly FeedReminder[], now: Date): string {
  const calendar = ical({
    name: 'Rapport follow-ups',
    description: 'Texts, check-ins and meetups that are due, from Rapport.',
    prodId: { company: 'Rapport', product: 'Rapport', language: 'EN' },
    ttl: 60 * 60,
  });
  for (const reminder of reminders) {
    // A snooze moves the reminder later, never earlier
    const start = new Date(
      reminder.snoozedUntil && reminder.snoozedUntil > reminder.dueAt
        ? reminder.snoozedUntil
        : reminder.dueAt,
    );
    const { summary, minutes } = EVENT_BY_KIND[reminder.kind];
    calendar.createEvent({
      id: `${reminder.id}@rapport`,
      stamp: now,
      start,
      end: new Date(start.getTime() + minutes * MINUTE),
      summary: reminder.personName ? summary(reminder.personName) : reminder.title,
      description: reminder.draft ?? reminder.title,
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one too
  return `${calendar.toString()}\r\n`;
}
