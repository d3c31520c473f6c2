/** Every expected failure of the core, by code. Each edge maps these codes in one table. */
export const DOMAIN_ERROR_CODES = [
  'invalid-input',
  'scenario-not-found',
  'not-found',
  'unauthenticated',
  'phone-taken',
  'email-taken',
  'id-taken',
  'signups-closed',
  'unsupported-media-type',
  'cross-site-request',
  'misdirected-request',
  'rate-limited',
  'store-unavailable',
  'overloaded',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** One problem with one field of an input: which field, and what to do about it. */
export interface Problem {
  field: string;
  message: string;
}

/** The result of parsing untrusted input: the value, or every problem found. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/**
 * An expected failure, with a code from {@link DOMAIN_ERROR_CODES} and, for bad input, the field.
 * @example throw new DomainError('invalid-input', 'minutes must be a number of minutes, 0 or more', 'minutes')
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field: string | undefined;

  constructor(code: DomainErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
  }
}

/** Returns the parsed value, or throws a DomainError naming the first problem's field. */
export function unwrapParsed<T>(parsed: Parsed<T>): T {
  if (parsed.ok) return parsed.value;
  const first = parsed.problems[0];
  throw new DomainError('invalid-input', first?.message ?? 'invalid input', first?.field);
}

/** A bad value as it should appear in an error message: quoted strings, `nothing` for undefined. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}
