import { isIdField, type JsonSchema, type RouteEntry } from './route-table.ts';

/** What an example body is filled with. */
export interface ExampleFill {
  /** Free text: lower-case letters, distinctive per account so that a leak of it can be spotted. */
  word: string;
  /** ISO time for date-time fields. */
  now: string;
  /** Varies numbers and addresses that must be unique (phone, email) between examples. */
  serial: number;
  /** Optional fields too, not only the required ones. */
  full: boolean;
  /** The id to put in a field that names a record; undefined leaves an optional one out. */
  idFor?: (field: string) => string | undefined;
}

/**
 * Fields whose valid values a JSON schema cannot say (refinements in the route's zod schema). A
 * field added tomorrow with such a rule answers 400 until it is named here; the tests say so.
 */
const HINTS: Record<string, (fill: ExampleFill) => unknown> = {
  email: (fill) => `${fill.word}${fill.serial}@example.org`,
  password: () => 'correct-horse-battery-staple',
  phone: (fill) => `+4915712${String(fill.serial % 1_000_000).padStart(6, '0')}`,
  phoneRegion: () => 'DE',
  timeZone: () => 'Europe/Berlin',
  quietHours: () => '22:00-08:00',
};

/** A body the schema accepts, derived from the schema alone (plus {@link HINTS}). */
export function exampleBody(schema: JsonSchema | undefined, fill: ExampleFill, field = ''): unknown {
  if (!schema) return undefined;
  const hint = HINTS[field];
  const types = [schema.type, ...(schema.anyOf ?? []).map((branch) => branch.type)].flat();
  if (hint && types.includes('string')) return hint(fill);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((value) => value !== null) ?? null;
  const branch = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].find((b) => !isNullOnly(b));
  if (branch) return exampleBody(branch, fill, field);
  if (schema.allOf?.length) return exampleBody(Object.assign({}, ...schema.allOf), fill, field);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) return exampleObject(schema, fill);
  if (type === 'array') {
    const count = Math.max(schema.minItems ?? 0, fill.full ? 1 : 0);
    return Array.from({ length: Math.min(count, schema.maxItems ?? count) }, () =>
      exampleBody(schema.items, fill, field),
    );
  }
  if (type === 'integer' || type === 'number') return exampleNumber(schema, type === 'integer');
  if (type === 'boolean') return fill.full; // every option on in a full body: a card shows all it can
  if (type === 'null') return null;
  const id = isIdField(field, schema) ? fill.idFor?.(field) : undefined;
  return id ?? exampleString(schema, fill);
}

/** The route's required query parameters with valid values, as a URLSearchParams to add to. */
export function exampleQuery(route: RouteEntry, fill: ExampleFill): URLSearchParams {
  const values = (exampleBody(route.query, { ...fill, full: false }) ?? {}) as Record<string, unknown>;
  return new URLSearchParams(
    Object.entries(values).map(([key, value]): [string, string] => [key, String(value)]),
  );
}

function exampleObject(schema: JsonSchema, fill: ExampleFill): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  const body: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (!fill.full && !required.has(name)) continue;
    if (isIdField(name, property) && !required.has(name) && fill.idFor?.(name) === undefined) continue;
    const value = exampleBody(property, fill, name);
    if (value !== undefined) body[name] = value;
  }
  return body;
}

function exampleNumber(schema: JsonSchema, integer: boolean): number {
  const low =
    typeof schema.exclusiveMinimum === 'number'
      ? schema.exclusiveMinimum + 1
      : (schema.minimum ?? 0) + (schema.exclusiveMinimum === true ? 1 : 0);
  const high = schema.maximum ?? Number.POSITIVE_INFINITY;
  const value = Math.min(Math.max(low, 1), high);
  return integer ? Math.ceil(value) : value;
}

function exampleString(schema: JsonSchema, fill: ExampleFill): string {
  if (schema.format === 'date-time') return fill.now;
  if (schema.format === 'date') return fill.now.slice(0, 10);
  if (schema.format === 'email') return `${fill.word}${fill.serial}@example.org`;
  if (schema.format === 'uri' || schema.format === 'url') return `https://example.org/${fill.word}`;
  if (schema.format === 'uuid') return crypto.randomUUID();
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    const candidates = [fill.now, fill.now.slice(0, 10), '22:00', '22:00-08:00', fill.word, 'DE', '1'];
    const match = candidates.find((candidate) => pattern.test(candidate));
    if (match) return match;
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
  return fill.word.padEnd(Math.max(min, 1), fill.word).slice(0, Math.max(max, 0));
}

function isNullOnly(schema: JsonSchema): boolean {
  return schema.type === 'null' || (schema.enum?.length === 1 && schema.enum[0] === null);
}
