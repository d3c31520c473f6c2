import type { Problem } from '@rapport/core';

/** Bad usage: the command prints the message as one line on stderr and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Turns the core's first problem into a usage error that names the flag instead of the field,
 * e.g. "minutes must be …" becomes "--minutes must be …".
 */
export function usageErrorFrom(
  problems: readonly Problem[],
  flagByField: Readonly<Record<string, string>>,
): UsageError {
  const problem = problems[0];
  if (!problem) return new UsageError('invalid input');
  const flag = flagByField[problem.field] ?? problem.field;
  const field = new RegExp(`\\b${problem.field}\\b`);
  const message = field.test(problem.message)
    ? problem.message.replace(field, flag)
    : `${flag}: ${problem.message}`;
  return new UsageError(message);
}
