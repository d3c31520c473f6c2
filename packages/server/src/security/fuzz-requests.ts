import fc from 'fast-check';
import { exampleBody } from './example-body.ts';
import { isIdField, type JsonSchema, type RouteEntry } from './route-table.ts';

/** Stands for "one of the signed-in account's record ids"; replaced at request time (the pool changes). */
export const ID_MARKER = '\u0000record-id:';

/** One generated request, before ids are filled in. */
export interface FuzzRequest {
  params: { value: string; encoded: boolean }[];
  query: [string, string][];
  body: FuzzBody;
  auth: 'session' | 'none' | 'bad-cookie' | 'bad-bearer';
  /** A client address; undefined keeps the default, so the per-address limits are met too. */
  address: string | undefined;
}

export type FuzzBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string | undefined; payload: string | Uint8Array };

export const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  'javascript:alert(1)',
  "';alert(String.fromCharCode(88,83,83))//",
  '<iframe srcdoc="<script>alert(1)</script>">',
  '{{constructor.constructor("alert(1)")()}}',
  '</textarea><script>alert(1)</script>',
];
const NASTY = [
  ...XSS_PAYLOADS,
  "' OR 1=1 --",
  "Robert'); DROP TABLE people;--",
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil\u202c',
  '\u200b',
  '\ufeff',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1F',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  ' ',
  '\t\r\n',
  '',
  '%00',
  '../../../etc/passwd',
  '😀'.repeat(30),
  'Z̸̡̢̛̗̩̫a̴l̶g̷o̵',
  '١٢٣٤٥',
  'Europe/Berlin',
  '22:00-08:00',
  'told-me-and-agreed',
  '2026-03-28T19:00:00Z',
  '2026-02-30T25:61:00Z',
];
const PHONES = [
  '+4915712345678',
  '015712345678',
  '+49 157 1234 5678',
  '+1 202-555-0143',
  '(202) 555-0143',
  '+442071838750',
  '++4915712345678',
  '+49157',
  '+4915712345678901234',
  'tel:+4915712345678',
  '+49 (0) 157 12345678',
  '١٥٧١٢٣٤٥٦٧٨',
  '+8613800138000',
  '911',
  '+',
  ' +4915712345678 ',
];
const HUGE = ['x'.repeat(20_000), 'é'.repeat(9_000), '😀'.repeat(3_000), 'a'.repeat(101), 'a'.repeat(5_001)];

const idMarker = fc.nat(60).map((n) => `${ID_MARKER}${n}`);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY, ...PHONES) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  { weight: 1, arbitrary: idMarker },
);
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 48, 49, 100, 500, 501, 2 ** 31, 2 ** 53 + 1, -(2 ** 53), 1e308, 5e-324),
);
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const deepArray = fc
  .integer({ min: 1, max: 2_000 })
  .map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown);
const anyJson = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: deepArray },
);
const oddKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'accountId',
    'account_id',
    'role',
    'isAdmin',
    'id',
  ),
);

/** Bodies that are not JSON at all, or not what they claim to be. */
const INVALID_JSON = ['{', '{"a":', 'NaN', "{'a':1}", '\ufeff{}', '{"a":1}}', '[1,]', '"unterminated', ''];
const PROTO_JSON = ['{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}'];
const vcardLine = fc.oneof(
  text.map((value) => `FN:${value}`),
  fc.constantFrom(...PHONES).map((phone) => `TEL;TYPE=CELL:${phone}`),
  text.map((value) => `TEL:${value}`),
  text.map((value) => `NOTE:${value}`),
  text.map((value) => `URL:https://instagram.com/${value}`),
  text.map((value) => `EMAIL:${value}`),
  fc
    .tuple(fc.nat(120), fc.nat(4), fc.constantFrom('', 'é', '😀'))
    .map(([length, gap, tail]) => `FN:${'n'.repeat(length)}${' '.repeat(gap)}${tail}b`),
  fc.constantFrom(
    'N:Doe;Jane;;;',
    'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen =',
    ' folded continuation',
    'PHOTO;ENCODING=b;TYPE=JPEG:AAAA',
    'VERSION:9.9',
    'END:VCARD',
    'BEGIN:VCARD',
  ),
);
const vcard = fc
  .array(
    fc
      .tuple(fc.constantFrom('2.1', '3.0', '4.0'), fc.array(vcardLine, { maxLength: 8 }))
      .map(([version, lines]) => ['BEGIN:VCARD', `VERSION:${version}`, ...lines, 'END:VCARD'].join('\r\n')),
    { minLength: 1, maxLength: 4 },
  )
  .map((cards) => cards.join('\r\n'));
