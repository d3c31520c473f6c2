import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type AskInput, composeAsk, parseAskInput } from './compose-ask.ts';
import { APPROACHES, ASK_REASONS } from './vocabulary.ts';

const PLEADING = /\b(please|come on|why not|just one|are you sure|you sure|what's wrong|but why)\b/i;

const askInput = fc.record(
  {
    theirName: fc.constantFrom('Sam', 'Jordan', 'Aiyana', 'Zoë'),
    myName: fc.constantFrom('Alex', 'Priya', 'Mateus'),
    reason: fc.constantFrom(...ASK_REASONS),
    activity: fc.constantFrom('that new cafe next week', 'the climbing gym on Saturday', 'the jazz night'),
    approach: fc.constantFrom(...APPROACHES),
    platform: fc.constantFrom('Instagram', 'LinkedIn', 'Signal'),
    friend: fc.constantFrom('Robin', 'Kai'),
    seed: fc.nat(),
  },
  { requiredKeys: ['reason', 'approach', 'activity'] },
) satisfies fc.Arbitrary<AskInput>;

describe('composeAsk', () => {
  test('a direct ask is genuine and gives the reason: to continue the conversation', () => {
    const ask = composeAsk({ theirName: 'Sam', reason: 'continue', approach: 'direct', seed: 0 });
    expect(ask.line).toBe(
      "Sam, I've really enjoyed talking to you. Can I get your number so we can continue this conversation later?",
    );
  });

  test('an activity names the plan to coordinate', () => {
    const ask = composeAsk({
      reason: 'activity',
      activity: 'that new cafe next week',
      approach: 'direct',
      seed: 0,
    });
    expect(ask.line).toBe(
      "I'm planning to check out that new cafe next week. Can I get your number so we can coordinate?",
    );
    expect(ask.ifAccepted).toContain('that new cafe next week');
  });

  test('offer gives my number and leaves the ball in their court', () => {
    const ask = composeAsk({ myName: 'Priya', reason: 'continue', approach: 'offer', seed: 0 });
    expect(ask.line).toBe(
      "I've really enjoyed talking to you. I'm Priya, here's my number. Feel free to text me sometime.",
    );
    expect(ask.tips.join(' ')).toContain('ball in their court');
  });

  test('social names the platform, Instagram when none is given', () => {
    expect(composeAsk({ reason: 'continue', approach: 'social', platform: 'LinkedIn' }).line).toContain(
      'LinkedIn',
    );
    expect(composeAsk({ reason: 'continue', approach: 'social' }).line).toBe(
      "Are you on Instagram? I'd love to connect with you there.",
    );
  });

  test('friend goes through the friend, and leaves the choice with them', () => {
    const ask = composeAsk({
      theirName: 'Jordan',
      friend: 'Robin',
      reason: 'continue',
      approach: 'friend',
      seed: 0,
    });
    expect(ask.line).toMatch(/^Hi Robin, I really enjoyed talking with Jordan\./);
    expect(ask.line).toContain('Totally fine if not');
  });

  test('tips: smile, eye contact, no fidgeting, respect the answer', () => {
    const tips = composeAsk({ reason: 'continue', approach: 'direct' }).tips.join(' ');
    for (const idea of ['Smile', 'eye contact', 'fidget', 'Respect their answer'])
      expect(tips).toContain(idea);
  });

  test('the same seed gives the same words; different seeds give other phrasings', () => {
    const base = { reason: 'continue', approach: 'direct' } as const;
    expect(composeAsk({ ...base, seed: 7 })).toEqual(composeAsk({ ...base, seed: 7 }));
    const lines = new Set([0, 1, 2].map((seed) => composeAsk({ ...base, seed }).line));
    expect(lines.size).toBe(3);
  });

  test('for any input: gracious if declined, never pleading, reason given, no placeholder left', () => {
    fc.assert(
      fc.property(askInput, (input) => {
        const ask = composeAsk(input);
        expect(ask.ifDeclined).toMatch(/^No worries/);
        expect(ask.ifDeclined).not.toMatch(PLEADING);
        expect(ask.line).not.toMatch(PLEADING);
        for (const text of [ask.line, ask.ifAccepted, ...ask.tips]) expect(text).not.toMatch(/[{}]/);
        expect(ask.line.charAt(0)).toBe(ask.line.charAt(0).toUpperCase());
        if (input.reason === 'activity') expect(ask.line).toContain(input.activity);
        if (input.approach === 'offer') expect(ask.line).toContain('my number');
        if (input.approach === 'social') expect(ask.line).toContain(input.platform ?? 'Instagram');
        if (input.approach === 'friend' && input.friend) expect(ask.line).toContain(input.friend);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseAskInput', () => {
  test('defaults to a direct ask to continue the conversation', () => {
    expect(parseAskInput({})).toEqual({ ok: true, value: { reason: 'continue', approach: 'direct' } });
  });

  test('reason activity without the activity names the activity field', () => {
    expect(parseAskInput({ reason: 'activity' })).toEqual({
      ok: false,
      problems: [
        {
          field: 'activity',
          message:
            'activity is required with reason \'activity\': name the plan, e.g. "that new cafe next week"',
        },
      ],
    });
  });

  test('names each bad field and what is allowed', () => {
    const parsed = parseAskInput({ reason: 'flirt', approach: 'shout', seed: -3, theirName: '', mood: 'x' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byField = Object.fromEntries(parsed.problems.map((problem) => [problem.field, problem.message]));
    expect(byField.reason).toBe("unknown reason 'flirt': allowed are continue, activity");
    expect(byField.approach).toBe("unknown approach 'shout': allowed are direct, offer, social, friend");
    expect(byField.seed).toBe('seed must be a whole number, 0 or more (got -3)');
    expect(byField.theirName).toBe("theirName must be text of 1 to 60 characters (got '')");
    expect(byField.mood).toContain("unknown field 'mood'");
  });

  test('trims and folds white space in names', () => {
    const parsed = parseAskInput({ theirName: '  Sam \n Lee ' });
    expect(parsed).toEqual({
      ok: true,
      value: { reason: 'continue', approach: 'direct', theirName: 'Sam Lee' },
    });
  });
});
