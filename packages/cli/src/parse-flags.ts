import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.ts';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

export interface ParsedFlags {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * Reads argv against the command's flags. Every mistake becomes one line naming the flag and what
 * is allowed; a negative number after a flag is taken as its value so the range check can name it.
 */
export function parseFlags(
  command: string,
  args: readonly string[],
  spec: FlagSpec,
  positionals = false,
): ParsedFlags {
  const options = { ...spec, help: { type: 'boolean' as const, short: 'h' } };
  const normalized = joinNegativeNumbers(args, spec);
  try {
    const { values, positionals: rest } = parseArgs({
      args: normalized,
      options,
      strict: true,
      allowPositionals: positionals,
    });
    return { values: values as ParsedFlags['values'], positionals: rest };
  } catch (error: unknown) {
    throw new UsageError(describeParseError(command, error, spec));
  }
}

function joinNegativeNumbers(args: readonly string[], spec: FlagSpec): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const next = args[index + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    if (spec[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else joined.push(arg);
  }
  return joined;
}

function describeParseError(command: string, error: unknown, spec: FlagSpec): string {
  const allowed = Object.keys(spec)
    .map((name) => `--${name}`)
    .join(', ');
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown flag ${flag}: allowed are ${allowed}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const extra = /'([^']*)'/.exec(message)?.[1] ?? '';
    return `unexpected argument '${extra}': rapport ${command} takes only flags (${allowed})`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (spec[flag.replace(/^--/, '')]?.type === 'boolean') return `${flag} takes no value`;
    return `${flag} needs a value`;
  }
  return message.split('\n')[0] ?? message;
}

/** A flag value as a number when it reads as one; otherwise the text, so errors can quote it. */
export function toNumber(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}

/** A comma-separated flag as a list, empty items dropped: "a, b,,c" → ["a", "b", "c"]. */
export function toList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
