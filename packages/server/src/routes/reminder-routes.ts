import { type Coaching, coachMessage, DomainError } from '@rapport/core';
import type { Encounter, ReminderId, ReminderWithPerson } from '@rapport/db';
import { z } from 'zod';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { askedAt, settingsOf } from '../follow-up-reminders.ts';
import { localDayBounds } from '../local-day.ts';
import { idParams } from './people-routes.ts';
import { coachingSchema, isoTime, reminderSchema } from './timeline-schemas.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const UPCOMING_DAYS = 14;

const dueReminderSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  kind: reminderSchema.shape.kind,
  title: z.string(),
  draft: z.string().nullable(),
  dueAt: z.string(),
  snoozedUntil: z.string().nullable(),
  coach: coachingSchema.nullable().describe("the coach's verdict on the draft, as it would be sent when due"),
});
type DueReminder = z.infer<typeof dueReminderSchema>;

export function registerReminderRoutes(app: ZodApp, deps: RouteDeps): void {
  app.get(
    '/api/reminders',
    {
      schema: {
        summary: `What is due: overdue, today (in my time zone) and the next ${UPCOMING_DAYS} days.`,
        response: {
          200: z.object({
            overdue: z.array(dueReminderSchema),
            today: z.array(dueReminderSchema),
            upcoming: z.array(dueReminderSchema),
          }),
        },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const settings = await settingsOf(deps.store, accountId);
      const now = deps.now();
      const { start, end } = localDayBounds(now, settings.timeZone);
      const horizon = end.getTime() + UPCOMING_DAYS * DAY_MS;
      const open = await deps.store.reminders.listOpen(accountId, new Date(horizon).toISOString());
      const personIds = open.flatMap((reminder) => (reminder.personId ? [reminder.personId] : []));
      const meetings = await deps.store.encounters.latestWithPeople(accountId, personIds);
      const groups: Record<'overdue' | 'today' | 'upcoming', DueReminder[]> = {
        overdue: [],
        today: [],
        upcoming: [],
      };
      const wakeAt = new Map<string, number>();
      for (const reminder of open) {
        const due = Date.parse(reminder.dueAt);
        const snoozedUntil = reminder.snoozedUntil ? Date.parse(reminder.snoozedUntil) : 0;
        // A snoozed reminder leaves overdue and today until its snooze ends, and waits in upcoming.
        const snoozed = snoozedUntil > now.getTime();
        if (snoozed && snoozedUntil >= horizon) continue;
        const group = snoozed
          ? 'upcoming'
          : due < start.getTime()
            ? 'overdue'
            : due < end.getTime()
              ? 'today'
              : 'upcoming';
        wakeAt.set(reminder.id, snoozed ? snoozedUntil : due);
        const meeting = reminder.personId ? meetings.get(reminder.personId) : undefined;
        groups[group].push(present(reminder, coachDraft(reminder, meeting, now)));
      }
      groups.upcoming.sort((a, b) => (wakeAt.get(a.id) ?? 0) - (wakeAt.get(b.id) ?? 0));
      return groups;
    },
  );

  app.post(
    '/api/reminders/:id/done',
    {
      schema: {
        summary: 'Mark a reminder done.',
        params: idParams,
        response: { 200: z.object({ reminder: reminderSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const reminder = await deps.store.reminders.markDone(
        accountId,
        request.params.id as ReminderId,
        deps.now().toISOString(),
      );
      if (!reminder) throw notFound('reminder');
      return { reminder };
    },
  );

  app.post(
    '/api/reminders/:id/snooze',
    {
      schema: {
        summary: 'Snooze a reminder until a time, or for some hours.',
        params: idParams,
        body: z.strictObject({
          until: isoTime.optional(),
          hours: z
            .number()
            .positive()
            .max(24 * 90)
            .optional(),
        }),
        response: { 200: z.object({ reminder: reminderSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const now = deps.now().getTime();
      const { until, hours } = request.body;
      if ((until === undefined) === (hours === undefined)) {
        throw new DomainError('invalid-input', 'give either until (an ISO time) or hours, not both', 'until');
      }
      const wakeAt = until === undefined ? now + (hours ?? 0) * HOUR_MS : Date.parse(until);
      const field = until === undefined ? 'hours' : 'until';
      if (wakeAt <= now)
        throw new DomainError('invalid-input', `${field} must lead to a time in the future`, field);
      if (wakeAt > now + 365 * DAY_MS) {
        throw new DomainError('invalid-input', `${field} must lead to a time within a year`, field);
      }
      const reminder = await deps.store.reminders.snooze(
        accountId,
        request.params.id as ReminderId,
        new Date(wakeAt).toISOString(),
      );
      if (!reminder) throw notFound('reminder');
      return { reminder };
    },
  );
}

function present(reminder: ReminderWithPerson, coach: Coaching | null): DueReminder {
  const { id, personId, personName, kind, title, draft, dueAt, snoozedUntil } = reminder;
  return { id, personId, personName, kind, title, draft, dueAt, snoozedUntil, coach };
}

/**
 * The coach on a draft with the person's topics and the hours since meeting counted at the time it is
 * due: a first text due tomorrow is not "too soon" just because it is read tonight.
 */
function coachDraft(
  reminder: ReminderWithPerson,
  meeting: Encounter | undefined,
  now: Date,
): Coaching | null {
  if (!reminder.draft?.trim()) return null;
  const sendAt = Math.max(now.getTime(), Date.parse(reminder.dueAt));
  return coachMessage(reminder.draft, {
    ...(reminder.personName ? { theirName: reminder.personName.slice(0, 100) } : {}),
    ...(meeting
      ? {
          topics: meeting.topics,
          hoursSinceMeeting: Math.max(0, (sendAt - Date.parse(askedAt(meeting))) / HOUR_MS),
        }
      : {}),
  });
}
