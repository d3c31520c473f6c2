import { type Coaching, coachMessage, parseCoachContext } from '@rapport/core';
import type { CliIo } from '../cli-io.ts';
import { createPaint, type Paint } from '../paint.ts';
import { parseFlags, toNumber } from '../parse-flags.ts';
import { UsageError, usageErrorFrom } from '../usage-error.ts';

const FLAGS = {
  name: { type: 'string' },
  topic: { type: 'string', multiple: true },
  'hours-since-meeting': { type: 'string' },
  unanswered: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const FLAG_BY_FIELD = {
  theirName: '--name',
  topics: '--topic',
  hoursSinceMeeting: '--hours-since-meeting',
  unanswered: '--unanswered',
};

export async function runCoach(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags('coach', args, FLAGS, true);
  const parsed = parseCoachContext({
    theirName: values.name,
    topics: values.topic,
    hoursSinceMeeting: toNumber(values['hours-since-meeting'] as string | undefined),
    unanswered: toNumber(values.unanswered as string | undefined),
  });
  if (!parsed.ok) throw usageErrorFrom(parsed.problems, FLAG_BY_FIELD);
  const text = positionals.length > 0 ? positionals.join(' ') : await readMessage(io);
  if (text.trim() === '') {
    throw new UsageError('the message <text> is empty: give the text to check as an argument or on stdin');
  }
  const coaching = coachMessage(text, parsed.value);
  io.stdout(values.json ? JSON.stringify(coaching) : formatCoaching(text, coaching, createPaint(io.color)));
  return 0;
}

async function readMessage(io: CliIo): Promise<string> {
  if (io.stdinIsTty) {
    throw new UsageError('no message <text>: give the text to check as an argument, or pipe it on stdin');
  }
  return io.readStdin();
}

function formatCoaching(text: string, coaching: Coaching, paint: Paint): string {
  const verdict = coaching.verdict === 'send' ? paint.green('Send it') : paint.yellow('Revise');
  const lines = [`${paint.bold(verdict)} (${coaching.verdict}, score ${coaching.score}/100)`];
  for (const flag of coaching.flags) {
    const words = flag.span ? ` ${paint.dim(`“${text.slice(flag.span.start, flag.span.end)}”`)}` : '';
    lines.push('', `${paint.bold(flag.code)}: ${flag.message}${words}`, `  → ${flag.suggestion}`);
  }
  if (coaching.flags.length === 0)
    lines.push('It references what you talked about and asks an open question.');
  return lines.join('\n');
}
