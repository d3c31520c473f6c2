import { type Advice, adviseMoment } from './advise-moment.ts';
import { DomainError, describeValue } from './domain-error.ts';
import { PRACTICE_SCENARIOS, type PracticeScenario } from './practice-scenarios.ts';
import { createSeededRandom } from './seeded-random.ts';
import { isOneOf, VERDICTS, type Verdict } from './vocabulary.ts';

/** How one practice answer scored: right or not, the right verdicts, why, and the advisor's reasons. */
export interface PracticeResult {
  scenarioId: string;
  answer: Verdict;
  correct: boolean;
  right: readonly Verdict[];
  why: string;
  /** The moment advisor on the scenario, so the explanation can list its reasons too. */
  advice: Advice;
}

/**
 * Scores an answer to a practice scenario. Throws a DomainError for an unknown scenario
 * (`scenario-not-found`, field `scenarioId`) or an answer that is not a verdict (`invalid-input`, field `answer`).
 * @example
 * scorePractice('coffee-line-great-start', 'ask-now').correct // false: too early, the right answer is wait
 */
export function scorePractice(scenarioId: string, answer: string): PracticeResult {
  const scenario = findScenario(scenarioId);
  if (!isOneOf(VERDICTS, answer)) {
    throw new DomainError(
      'invalid-input',
      `unknown answer ${describeValue(answer)}: allowed are ${VERDICTS.join(', ')}`,
      'answer',
    );
  }
  return {
    scenarioId: scenario.id,
    answer,
    correct: scenario.right.includes(answer),
    right: scenario.right,
    why: scenario.why,
    advice: adviseMoment(scenario),
  };
}

const SCENARIOS_BY_ID: ReadonlyMap<string, PracticeScenario> = new Map(
  PRACTICE_SCENARIOS.map((scenario) => [scenario.id, scenario]),
);

/**
 * The practice scenario with this id; throws a DomainError (`scenario-not-found`) naming the way to list them.
 * @example findScenario('climbing-wall-belay-banter').right // ['ask-now']
 */
export function findScenario(id: string): PracticeScenario {
  const scenario = SCENARIOS_BY_ID.get(id);
  if (scenario === undefined) {
    throw new DomainError(
      'scenario-not-found',
      `no practice scenario '${id}': run 'rapport practice --json' to list them`,
      'scenarioId',
    );
  }
  return scenario;
}

/**
 * `count` distinct scenarios in an order fixed by `seed` (the same seed always gives the same list).
 * `count` is clamped to 0…the number of scenarios. Randomness comes from the seed, never Math.random.
 * @example pickScenarios(5, 42).length // 5, and pickScenarios(5, 42) always returns the same five
 */
export function pickScenarios(count: number, seed: number): PracticeScenario[] {
  const pool = [...PRACTICE_SCENARIOS];
  const wanted = Number.isNaN(count) ? 0 : Math.max(0, Math.min(pool.length, Math.floor(count)));
  const random = createSeededRandom(seed);
  // A partial Fisher–Yates shuffle: the first `wanted` slots are a uniform random draw without repeats.
  for (let index = 0; index < wanted; index++) {
    const pick = index + Math.floor(random() * (pool.length - index));
    const chosen = pool[pick] as PracticeScenario;
    pool[pick] = pool[index] as PracticeScenario;
    pool[index] = chosen;
  }
  return pool.slice(0, wanted);
}
