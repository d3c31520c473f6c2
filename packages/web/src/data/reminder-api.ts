import { api } from '../api.ts';
import type { Reminder, ReminderKind, ServerCoaching } from './person-api.ts';

/** A reminder as GET /api/reminders lists it: with the person's name and the coach on its draft. */
export interface DueReminder {
  id: string;
  personId: string | null;
  personName: string | null;
  kind: ReminderKind;
  title: string;
  draft: string | null;
  dueAt: string;
  snoozedUntil: string | null;
  /** The coach on the draft as it would be sent when due, with what we talked about as context. */
  coach: ServerCoaching | null;
}

export interface DueReminders {
  overdue: DueReminder[];
  today: DueReminder[];
  upcoming: DueReminder[];
}

/** The last answer, kept so Today still shows what is due with no signal. */
export interface CachedReminders {
  reminders: DueReminders;
  /** When the server answered it. */
  at: string;
}

/** Keyed by account: someone else signing in on this device never sees my copy. */
const CACHE_KEY = 'rapport.today.reminders.';

export async function fetchDueReminders(accountId: string): Promise<DueReminders> {
  const reminders = await api<DueReminders>('GET', '/api/reminders');
  try {
    localStorage.setItem(CACHE_KEY + accountId, JSON.stringify({ reminders, at: new Date().toISOString() }));
  } catch {
    // A full or disabled storage only costs the offline copy; the answer itself is fine.
  }
  return reminders;
}

export function cachedDueReminders(accountId: string): CachedReminders | undefined {
  try {
    const cached = localStorage.getItem(CACHE_KEY + accountId);
    return cached ? (JSON.parse(cached) as CachedReminders) : undefined;
  } catch {
    return undefined;
  }
}

export async function markReminderDone(id: string): Promise<Reminder> {
  return (await api<{ reminder: Reminder }>('POST', `/api/reminders/${encodeURIComponent(id)}/done`))
    .reminder;
}

export async function snoozeReminder(id: string, hours: number): Promise<Reminder> {
  const path = `/api/reminders/${encodeURIComponent(id)}/snooze`;
  return (await api<{ reminder: Reminder }>('POST', path, { hours })).reminder;
}

/** Where Compose opens this reminder's draft. */
export function composeHref(reminder: Pick<DueReminder, 'id' | 'personId' | 'draft'>): string {
  const query = new URLSearchParams();
  if (reminder.personId) query.set('person', reminder.personId);
  query.set('reminder', reminder.id);
  if (reminder.draft) query.set('draft', reminder.draft);
  return `/compose?${query.toString()}`;
}
