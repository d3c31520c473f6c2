import type { Verdict } from '@rapport/core';

/** Each verdict as a headline, and the colour class (styles.css) it is shown in. */
export const VERDICT_LABELS: Readonly<Record<Verdict, { headline: string; tone: string }>> = {
  wait: { headline: 'Wait: keep talking', tone: 'verdict-wait' },
  'ask-now': { headline: 'Ask now', tone: 'verdict-ask' },
  'ask-before-it-ends': { headline: 'Ask before it ends', tone: 'verdict-ask' },
  'offer-instead': { headline: 'Offer yours instead', tone: 'verdict-wait' },
  'let-it-be': { headline: 'Let it be', tone: 'verdict-let-it-be' },
};
