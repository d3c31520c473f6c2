import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { adviseMoment } from './advise-moment.ts';
import { DomainError } from './domain-error.ts';
import { PRACTICE_SCENARIOS } from './practice-scenarios.ts';
import { findScenario, pickScenarios, scorePractice } from './score-practice.ts';
import { CUES, PHASES, VERDICTS, type Verdict } from './vocabulary.ts';

const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const scenarioIds = PRACTICE_SCENARIOS.map((scenario) => scenario.id);
const TOTAL = PRACTICE_SCENARIOS.length;

/** Runs `action` and returns the DomainError it throws, failing the test if it throws nothing else. */
function catchDomainError(action: () => unknown): DomainError {
  try {
    action();
  } catch (error: unknown) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('PRACTICE_SCENARIOS, the table', () => {
  test('has at least 30 scenarios with unique kebab-case ids', () => {
    expect(TOTAL).toBeGreaterThanOrEqual(30);
    expect(new Set(scenarioIds).size).toBe(TOTAL);
    for (const id of scenarioIds) expect(id).toMatch(KEBAB_CASE);
  });

  test('covers every verdict at least three times', () => {
    for (const verdict of VERDICTS) {
      const count = PRACTICE_SCENARIOS.filter((scenario) => scenario.right.includes(verdict)).length;
      expect(count, verdict).toBeGreaterThanOrEqual(3);
    }
  });

  test('covers every cue and every phase', () => {
    const cues = new Set(PRACTICE_SCENARIOS.flatMap((scenario) => scenario.cues));
    const phases = new Set(PRACTICE_SCENARIOS.map((scenario) => scenario.phase));
    expect([...CUES].filter((cue) => !cues.has(cue))).toEqual([]);
    expect([...PHASES].filter((phase) => !phases.has(phase))).toEqual([]);
  });

  test('every scenario is well formed: text, minutes, known vocabulary, one or two right verdicts', () => {
    for (const scenario of PRACTICE_SCENARIOS) {
      expect(scenario.title.length, scenario.id).toBeGreaterThan(0);
      expect(scenario.situation.length, scenario.id).toBeGreaterThan(20);
      expect(scenario.why.length, scenario.id).toBeGreaterThan(20);
      expect(Number.isFinite(scenario.minutes) && scenario.minutes >= 0, scenario.id).toBe(true);
      expect(PHASES, scenario.id).toContain(scenario.phase);
      for (const cue of scenario.cues) expect(CUES, scenario.id).toContain(cue);
      expect(new Set(scenario.cues).size, scenario.id).toBe(scenario.cues.length);
      expect(scenario.right.length, scenario.id).toBeGreaterThanOrEqual(1);
      expect(scenario.right.length, scenario.id).toBeLessThanOrEqual(2);
      for (const verdict of scenario.right) expect(VERDICTS, scenario.id).toContain(verdict);
    }
  });

  test.each(PRACTICE_SCENARIOS.map((scenario) => [scenario.id, scenario] as const))(
    'the moment advisor agrees with %s',
    (_id, scenario) => {
      expect(scenario.right).toContain(adviseMoment(scenario).verdict);
    },
  );

  test('includes the tricky cases of the guide', () => {
    const verdictOf = (id: string): Verdict => adviseMoment(findScenario(id)).verdict;
    expect(verdictOf('coffee-line-great-start')).toBe('wait'); // great signals in minute two
    expect(verdictOf('party-uncomfortable-laughter')).toBe('let-it-be'); // uncomfortable amid laughter
    expect(findScenario('pottery-class-partner-mention').right).not.toContain('ask-now');
    expect(verdictOf('farmers-market-hurry-smile')).toBe('offer-instead'); // in a hurry but smiling
    expect(verdictOf('board-game-cafe-long-talk')).toBe('ask-now'); // don't wait too long
    expect(verdictOf('trivia-night-weak-long')).toBe('offer-instead'); // weak signals after a long talk
  });

  test('never marks asking right in the first few minutes', () => {
    for (const scenario of PRACTICE_SCENARIOS.filter((s) => s.minutes < 5)) {
      expect(scenario.right, scenario.id).not.toContain('ask-now');
      expect(scenario.right, scenario.id).not.toContain('ask-before-it-ends');
    }
  });
});

describe('scorePractice', () => {
  test('a right answer is correct and carries the why and the advisor’s reasons', () => {
    const result = scorePractice('climbing-wall-belay-banter', 'ask-now');
    expect(result).toMatchObject({
      scenarioId: 'climbing-wall-belay-banter',
      answer: 'ask-now',
      correct: true,
      right: ['ask-now'],
    });
    expect(result.why).toBe(findScenario('climbing-wall-belay-banter').why);
    expect(result.advice.verdict).toBe('ask-now');
    expect(result.advice.reasons.map((reason) => reason.id)).toEqual([
      'rapport-flowing',
      'laughing',
      'questions-back',
    ]);
  });

  test('a wrong answer is not correct and still says what was right', () => {
    const result = scorePractice('coffee-line-great-start', 'ask-now');
    expect(result.correct).toBe(false);
    expect(result.answer).toBe('ask-now');
    expect(result.right).toEqual(['wait']);
    expect(result.advice.reasons[0]).toMatchObject({ kind: 'rule', id: 'too-early' });
  });

  test('either verdict counts where the guide allows both', () => {
    expect(scorePractice('conference-panel-follow-up', 'ask-now').correct).toBe(true);
    expect(scorePractice('conference-panel-follow-up', 'offer-instead').correct).toBe(true);
    expect(scorePractice('conference-panel-follow-up', 'let-it-be').correct).toBe(false);
  });

  test('correct is exactly "the answer is one of the right verdicts", for every scenario and answer', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRACTICE_SCENARIOS),
        fc.constantFrom(...VERDICTS),
        (scenario, answer) => {
          const result = scorePractice(scenario.id, answer);
          expect(result.correct).toBe(scenario.right.includes(answer));
          expect(result.advice).toEqual(adviseMoment(scenario));
        },
      ),
    );
  });

  test('an unknown scenario id is scenario-not-found on scenarioId, naming how to list them', () => {
    const error = catchDomainError(() => scorePractice('no-such-scenario', 'wait'));
    expect(error.code).toBe('scenario-not-found');
    expect(error.field).toBe('scenarioId');
    expect(error.message).toBe(
      "no practice scenario 'no-such-scenario': run 'rapport practice --json' to list them",
    );
    expect(catchDomainError(() => findScenario('')).code).toBe('scenario-not-found');
  });

  test('an answer that is not a verdict is invalid-input on answer, listing the allowed ones', () => {
    const error = catchDomainError(() => scorePractice('gym-first-hello', 'maybe'));
    expect(error.code).toBe('invalid-input');
    expect(error.field).toBe('answer');
    expect(error.message).toBe(`unknown answer 'maybe': allowed are ${VERDICTS.join(', ')}`);
    expect(catchDomainError(() => scorePractice('gym-first-hello', 'Wait')).field).toBe('answer');
  });
});

