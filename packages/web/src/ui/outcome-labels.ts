import type { Outcome } from '@rapport/core';

/** How the ask went, in the words a person would say it. */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  'gave-number': 'They gave me their number',
  'took-mine': 'They took my number',
  'connected-social': 'We connected on social media',
  'via-friend': 'A friend will ask them',
  declined: 'They declined',
  'another-time': 'Maybe another time',
  'not-asked': 'I didn’t ask',
};

/** The outcomes in which they gave me a way to reach them: these ask for their details and consent. */
export const CONTACT_OUTCOMES: readonly Outcome[] = ['gave-number', 'connected-social'];
