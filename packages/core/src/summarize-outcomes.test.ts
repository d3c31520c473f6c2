import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type AskRecord, summarizeOutcomes } from './summarize-outcomes.ts';
import { APPROACHES, OUTCOMES } from './vocabulary.ts';

function asks(count: number, record: Partial<AskRecord>): AskRecord[] {
  return Array.from({ length: count }, () => ({
    minutesBeforeAsking: 10,
    positiveCues: 2,
    approach: 'direct',
    outcome: 'gave-number',
    ...record,
  }));
}

describe('summarizeOutcomes', () => {
  test('counts acceptance by minutes before asking, leaving not-asked out', () => {
    const summary = summarizeOutcomes([
      ...asks(2, { minutesBeforeAsking: 3, outcome: 'declined' }),
      ...asks(1, { minutesBeforeAsking: 4, outcome: 'took-mine' }),
      ...asks(3, { minutesBeforeAsking: 20, outcome: 'connected-social' }),
      ...asks(4, { minutesBeforeAsking: 20, outcome: 'not-asked' }),
    ]);
    expect(summary.asks).toBe(6);
    expect(summary.accepted).toBe(4);
    expect(summary.byMinutes[0]).toEqual({ bucket: 'under 5 minutes', asks: 3, accepted: 1, rate: 1 / 3 });
    expect(summary.byMinutes[2]).toEqual({ bucket: '15–29 minutes', asks: 3, accepted: 3, rate: 1 });
    expect(summary.byMinutes[3]).toEqual({ bucket: '30 minutes or more', asks: 0, accepted: 0, rate: null });
  });

  test('says how many asks it has when there are too few for a pattern', () => {
    const summary = summarizeOutcomes(asks(4, { outcome: 'declined' }));
    expect(summary.findings).toEqual([
      {
        topic: 'sample',
        text: 'Not enough asks yet to see a pattern: 4 so far; a pattern needs at least 10 asks, with 5 in each group compared.',
        basedOn: 4,
      },
    ]);
  });

  test('claims a pattern when the groups are big enough, and says what it rests on', () => {
    const summary = summarizeOutcomes([
      ...asks(6, { minutesBeforeAsking: 2, positiveCues: 2, outcome: 'declined' }),
      ...asks(1, { minutesBeforeAsking: 2, positiveCues: 2, outcome: 'gave-number' }),
      ...asks(5, { minutesBeforeAsking: 18, positiveCues: 2, outcome: 'gave-number' }),
      ...asks(1, { minutesBeforeAsking: 18, positiveCues: 2, outcome: 'another-time' }),
    ]);
    expect(summary.findings).toContainEqual({
      topic: 'minutes',
      text: 'Your asks were accepted more often when you asked after 15–29 minutes: 5 of 6 (83%), against 1 of 7 (14%) when you asked in the first 5 minutes. Based on 13 asks.',
      basedOn: 13,
    });
    expect(summary.findings.some((finding) => finding.topic === 'positive-cues')).toBe(false);
  });

  test('compares approaches and reports follow-up adherence', () => {
    const summary = summarizeOutcomes([
      ...asks(5, { approach: 'offer', outcome: 'took-mine', followUp: { due: 2, onTime: 2 } }),
      ...asks(5, { approach: 'direct', outcome: 'declined', followUp: { due: 1, onTime: 0 } }),
    ]);
    expect(summary.byApproach.find((bucket) => bucket.bucket === 'offer')).toEqual({
      bucket: 'offer',
      asks: 5,
      accepted: 5,
      rate: 1,
    });
    expect(summary.findings.find((finding) => finding.topic === 'approach')?.text).toContain(
      'with the offer approach: 5 of 5 (100%), against 0 of 5 (0%) with the direct approach',
    );
    expect(summary.followUp).toEqual({ due: 15, onTime: 10, adherence: 10 / 15 });
    expect(summary.findings).toContainEqual({
      topic: 'follow-up',
      text: 'You sent 10 of 15 follow-ups on time (67%).',
      basedOn: 15,
    });
  });

  test('never claims a pattern from fewer asks than the evidence rule allows', () => {
    const record = fc.record({
      minutesBeforeAsking: fc.integer({ min: 0, max: 90 }),
      positiveCues: fc.integer({ min: 0, max: 7 }),
      approach: fc.constantFrom(...APPROACHES),
      outcome: fc.constantFrom(...OUTCOMES),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), (records) => {
        const summary = summarizeOutcomes(records);
        const asked = records.filter((r) => r.outcome !== 'not-asked').length;
        expect(summary.asks).toBe(asked);
        expect(summary.byMinutes.reduce((sum, bucket) => sum + bucket.asks, 0)).toBe(asked);
        expect(summary.byPositiveCues.reduce((sum, bucket) => sum + bucket.asks, 0)).toBe(asked);
        expect(summary.byApproach.reduce((sum, bucket) => sum + bucket.asks, 0)).toBe(asked);
        for (const finding of summary.findings) {
          if (finding.topic !== 'sample') expect(finding.basedOn).toBeGreaterThanOrEqual(10);
          expect(finding.text).toMatch(/\d/);
        }
      }),
    );
  });
});
