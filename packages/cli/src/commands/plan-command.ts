import {
  type FollowUpPlan,
  parseMeetingTime,
  parsePlanInput,
  parseQuietHours,
  planFollowUp,
} from '@rapport/core';
import type { CliIo } from '../cli-io.ts';
import { createPaint, type Paint } from '../paint.ts';
import { parseFlags } from '../parse-flags.ts';
import { UsageError, usageErrorFrom } from '../usage-error.ts';

const FLAGS = {
  met: { type: 'string' },
  tz: { type: 'string' },
  quiet: { type: 'string' },
  topic: { type: 'string', multiple: true },
  name: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const FLAG_BY_FIELD = {
  metAt: '--met',
  timeZone: '--tz',
  quietHours: '--quiet',
  topics: '--topic',
  theirName: '--name',
};
const DEFAULT_QUIET_HOURS = '22:00-08:00';

export async function runPlan(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('plan', args, FLAGS);
  if (values.met === undefined)
    throw new UsageError('--met <date-time> is required, e.g. --met 2026-03-28T20:00');
  const timeZone = (values.tz as string | undefined) ?? io.timeZone;
  const quiet = parseQuietHours((values.quiet as string | undefined) ?? DEFAULT_QUIET_HOURS);
  if (!quiet.ok) throw usageErrorFrom(quiet.problems, FLAG_BY_FIELD);
  const metAt = parseMeetingTime(values.met as string, timeZone);
  if (!metAt.ok) throw usageErrorFrom(metAt.problems, FLAG_BY_FIELD);
  const parsed = parsePlanInput({
    metAt: metAt.value,
    timeZone,
    quietHours: quiet.value,
    topics: values.topic,
    theirName: values.name,
  });
  if (!parsed.ok) throw usageErrorFrom(parsed.problems, FLAG_BY_FIELD);
  const plan = planFollowUp(parsed.value);
  io.stdout(values.json ? JSON.stringify(plan) : formatPlan(plan, createPaint(io.color)));
  return 0;
}

function formatPlan(plan: FollowUpPlan, paint: Paint): string {
  const { earliest, latest, suggested, draft } = plan.firstMessage;
  const lines = [paint.bold(plan.advice), ''];
  lines.push(`${paint.bold('First text:')} ${paint.green(readable(suggested))}`);
  lines.push(paint.dim(`  any time from ${readable(earliest)} to ${readable(latest)}`));
  if (draft) lines.push(`  “${draft}”`);
  if (plan.cadence.length > 0) {
    lines.push('', paint.bold('Then:'));
    for (const step of plan.cadence) {
      lines.push(
        `  ${readable(step.at)}  ${step.kind === 'suggest-meetup' ? paint.cyan('suggest a meetup') : 'check in'}`,
      );
      lines.push(paint.dim(`    “${step.draft}”`));
    }
  }
  return lines.join('\n');
}

/** "2026-03-29T18:30:00+02:00" → "2026-03-29 18:30 (+02:00)": the plan's own local time, kept exact. */
function readable(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?(.*)$/.exec(iso);
  return match ? `${match[1]} ${match[2]} (${match[3]})` : iso;
}
