import type { CoachFlagCode } from '@rapport/core';

/** A short name for each flag, shown above the coach's message about it. */
export const COACH_FLAG_NAMES: Readonly<Record<CoachFlagCode, string>> = {
  generic: 'Only a greeting',
  'no-shared-topic': 'Nothing from your conversation',
  'no-open-question': 'No open question',
  'too-soon': 'Too soon',
  pressure: 'Pressure',
  'double-text': 'Waiting on their reply',
  'too-long': 'Too long',
  apologetic: 'Apologetic',
  'too-strong': 'Too strong for now',
};
