import { type AskRecord, isOneOf, POSITIVE_CUES, summarizeOutcomes } from '@rapport/core';
import type { AskedEncounter, PersonId, Reminder } from '@rapport/db';
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { PLAN_KINDS } from '../follow-up-reminders.ts';

/** A follow-up done within a day of coming due still counts as on time. */
const ON_TIME_GRACE_MS = 24 * 60 * 60 * 1000;

const bucketSchema = z.object({
  bucket: z.string(),
  asks: z.number(),
  accepted: z.number(),
  rate: z.number().nullable(),
});

const summarySchema = z.object({
  asks: z.number(),
  accepted: z.number(),
  rate: z.number().nullable(),
  byMinutes: z.array(bucketSchema),
  byPositiveCues: z.array(bucketSchema),
  byApproach: z.array(bucketSchema),
  followUp: z.object({ due: z.number(), onTime: z.number(), adherence: z.number().nullable() }),
  findings: z.array(
    z.object({
      topic: z.enum(['sample', 'minutes', 'positive-cues', 'approach', 'follow-up']),
      text: z.string(),
      basedOn: z.number(),
    }),
  ),
});

export function registerInsightRoutes(app: ZodApp, deps: RouteDeps): void {
  app.get(
    '/api/insights',
    {
      schema: {
        summary:
          'My own outcomes: by minutes before asking, by positive cues, by approach, and follow-ups kept.',
        response: { 200: summarySchema },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const now = deps.now().getTime();
      const [asked, due] = await Promise.all([
        deps.store.encounters.listAsked(accountId),
        deps.store.reminders.listDue(accountId, deps.now().toISOString()),
      ]);
      return summarizeOutcomes(toAskRecords(asked, due, now));
    },
  );
}

/**
 * One record per ask. Follow-ups belong to a person, so they go with that person's latest ask only:
 * two encounters with one person must not count the same reminders twice.
 */
export function toAskRecords(
  asked: readonly AskedEncounter[],
  reminders: readonly Reminder[],
  now: number,
): AskRecord[] {
  const followUps = new Map<PersonId, { due: number; onTime: number }>();
  for (const reminder of reminders) {
    if (!reminder.personId || !isOneOf(PLAN_KINDS, reminder.kind)) continue;
    const deadline = Date.parse(reminder.dueAt) + ON_TIME_GRACE_MS;
    const doneAt = reminder.doneAt ? Date.parse(reminder.doneAt) : undefined;
    // Not done, but still within its grace: it is neither kept nor missed yet.
    if (doneAt === undefined && deadline > now) continue;
    const tally = followUps.get(reminder.personId) ?? { due: 0, onTime: 0 };
    tally.due += 1;
    if (doneAt !== undefined && doneAt <= deadline) tally.onTime += 1;
    followUps.set(reminder.personId, tally);
  }
  const latestAsk = new Map<PersonId, string>();
  for (const encounter of asked) if (encounter.personId) latestAsk.set(encounter.personId, encounter.id);

  return asked.map((encounter) => {
    const minute = encounter.ask?.minute ?? minutesBetween(encounter.startedAt, encounter.outcomeAt);
    const positive = new Set(
      encounter.cues
        .filter((event) => event.minute <= minute && isOneOf(POSITIVE_CUES, event.cue))
        .map((event) => event.cue),
    );
    const followUp =
      encounter.personId && latestAsk.get(encounter.personId) === encounter.id
        ? followUps.get(encounter.personId)
        : undefined;
    return {
      minutesBeforeAsking: minute,
      positiveCues: positive.size,
      approach: encounter.ask?.approach ?? 'direct',
      outcome: encounter.outcome,
      ...(followUp ? { followUp } : {}),
    };
  });
}

function minutesBetween(from: string, to: string | null): number {
  return to === null ? 0 : Math.max(0, (Date.parse(to) - Date.parse(from)) / 60_000);
}
