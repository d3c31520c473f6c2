import { ACCEPTED_OUTCOMES, APPROACHES, type Approach, isOneOf, type Outcome } from './vocabulary.ts';

/** One ask as the insights need it. */
export interface AskRecord {
  minutesBeforeAsking: number;
  positiveCues: number;
  approach: Approach;
  outcome: Outcome;
  /** Follow-ups that came due after this ask, and how many of them were sent on time. */
  followUp?: { due: number; onTime: number };
}

export interface OutcomeBucket {
  bucket: string;
  asks: number;
  accepted: number;
  /** accepted / asks, or null when there were no asks in the bucket. */
  rate: number | null;
}

export interface Finding {
  topic: 'sample' | 'minutes' | 'positive-cues' | 'approach' | 'follow-up';
  text: string;
  /** How many asks (or follow-ups, for `follow-up`) the finding rests on. */
  basedOn: number;
}

export interface OutcomeSummary {
  asks: number;
  accepted: number;
  rate: number | null;
  byMinutes: OutcomeBucket[];
  byPositiveCues: OutcomeBucket[];
  byApproach: OutcomeBucket[];
  followUp: { due: number; onTime: number; adherence: number | null };
  findings: Finding[];
}

/** How much evidence a pattern needs before the insights claim it. */
export const PATTERN_EVIDENCE = { minAsks: 10, minPerGroup: 5, minDifference: 0.2, minFollowUps: 5 } as const;

interface BucketRule {
  bucket: string;
  upTo: number;
  /** How the bucket reads in a finding: "… accepted more often {phrase}". */
  phrase: string;
}

const MINUTE_BUCKETS: readonly BucketRule[] = [
  { bucket: 'under 5 minutes', upTo: 5, phrase: 'when you asked in the first 5 minutes' },
  { bucket: '5–14 minutes', upTo: 15, phrase: 'when you asked after 5–14 minutes' },
  { bucket: '15–29 minutes', upTo: 30, phrase: 'when you asked after 15–29 minutes' },
  {
    bucket: '30 minutes or more',
    upTo: Number.POSITIVE_INFINITY,
    phrase: 'when you asked after 30 minutes or more',
  },
];

const CUE_BUCKETS: readonly BucketRule[] = [
  { bucket: 'no positive cues', upTo: 1, phrase: 'with no positive cues' },
  { bucket: '1–2 positive cues', upTo: 3, phrase: 'with 1–2 positive cues' },
  { bucket: '3–4 positive cues', upTo: 5, phrase: 'with 3–4 positive cues' },
  {
    bucket: '5 or more positive cues',
    upTo: Number.POSITIVE_INFINITY,
    phrase: 'with 5 or more positive cues',
  },
];

/**
 * Acceptance by minutes before asking, by positive cues and by approach, follow-up adherence, and
 * findings in plain words that claim a pattern only when enough asks support it. `not-asked` is no ask.
 * @example summarizeOutcomes([]).findings[0]?.text // 'No asks logged yet: …'
 */
export function summarizeOutcomes(records: readonly AskRecord[]): OutcomeSummary {
  const asks = records.filter((record) => record.outcome !== 'not-asked');
  const accepted = asks.filter(isAccepted).length;
  const byMinutes = bucketBy(asks, MINUTE_BUCKETS, (ask) => ask.minutesBeforeAsking);
  const byPositiveCues = bucketBy(asks, CUE_BUCKETS, (ask) => ask.positiveCues);
  const byApproach = APPROACHES.map((approach) =>
    count(
      approach,
      asks.filter((ask) => ask.approach === approach),
    ),
  );
  let due = 0;
  let onTime = 0;
  for (const record of records) {
    due += record.followUp?.due ?? 0;
    onTime += record.followUp?.onTime ?? 0;
  }
  const followUp = { due, onTime, adherence: due > 0 ? onTime / due : null };
  const findings = findPatterns(asks.length, { byMinutes, byPositiveCues, byApproach }, followUp);
  return {
    asks: asks.length,
    accepted,
    rate: ratio(accepted, asks.length),
    byMinutes,
    byPositiveCues,
    byApproach,
    followUp,
    findings,
  };
}

