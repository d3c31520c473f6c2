import { type Advice, adviseMoment, parseMomentInput, type Verdict } from '@rapport/core';
import type { CliIo } from '../cli-io.ts';
import { createPaint, type Paint } from '../paint.ts';
import { parseFlags, toList, toNumber } from '../parse-flags.ts';
import { UsageError, usageErrorFrom } from '../usage-error.ts';

const FLAGS = {
  minutes: { type: 'string' },
  phase: { type: 'string' },
  cues: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function runMoment(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('moment', args, FLAGS);
  if (values.minutes === undefined) return missing('--minutes <n>');
  if (values.phase === undefined) return missing('--phase <opening|flowing|winding-down>');
  const parsed = parseMomentInput({
    minutes: toNumber(values.minutes as string),
    phase: values.phase,
    cues: toList(values.cues as string | undefined),
  });
  if (!parsed.ok)
    throw usageErrorFrom(parsed.problems, { minutes: '--minutes', phase: '--phase', cues: '--cues' });
  const advice = adviseMoment(parsed.value);
  io.stdout(values.json ? JSON.stringify(advice) : formatAdvice(advice, createPaint(io.color)));
  return 0;
}

function missing(flag: string): never {
  throw new UsageError(`${flag} is required`);
}

const VERDICT_LABELS: Record<Verdict, (paint: Paint) => string> = {
  wait: (paint) => paint.yellow('Wait'),
  'ask-now': (paint) => paint.green('Ask now'),
  'ask-before-it-ends': (paint) => paint.green('Ask before it ends'),
  'offer-instead': (paint) => paint.cyan('Offer instead'),
  'let-it-be': (paint) => paint.red('Let it be'),
};

export function formatAdvice(advice: Advice, paint: Paint): string {
  const [rule, ...cues] = advice.reasons;
  const lines = [
    `${paint.bold(VERDICT_LABELS[advice.verdict](paint))} (${advice.verdict}): ${rule?.message ?? ''}`,
  ];
  if (rule) lines.push(paint.dim(`  The guide: ${rule.guide}`));
  lines.push('', `${paint.bold('Next:')} ${advice.next}`);
  if (cues.length > 0) {
    lines.push('', paint.bold('What you noticed:'));
    for (const cue of cues) lines.push(`  ${cue.id}: ${cue.message} ${paint.dim(cue.guide)}`);
  }
  return lines.join('\n');
}