const rawBody: fc.Arbitrary<FuzzBody> = fc.oneof(
  fc.record({
    kind: fc.constant('raw' as const),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-16', 'Application/JSON'),
    payload: fc.oneof(
      fc.constantFrom(...INVALID_JSON, ...PROTO_JSON),
      fc.string().map((s) => `{${s}`),
    ),
  }),
  fc.record({
    kind: fc.constant('raw' as const),
    contentType: fc.constantFrom(
      'text/plain',
      'text/html',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/vcard',
      'text/x-vcard',
      'image/png',
      ';;;',
      'application/json, text/plain',
      undefined,
    ),
    payload: fc.oneof(text, vcard),
  }),
  fc.record({
    kind: fc.constant('raw' as const),
    contentType: fc.constantFrom('application/octet-stream', 'text/vcard'),
    payload: fc.oneof(
      fc.uint8Array({ maxLength: 2_000 }),
      vcard.map((card) => new TextEncoder().encode(card)),
    ),
  }),
);

/** A value for a field of this schema: mostly of the right shape, edge values, sometimes anything. */
export function valueFor(schema: JsonSchema | undefined, field: string, depth = 0): fc.Arbitrary<unknown> {
  const wrong = depth > 2 ? scalar : anyJson;
  if (!schema) return wrong;
  return fc.oneof({ weight: 4, arbitrary: fitting(schema, field, depth) }, { weight: 1, arbitrary: wrong });
}

