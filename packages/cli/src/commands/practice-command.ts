import {
  PRACTICE_SCENARIOS,
  type PracticeScenario,
  pickScenarios,
  scorePractice,
  VERDICTS,
} from '@rapport/core';
import type { CliIo } from '../cli-io.ts';
import { createPaint, type Paint } from '../paint.ts';
import { parseFlags, toNumber } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';

const FLAGS = { count: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } } as const;
const DEFAULT_COUNT = 5;

export async function runPractice(
  args: readonly string[],
  io: CliIo,
  newSeed: () => number,
): Promise<number> {
  const { values } = parseFlags('practice', args, FLAGS);
  if (values.json) {
    io.stdout(JSON.stringify({ scenarios: PRACTICE_SCENARIOS }));
    return 0;
  }
  const count = wholeNumber('--count', values.count as string | undefined, 1) ?? DEFAULT_COUNT;
  const seed = wholeNumber('--seed', values.seed as string | undefined, 0) ?? newSeed();
  const paint = createPaint(io.color);
  const round = pickScenarios(count, seed);
  io.stdout(`${paint.bold(`Practice: ${round.length} moments.`)} Answer with a number (q to stop).`);
  let right = 0;
  let answered = 0;
  for (const [index, scenario] of round.entries()) {
    io.stdout(formatScenario(scenario, `${index + 1}/${round.length}`, paint));
    const answer = await askVerdict(io);
    if (answer === undefined) break;
    const result = scorePractice(scenario.id, answer);
    answered++;
    if (result.correct) right++;
    const mark = result.correct
      ? paint.green(`✓ Right: ${answer}.`)
      : paint.yellow(`✗ Not quite: ${answer}.`);
    io.stdout(
      `${mark} The right call: ${result.right.join(' or ')}. ${result.why}\n${paint.dim(`Score: ${right}/${answered}`)}\n`,
    );
  }
  io.stdout(paint.bold(`You read ${right} of ${answered} moments right.`));
  return 0;
}

function wholeNumber(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = toNumber(text);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${flag} must be a whole number, ${min} or more (got '${text}')`);
  }
  return value;
}

function formatScenario(scenario: PracticeScenario, position: string, paint: Paint): string {
  const cues = scenario.cues.length > 0 ? `you notice: ${scenario.cues.join(', ')}` : 'no particular cues';
  const choices = VERDICTS.map((verdict, index) => `${index + 1}) ${verdict}`).join('  ');
  return [
    '',
    `${paint.dim(position)}  ${paint.bold(scenario.title)}`,
    scenario.situation,
    paint.dim(
      `${scenario.minutes} minute${scenario.minutes === 1 ? '' : 's'} in · ${scenario.phase} · ${cues}`,
    ),
    `  ${choices}`,
  ].join('\n');
}

/** Asks until the answer is a verdict (by number or name); undefined when the user stops. */
async function askVerdict(io: CliIo): Promise<string | undefined> {
  for (;;) {
    const line = (await io.readLine('> '))?.trim().toLowerCase();
    if (line === undefined || line === 'q' || line === 'quit') return undefined;
    const byNumber = VERDICTS[Number(line) - 1];
    if (/^\d+$/.test(line) && byNumber) return byNumber;
    if ((VERDICTS as readonly string[]).includes(line)) return line;
    io.stdout(`Type a number from 1 to ${VERDICTS.length}, or a verdict such as ask-now (q to stop).`);
  }
}
