import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { adviseMoment, adviseUntrustedMoment, parseMomentInput } from './advise-moment.ts';
import { DomainError } from './domain-error.ts';
import { CUES, type Cue, NEGATIVE_CUES, PHASES, POSITIVE_CUES, type Verdict } from './vocabulary.ts';

/** How close a verdict is to asking; used to check that a warmer cue never cools the advice. */
const WARMTH: Record<Verdict, number> = {
  'let-it-be': 0,
  'offer-instead': 1,
  wait: 2,
  'ask-before-it-ends': 3,
  'ask-now': 3,
};

const moment = fc.record({
  minutes: fc.double({ min: 0, max: 240, noNaN: true }),
  phase: fc.constantFrom(...PHASES),
  cues: fc.array(fc.constantFrom(...CUES), { maxLength: 10 }),
});

describe('adviseMoment, from the guide', () => {
  test('shared laughs and questions asked back in a flowing conversation make ask-now', () => {
    const advice = adviseMoment({ minutes: 12, phase: 'flowing', cues: ['laughing', 'questions-back'] });
    expect(advice.verdict).toBe('ask-now');
    expect(advice.reasons[0]).toMatchObject({ kind: 'rule', id: 'rapport-flowing' });
    expect(advice.reasons.map((reason) => reason.id)).toEqual([
      'rapport-flowing',
      'laughing',
      'questions-back',
    ]);
    expect(advice.next).toContain('Can I get your number');
  });

  test('eye contact, smiling and leaning in also build rapport', () => {
    expect(
      adviseMoment({ minutes: 9, phase: 'flowing', cues: ['eye-contact', 'smiling', 'leaning-in'] }).verdict,
    ).toBe('ask-now');
  });

  test('never says ask-now in the first few minutes, however good it looks', () => {
    const advice = adviseMoment({ minutes: 3, phase: 'flowing', cues: [...POSITIVE_CUES] });
    expect(advice.verdict).toBe('wait');
    expect(advice.reasons[0]?.id).toBe('too-early');
    expect(advice.reasons[0]?.guide).toContain('first few minutes');
  });

  test('winding down with rapport makes ask-before-it-ends', () => {
    const advice = adviseMoment({ minutes: 25, phase: 'winding-down', cues: ['smiling', 'laughing'] });
    expect(advice.verdict).toBe('ask-before-it-ends');
    expect(advice.next).toMatch(/before you go/i);
  });

  test('mixed signals make offer-instead, which puts the ball in their court', () => {
    const advice = adviseMoment({ minutes: 15, phase: 'flowing', cues: ['smiling', 'checking-phone'] });
    expect(advice.verdict).toBe('offer-instead');
    expect(advice.reasons[0]?.guide).toContain('ball in their court');
    expect(advice.next).toContain('my number');
  });

  test('weak signals keep you talking early on, and call for an offer after a long talk', () => {
    expect(adviseMoment({ minutes: 10, phase: 'flowing', cues: ['eye-contact'] }).verdict).toBe('wait');
    expect(adviseMoment({ minutes: 45, phase: 'flowing', cues: ['eye-contact'] }).verdict).toBe(
      'offer-instead',
    );
  });

  test("don't wait too long: a long flowing conversation with rapport is ask-now", () => {
    const advice = adviseMoment({ minutes: 50, phase: 'flowing', cues: ['laughing', 'smiling'] });
    expect(advice.verdict).toBe('ask-now');
    expect(advice.reasons[0]?.id).toBe('rapport-long');
    expect(advice.reasons[0]?.guide).toContain("Don't wait too long");
  });

  test('uncomfortable alone is enough for let-it-be', () => {
    const advice = adviseMoment({
      minutes: 20,
      phase: 'flowing',
      cues: ['laughing', 'smiling', 'uncomfortable'],
    });
    expect(advice.verdict).toBe('let-it-be');
    expect(advice.reasons[0]?.id).toBe('uncomfortable');
    expect(advice.next).toMatch(/don.t ask/i);
  });

  test('negatives with nothing positive make let-it-be', () => {
    const advice = adviseMoment({ minutes: 15, phase: 'flowing', cues: ['short-answers', 'looking-away'] });
    expect(advice.verdict).toBe('let-it-be');
    expect(advice.reasons.map((reason) => reason.id)).toEqual([
      'negatives-only',
      'short-answers',
      'looking-away',
    ]);
  });

  test('the opening of a conversation is a time to keep talking', () => {
    expect(adviseMoment({ minutes: 8, phase: 'opening', cues: ['smiling', 'laughing'] }).verdict).toBe(
      'wait',
    );
  });

  test('a conversation ending after two minutes calls for an offer, not an ask', () => {
    expect(adviseMoment({ minutes: 2, phase: 'winding-down', cues: ['smiling'] }).verdict).toBe(
      'offer-instead',
    );
  });

  test('a cue tapped twice counts once', () => {
    const twice = adviseMoment({ minutes: 12, phase: 'flowing', cues: ['smiling', 'smiling', 'smiling'] });
    expect(twice.verdict).toBe('wait');
    expect(twice.reasons).toHaveLength(2);
  });
});