describe('pickScenarios', () => {
  const seed = fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 });

  test('the same seed always gives the same scenarios in the same order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TOTAL }), seed, (count, value) => {
        const first = pickScenarios(count, value).map((scenario) => scenario.id);
        expect(pickScenarios(count, value).map((scenario) => scenario.id)).toEqual(first);
      }),
    );
  });

  test('picks exactly count distinct scenarios from the table', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TOTAL }), seed, (count, value) => {
        const picked = pickScenarios(count, value);
        expect(picked).toHaveLength(count);
        expect(new Set(picked.map((scenario) => scenario.id)).size).toBe(count);
        for (const scenario of picked) expect(PRACTICE_SCENARIOS).toContain(scenario);
      }),
    );
  });

  test('clamps count to the number of scenarios, and to 0 at the bottom', () => {
    const all = pickScenarios(TOTAL + 50, 7);
    expect(all).toHaveLength(TOTAL);
    expect(new Set(all.map((scenario) => scenario.id))).toEqual(new Set(scenarioIds));
    expect(pickScenarios(Number.POSITIVE_INFINITY, 7)).toHaveLength(TOTAL);
    expect(pickScenarios(-3, 7)).toEqual([]);
    expect(pickScenarios(Number.NaN, 7)).toEqual([]);
    expect(pickScenarios(2.9, 7)).toHaveLength(2);
  });

  test('different seeds give different orders', () => {
    const orders = new Set<string>();
    for (let value = 0; value < 50; value++) {
      orders.add(
        pickScenarios(TOTAL, value)
          .map((scenario) => scenario.id)
          .join(','),
      );
    }
    expect(orders.size).toBe(50);
    expect(pickScenarios(5, 1).map((s) => s.id)).not.toEqual(pickScenarios(5, 2).map((s) => s.id));
  });

  test('shuffles: the full draw is not the table order', () => {
    expect(pickScenarios(TOTAL, 42).map((scenario) => scenario.id)).not.toEqual(scenarioIds);
  });
});
