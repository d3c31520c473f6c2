import { type AskLine, composeAsk, parseAskInput } from '@rapport/core';
import type { CliIo } from '../cli-io.ts';
import { createPaint, type Paint } from '../paint.ts';
import { parseFlags, toNumber } from '../parse-flags.ts';
import { usageErrorFrom } from '../usage-error.ts';

const FLAGS = {
  name: { type: 'string' },
  'my-name': { type: 'string' },
  reason: { type: 'string' },
  activity: { type: 'string' },
  approach: { type: 'string' },
  platform: { type: 'string' },
  friend: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const FLAG_BY_FIELD = {
  theirName: '--name',
  myName: '--my-name',
  reason: '--reason',
  activity: '--activity',
  approach: '--approach',
  platform: '--platform',
  friend: '--friend',
  seed: '--seed',
};

export async function runAsk(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('ask', args, FLAGS);
  const parsed = parseAskInput({
    theirName: values.name,
    myName: values['my-name'],
    reason: values.reason,
    activity: values.activity,
    approach: values.approach,
    platform: values.platform,
    friend: values.friend,
    seed: toNumber(values.seed as string | undefined),
  });
  if (!parsed.ok) throw usageErrorFrom(parsed.problems, FLAG_BY_FIELD);
  const ask = composeAsk(parsed.value);
  io.stdout(values.json ? JSON.stringify(ask) : formatAsk(ask, createPaint(io.color)));
  return 0;
}

function formatAsk(ask: AskLine, paint: Paint): string {
  return [
    paint.bold(`“${ask.line}”`),
    '',
    paint.bold('As you ask:'),
    ...ask.tips.map((tip) => `  • ${tip}`),
    '',
    `${paint.bold('If they say yes:')} ${paint.green(ask.ifAccepted)}`,
    `${paint.bold('If they say no:')}  ${paint.cyan(ask.ifDeclined)}`,
  ].join('\n');
}
