import { APPROACHES, ASK_REASONS, COACH_FLAGS, CUES, OUTCOMES, PHASES, VERDICTS } from '@rapport/core';
import type { CueEvent, Encounter } from '@rapport/db';
import { z } from 'zod';

/** Shapes the encounter, message, reminder and insight routes answer with, for OpenAPI and serialising. */

export const text = (max: number) => z.string().trim().min(1).max(max);
export const isoTime = z.iso.datetime({ offset: true }).describe('ISO 8601 with an offset or Z');
export const topicsInput = z.array(text(100)).max(20).describe('what you talked about');
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const cueEventSchema = z.object({
  id: z.string(),
  cue: z.enum(CUES),
  minute: z.number(),
  at: z.string(),
});

export const encounterSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  place: z.string().nullable(),
  startedAt: z.string(),
  phase: z.enum(PHASES),
  topics: z.array(z.string()),
  ask: z
    .object({
      minute: z.number().nullable(),
      approach: z.enum(APPROACHES).nullable(),
      reason: z.enum(ASK_REASONS).nullable(),
    })
    .nullable()
    .describe('null until an outcome is recorded'),
  outcome: z.enum(OUTCOMES).nullable(),
  outcomeAt: z.string().nullable(),
  createdAt: z.string(),
});

export const encounterDetailSchema = encounterSchema.extend({
  cues: z.array(cueEventSchema).describe('in the order tapped'),
});

export function presentEncounter(
  encounter: Encounter,
  cues: CueEvent[],
): z.infer<typeof encounterDetailSchema> {
  return { ...encounter, cues };
}

export const adviceSchema = z.object({
  verdict: z.enum(VERDICTS),
  reasons: z.array(
    z.object({ kind: z.enum(['rule', 'cue']), id: z.string(), message: z.string(), guide: z.string() }),
  ),
  next: z.string(),
});

export const reminderSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  kind: z.enum(['first-text', 'check-in', 'suggest-meetup', 'meetup', 'custom']),
  title: z.string(),
  draft: z.string().nullable(),
  dueAt: z.string(),
  snoozedUntil: z.string().nullable(),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
});

export const coachingSchema = z.object({
  verdict: z.enum(['send', 'revise']),
  score: z.number(),
  flags: z.array(
    z.object({
      code: z.enum(COACH_FLAGS),
      message: z.string(),
      suggestion: z.string(),
      span: z.object({ start: z.number(), end: z.number() }).optional(),
    }),
  ),
});

export const planSchema = z.object({
  status: z
    .enum(['active', 'paused', 'stopped', 'meetup-planned', 'declined'])
    .describe('declined: they said no; nothing is planned until they give contact again'),
  advice: z.string(),
  unanswered: z.number().describe('messages sent since their last reply'),
  lastContactAt: z.string().nullable(),
  firstMessage: z
    .object({ earliest: z.string(), latest: z.string(), suggested: z.string(), draft: z.string() })
    .nullable()
    .describe('the first-text window; null once any contact was logged'),
  reminders: z.array(reminderSchema).describe("the person's reminders not done yet"),
});