function isAccepted(ask: AskRecord): boolean {
  return isOneOf(ACCEPTED_OUTCOMES, ask.outcome);
}

function count(bucket: string, asks: readonly AskRecord[]): OutcomeBucket {
  const accepted = asks.filter(isAccepted).length;
  return { bucket, asks: asks.length, accepted, rate: ratio(accepted, asks.length) };
}

function bucketBy(
  asks: readonly AskRecord[],
  buckets: readonly BucketRule[],
  measure: (ask: AskRecord) => number,
): OutcomeBucket[] {
  return buckets.map(({ bucket, upTo }, index) => {
    const from = buckets[index - 1]?.upTo ?? Number.NEGATIVE_INFINITY;
    return count(
      bucket,
      asks.filter((ask) => measure(ask) >= from && measure(ask) < upTo),
    );
  });
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function findPatterns(
  total: number,
  groups: { byMinutes: OutcomeBucket[]; byPositiveCues: OutcomeBucket[]; byApproach: OutcomeBucket[] },
  followUp: OutcomeSummary['followUp'],
): Finding[] {
  const findings: Finding[] = [];
  if (total < PATTERN_EVIDENCE.minAsks) {
    const lead = total === 0 ? 'No asks logged yet' : `Not enough asks yet to see a pattern: ${total} so far`;
    findings.push({
      topic: 'sample',
      text: `${lead}; a pattern needs at least ${PATTERN_EVIDENCE.minAsks} asks, with ${PATTERN_EVIDENCE.minPerGroup} in each group compared.`,
      basedOn: total,
    });
  } else {
    const compare = [
      ['minutes', groups.byMinutes],
      ['positive-cues', groups.byPositiveCues],
      ['approach', groups.byApproach],
    ] as const;
    for (const [topic, buckets] of compare) {
      const finding = compareBuckets(topic, buckets);
      if (finding) findings.push(finding);
    }
    if (findings.length === 0) {
      findings.push({ topic: 'sample', text: `No clear pattern in ${total} asks yet.`, basedOn: total });
    }
  }
  if (followUp.due >= PATTERN_EVIDENCE.minFollowUps && followUp.adherence !== null) {
    findings.push({
      topic: 'follow-up',
      text: `You sent ${followUp.onTime} of ${followUp.due} follow-ups on time (${percent(followUp.adherence)}).`,
      basedOn: followUp.due,
    });
  }
  return findings;
}

function compareBuckets(topic: Finding['topic'], buckets: OutcomeBucket[]): Finding | undefined {
  const enough = buckets.filter(
    (bucket) => bucket.asks >= PATTERN_EVIDENCE.minPerGroup && bucket.rate !== null,
  );
  if (enough.length < 2) return undefined;
  const sorted = [...enough].sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0));
  const best = sorted[0];
  const worst = sorted[sorted.length - 1];
  if (!best || !worst || (best.rate ?? 0) - (worst.rate ?? 0) < PATTERN_EVIDENCE.minDifference)
    return undefined;
  const basedOn = best.asks + worst.asks;
  return {
    topic,
    text: `Your asks were accepted more often ${phraseOf(topic, best)}: ${best.accepted} of ${best.asks} (${percent(best.rate ?? 0)}), against ${worst.accepted} of ${worst.asks} (${percent(worst.rate ?? 0)}) ${phraseOf(topic, worst)}. Based on ${basedOn} asks.`,
    basedOn,
  };
}

function phraseOf(topic: Finding['topic'], bucket: OutcomeBucket): string {
  const rules = topic === 'minutes' ? MINUTE_BUCKETS : topic === 'positive-cues' ? CUE_BUCKETS : [];
  return rules.find((rule) => rule.bucket === bucket.bucket)?.phrase ?? `with the ${bucket.bucket} approach`;
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}