function fitting(schema: JsonSchema, field: string, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (branches.length > 0) return fc.oneof(...branches.map((branch) => fitting(branch, field, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) return objectFor(schema, depth);
  if (type === 'array')
    return fc.array(valueFor(schema.items, field, depth + 1), { maxLength: (schema.maxItems ?? 4) + 2 });
  if (type === 'integer' || type === 'number') {
    const edges = [schema.minimum, schema.maximum].filter((edge) => edge !== undefined);
    return fc.oneof(
      number,
      fc.constantFrom(...edges.flatMap((edge) => [edge - 1, edge, edge + 0.5, edge + 1]), 0),
    );
  }
  if (type === 'boolean') return fc.boolean();
  const sample = fc
    .nat()
    .map((serial) =>
      exampleBody(schema, { word: 'fuzz', now: '2026-03-28T19:00:00.000Z', serial, full: true }, field),
    );
  if (isIdField(field, schema)) return fc.oneof(idMarker, idMarker, text, sample);
  if (/phone/i.test(field))
    return fc.oneof(fc.constantFrom(...PHONES), fc.stringMatching(/^\+?[\d ()-]{0,20}$/), text);
  return fc.oneof(text, sample, sample);
}

function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(schema.properties ?? {}).map(([name, property]) => [
    name,
    valueFor(property, name, depth + 1),
  ]);
  const record = fc.record(Object.fromEntries(fields) as Record<string, fc.Arbitrary<unknown>>, {
    requiredKeys: [],
  });
  const extra = fc.option(fc.dictionary(oddKey, scalar, { maxKeys: 2 }), { freq: 6 });
  return fc.tuple(record, extra).map(([values, more]) => ({ ...values, ...(more ?? {}) }));
}

/** Bodies for a route: its schema's shape bent every way, valid examples nudged, anything JSON, non-JSON. */
export function bodyFor(route: RouteEntry): fc.Arbitrary<FuzzBody> {
  const json = (value: fc.Arbitrary<unknown>) => value.map((v): FuzzBody => ({ kind: 'json', value: v }));
  const shaped = route.body ? objectFor(route.body, 0) : fc.dictionary(oddKey, anyJson, { maxKeys: 4 });
  const nudged = fc
    .tuple(fc.boolean(), fc.nat(), shaped, fc.nat(2))
    .map(([full, serial, overrides, keep]) => ({
      ...(exampleBody(route.body, {
        word: 'fuzz',
        now: '2026-03-28T19:00:00.000Z',
        serial,
        full,
        idFor: (field) => (field === 'id' ? undefined : `${ID_MARKER}${serial}`),
      }) as Record<string, unknown> | undefined),
      ...Object.fromEntries(Object.entries(overrides).slice(0, keep)),
    }));
  return fc.oneof(
    { weight: 5, arbitrary: json(shaped) },
    { weight: 3, arbitrary: json(nudged) },
    { weight: 2, arbitrary: json(anyJson) },
    { weight: 2, arbitrary: rawBody },
    { weight: 1, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
  );
}

/**
 * Path parameters: the account's ids, any text, odd but well-formed escapes. Malformed escapes and
 * parameters over Fastify's 100 characters are tried by their own test (route-fuzz.test.ts).
 */
const paramValue = fc.oneof(
  { weight: 6, arbitrary: idMarker.map((value) => ({ value, encoded: true })) },
  {
    weight: 3,
    arbitrary: text
      .filter((value) => encodeURIComponent(wellFormed(value)).length <= 100)
      .map((value) => ({ value, encoded: true })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('%00', '%2e%2e', '..%2F..%2F', 'x'.repeat(100), '.', '%F0%9F%98%80', 'a%20b')
      .map((value) => ({ value, encoded: false })),
  },
);

/** Lone surrogates cannot be percent-encoded; they go as U+FFFD, as a browser would send them. */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Whole requests for a route: parameters, query, body, credentials and client address. */
export function requestFor(route: RouteEntry, stateChanging: boolean): fc.Arbitrary<FuzzRequest> {
  const queryValue = fc.oneof(text, number.map(String), fc.constantFrom('', '-1', '1e3', 'true', '[]'));
  // The route's own query fields with values of their kind, plus stray ones.
  const known = fc
    .record(
      Object.fromEntries(
        Object.entries(route.query?.properties ?? {}).map(([name, schema]) => [
          name,
          fc.oneof(
            { weight: 3, arbitrary: valueFor(schema, name, 2).map(asQueryText) },
            { weight: 1, arbitrary: queryValue },
          ),
        ]),
      ) as Record<string, fc.Arbitrary<string>>,
      { requiredKeys: [] },
    )
    .map((values) => Object.entries(values) as [string, string][]);
  const stray = fc.oneof(
    { weight: 3, arbitrary: fc.constant<[string, string][]>([]) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(fc.oneof(oddKey, fc.constant('search')), queryValue), { maxLength: 3 }),
    },
  );
  const query = fc.tuple(known, stray).map(([own, extra]) => [...own, ...extra]);
  return fc.record({
    params: fc.array(paramValue, { minLength: route.params.length, maxLength: route.params.length }),
    query,
    body: stateChanging
      ? bodyFor(route)
      : fc.oneof(
          { weight: 9, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
          { weight: 1, arbitrary: bodyFor(route) },
        ),
    auth: fc.constantFrom(
      'session',
      'session',
      'session',
      'session',
      'session',
      'session',
      'none',
      'bad-cookie',
      'bad-bearer',
    ),
    address: fc.option(fc.ipV4(), { freq: 2, nil: undefined }),
  });
}

/** A generated value as query text: strings as they are, anything else as its JSON. */
function asQueryText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}

/** Replaces every id marker in a generated value with one of the account's ids, chosen for its field. */
export function fillIds(value: unknown, idAt: (n: number, field: string) => string, field = ''): unknown {
  if (typeof value === 'string')
    return value.startsWith(ID_MARKER) ? idAt(Number(value.slice(ID_MARKER.length)), field) : value;
  if (Array.isArray(value)) return value.map((item) => fillIds(item, idAt, field));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fillIds(entry, idAt, key)]));
  return value;
}
