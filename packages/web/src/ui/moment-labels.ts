import type { Cue, Phase } from '@rapport/core';

/** Cue buttons as a person reads them in a hurry: short, and what they saw. */
export const CUE_LABELS: Readonly<Record<Cue, string>> = {
  'eye-contact': 'Eye contact',
  smiling: 'Smiling',
  laughing: 'We laughed',
  'questions-back': 'Asks me back',
  'leaning-in': 'Leaning in',
  'shared-interest': 'Shared interest',
  lingering: 'Lingering',
  'short-answers': 'Short answers',
  'looking-away': 'Looking away',
  'checking-phone': 'Checking phone',
  'closed-posture': 'Closed posture',
  'in-a-hurry': 'In a hurry',
  'mentions-partner': 'Mentions a partner',
  uncomfortable: 'Uncomfortable',
};

export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  opening: 'Opening',
  flowing: 'Flowing',
  'winding-down': 'Winding down',
};