describe('adviseMoment, properties', () => {
  test('no input under 5 minutes gives ask-now', () => {
    fc.assert(
      fc.property(moment, fc.double({ min: 0, max: 4.999, noNaN: true }), (input, minutes) => {
        expect(adviseMoment({ ...input, minutes }).verdict).not.toBe('ask-now');
      }),
      { numRuns: 2000 },
    );
  });

  test('any input with uncomfortable gives let-it-be', () => {
    fc.assert(
      fc.property(moment, fc.nat(), (input, at) => {
        const cues = [...input.cues];
        cues.splice(at % (cues.length + 1), 0, 'uncomfortable');
        expect(adviseMoment({ ...input, cues }).verdict).toBe('let-it-be');
      }),
      { numRuns: 2000 },
    );
  });

  test('adding a positive cue never turns a verdict colder', () => {
    fc.assert(
      fc.property(moment, fc.constantFrom(...POSITIVE_CUES), (input, cue) => {
        const before = adviseMoment(input).verdict;
        const after = adviseMoment({ ...input, cues: [...input.cues, cue] }).verdict;
        expect(WARMTH[after]).toBeGreaterThanOrEqual(WARMTH[before]);
      }),
      { numRuns: 5000 },
    );
  });

  test('adding a negative cue never turns a verdict warmer', () => {
    fc.assert(
      fc.property(moment, fc.constantFrom(...NEGATIVE_CUES), (input, cue) => {
        const before = adviseMoment(input).verdict;
        const after = adviseMoment({ ...input, cues: [...input.cues, cue] }).verdict;
        expect(WARMTH[after]).toBeLessThanOrEqual(WARMTH[before]);
      }),
      { numRuns: 5000 },
    );
  });

  test('every answer names its deciding rule first, then each distinct cue once, each with the guide', () => {
    fc.assert(
      fc.property(moment, (input) => {
        const advice = adviseMoment(input);
        expect(advice.reasons[0]?.kind).toBe('rule');
        expect(advice.reasons.slice(1).map((reason) => reason.id)).toEqual([...new Set(input.cues)]);
        for (const reason of advice.reasons) expect(reason.guide.length).toBeGreaterThan(20);
        expect(advice.next.length).toBeGreaterThan(20);
      }),
    );
  });

  test('the order in which cues were tapped does not change the verdict', () => {
    fc.assert(
      fc.property(moment, (input) => {
        const reversed = [...input.cues].reverse();
        expect(adviseMoment({ ...input, cues: reversed }).verdict).toBe(adviseMoment(input).verdict);
      }),
    );
  });
});

describe('parseMomentInput', () => {
  test('accepts a valid moment and defaults cues to none', () => {
    expect(parseMomentInput({ minutes: 7, phase: 'flowing' })).toEqual({
      ok: true,
      value: { minutes: 7, phase: 'flowing', cues: [] },
    });
  });

  test('names every bad field and what is allowed', () => {
    const parsed = parseMomentInput({
      minutes: -1,
      phase: 'middle',
      cues: ['smiling', 'winking'],
      mood: 'good',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byField = Object.fromEntries(parsed.problems.map((problem) => [problem.field, problem.message]));
    expect(byField.minutes).toBe('minutes must be a number of minutes, 0 or more (got -1)');
    expect(byField.phase).toBe("unknown phase 'middle': allowed are opening, flowing, winding-down");
    expect(byField.cues).toContain("unknown cue 'winking': allowed are eye-contact");
    expect(byField.mood).toContain("unknown field 'mood'");
  });

  test('adviseUntrustedMoment throws a DomainError naming the field', () => {
    const attempt = () => adviseUntrustedMoment({ minutes: 'ten', phase: 'flowing', cues: [] as Cue[] });
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (error: unknown) {
      expect(error).toMatchObject({ code: 'invalid-input', field: 'minutes' });
    }
  });
});
