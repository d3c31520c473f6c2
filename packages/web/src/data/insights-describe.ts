import type { OutcomeSummary } from '@rapport/core';

/** One group of asks in the insights (a minutes range, a cue count, an approach). */
export type OutcomeBucket = OutcomeSummary['byMinutes'][number];

/** How a bucket of the insights reads on a chart's axis (short) and in a sentence or table (long). */
export interface BucketLabel {
  short: string;
  long: string;
}

const LABELS: Record<string, BucketLabel> = {
  'under 5 minutes': { short: '< 5', long: 'Under 5 minutes' },
  '5–14 minutes': { short: '5–14', long: '5–14 minutes' },
  '15–29 minutes': { short: '15–29', long: '15–29 minutes' },
  '30 minutes or more': { short: '30+', long: '30 minutes or more' },
  'no positive cues': { short: 'none', long: 'No positive cues' },
  '1–2 positive cues': { short: '1–2', long: '1–2 positive cues' },
  '3–4 positive cues': { short: '3–4', long: '3–4 positive cues' },
  '5 or more positive cues': { short: '5+', long: '5 or more positive cues' },
  direct: { short: 'Direct', long: 'Asked directly' },
  offer: { short: 'Offer', long: 'Offered my number' },
  social: { short: 'Social', long: 'Connected on social' },
  friend: { short: 'Friend', long: 'Through a friend' },
};

/** A bucket's labels; one the app does not know yet reads as the server wrote it. */
export function labelBucket(bucket: string): BucketLabel {
  return LABELS[bucket] ?? { short: bucket, long: bucket.charAt(0).toUpperCase() + bucket.slice(1) };
}

export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** "3 of 5 accepted (60%)", or "no asks" for an empty bucket. */
export function describeAcceptance(bucket: Pick<OutcomeBucket, 'asks' | 'accepted' | 'rate'>): string {
  if (bucket.asks === 0 || bucket.rate === null) return 'no asks';
  return `${bucket.accepted} of ${bucket.asks} accepted (${percent(bucket.rate)})`;
}

/** A whole bar chart in one sentence, for screen readers and for anyone who prefers words. */
export function describeBuckets(buckets: readonly OutcomeBucket[]): string {
  return `${buckets.map((bucket) => `${labelBucket(bucket.bucket).long}: ${describeAcceptance(bucket)}`).join('. ')}.`;
}
