import type { FastifyInstance } from 'fastify';

/**
 * Every route of a built app, read from Fastify itself so that a route added tomorrow is covered by
 * the security tests without editing them: the OpenAPI document gives each documented route its
 * schemas, and the printed route tree adds the hidden ones.
 */
export interface RouteEntry {
  method: HttpMethod;
  /** Fastify's form, e.g. `/api/people/:id`. */
  url: string;
  /** Path parameters in order; `*` for a wildcard. */
  params: string[];
  /** In the OpenAPI document (not hidden). */
  documented: boolean;
  /** The JSON request body's schema, when the route declares one. */
  body: JsonSchema | undefined;
  /** The request body's media types, from the OpenAPI document. */
  bodyTypes: string[];
  /** The query string as one object schema, when the route declares query parameters. */
  query: JsonSchema | undefined;
  /** Status codes the document lists for the route. */
  statuses: number[];
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** The subset of JSON Schema (as the OpenAPI document writes it) the tests read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  description?: string;
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  responses?: Record<string, unknown>;
}

interface OpenApiDocument {
  paths?: Record<string, Partial<Record<Lowercase<HttpMethod>, OpenApiOperation>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS: HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
export const STATE_CHANGING: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Routes any visitor may call without a session, and why. Everything else answers only its owner.
 * Matched by method and URL prefix (`*` ends a prefix).
 */
export const PUBLIC_ROUTES: readonly { route: string; reason: string; forms?: true }[] = [
  {
    route: 'POST /api/accounts',
    reason: 'sign-up: takes no ids and answers alike whether the email was free',
  },
  {
    route: 'POST /api/sessions',
    reason: 'sign-in: takes no ids; unknown user and wrong password answer alike',
  },
  { route: 'GET /calendar/*', reason: 'the subscribable feed: its secret in the URL is the credential' },
  { route: 'GET /i/*', reason: "an introduction's page: the 128-bit token in its URL is the credential" },
  {
    route: 'POST /i/*',
    reason: 'accepting or declining an introduction from its page: the token is the credential',
    forms: true,
  },
  { route: 'GET /x/*', reason: "an exchange link's page: the 128-bit token in its URL is the credential" },
  {
    route: 'POST /x/*',
    reason: 'sharing back or declining from an exchange page: the token is the credential',
    forms: true,
  },
  { route: 'GET /', reason: 'the home page: static, no account data' },
  { route: 'GET /api/docs*', reason: 'the API documentation page and its static files: no account data' },
  { route: 'GET /api/openapi.json', reason: 'the API description: no account data' },
];

export function isPublicRoute(route: Pick<RouteEntry, 'method' | 'url'>): boolean {
  return publicEntryOf(route) !== undefined;
}

/** Whether the route is a public page's form target, which takes HTML form bodies as well as JSON. */
export function takesForms(route: Pick<RouteEntry, 'method' | 'url'>): boolean {
  return publicEntryOf(route)?.forms === true;
}

function publicEntryOf(route: Pick<RouteEntry, 'method' | 'url'>) {
  const key = `${route.method} ${route.url}`;
  return PUBLIC_ROUTES.find(({ route: pattern }) =>
    pattern.endsWith('*') ? key.startsWith(pattern.slice(0, -1)) : key === pattern,
  );
}

/** Every route of the app: documented ones with their schemas, hidden ones by method and URL. */
export function discoverRoutes(app: FastifyInstance): RouteEntry[] {
  const doc = app.swagger() as OpenApiDocument;
  const routes = new Map<string, RouteEntry>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const method of METHODS) {
      const operation = item[method.toLowerCase() as Lowercase<HttpMethod>];
      if (operation) routes.set(`${method} ${url}`, fromOperation(method, url, operation, doc));
    }
  }
  for (const { method, url } of parsePrintedRoutes(app.printRoutes({ commonPrefix: false }))) {
    const key = `${method} ${url}`;
    if (!routes.has(key)) routes.set(key, { ...bareRoute(method, url), documented: false });
  }
  // HEAD answers through the GET handler; testing GET covers it.
  return [...routes.values()].filter((route) => route.method !== 'HEAD' || !routes.has(`GET ${route.url}`));
}

/** Reads `printRoutes({ commonPrefix: false })`: each node's label continues its parent's path. */
export function parsePrintedRoutes(tree: string): { method: HttpMethod; url: string }[] {
  const found: { method: HttpMethod; url: string }[] = [];
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    const node = /^((?:[│ ] {3})*)[├└]── (.*)$/.exec(line);
    if (!node) continue;
    const depth = (node[1] ?? '').length / 4;
    const labelled = /^(.*?) \(([A-Z]+(?:, [A-Z]+)*)\)$/.exec(node[2] ?? '');
    const label = labelled ? (labelled[1] ?? '') : (node[2] ?? '');
    const url = (prefixes[depth - 1] ?? '') + label;
    prefixes[depth] = url;
    prefixes.length = depth + 1;
    for (const method of labelled?.[2]?.split(', ') ?? []) {
      if ((METHODS as string[]).includes(method)) found.push({ method: method as HttpMethod, url });
    }
  }
  return found;
}

/** Fills every path parameter of `url` (`:name` or `*`) with `valueFor(name)`, URL-encoded unless `encode` says otherwise. */
export function fillPath(
  url: string,
  valueFor: (param: string, index: number) => string,
  encode: (value: string, index: number) => string = (value) => encodeURIComponent(value),
): string {
  let index = 0;
  return url.replace(/:(\w+)(\([^)]*\))?|\*/g, (_match, name: string | undefined) => {
    const at = index++;
    return encode(valueFor(name ?? '*', at), at);
  });
}

/**
 * The collection a path parameter points into: `/api/people/:id` → `/api/people` for `id`, with
 * earlier parameters written `:` so that ids harvested at one URL match another's parameter.
 */
export function collectionOf(url: string, param: string): string {
  const at = url.indexOf(param === '*' ? '*' : `:${param}`);
  return normalizeUrl(url.slice(0, Math.max(0, at - 1)));
}

export function normalizeUrl(url: string): string {
  return url.replace(/:\w+(\([^)]*\))?/g, ':');
}

/** Every property name anywhere in the schema: the fuzzer's and the matrix's vocabulary. */
export function fieldNames(schema: JsonSchema | undefined, names = new Set<string>()): Set<string> {
  if (!schema) return names;
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    names.add(name);
    fieldNames(property, names);
  }
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    fieldNames(branch, names);
  fieldNames(schema.items, names);
  return names;
}

/**
 * A field that names another record, so the tests fill it with someone's id: by its name (`personId`,
 * `id`, `keep`, `other`) or by what its schema says it is ("one of my people").
 */
export function isIdField(name: string, schema?: JsonSchema): boolean {
  return (
    /Id$/.test(name) ||
    ['id', 'keep', 'other'].includes(name) ||
    /\b(one|another) of (my|your) \w+/i.test(schema?.description ?? '')
  );
}

/** The names of every id field anywhere in the schema. */
export function idFieldNames(schema: JsonSchema | undefined, names = new Set<string>()): Set<string> {
  if (!schema) return names;
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (isIdField(name, property)) names.add(name);
    idFieldNames(property, names);
  }
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    idFieldNames(branch, names);
  idFieldNames(schema.items, names);
  return names;
}

function fromOperation(
  method: HttpMethod,
  url: string,
  operation: OpenApiOperation,
  doc: OpenApiDocument,
): RouteEntry {
  const content = operation.requestBody?.content ?? {};
  const querySchema: JsonSchema = { type: 'object', properties: {}, required: [] };
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in !== 'query') continue;
    querySchema.properties = { ...querySchema.properties, [parameter.name]: resolve(parameter.schema, doc) };
    if (parameter.required) querySchema.required?.push(parameter.name);
  }
  const jsonBody = content['application/json']?.schema;
  return {
    ...bareRoute(method, url),
    documented: true,
    body: jsonBody ? resolve(jsonBody, doc) : undefined,
    bodyTypes: Object.keys(content),
    query: Object.keys(querySchema.properties ?? {}).length > 0 ? querySchema : undefined,
    statuses: Object.keys(operation.responses ?? {})
      .map(Number)
      .filter((status) => Number.isInteger(status)),
  };
}

function bareRoute(method: HttpMethod, url: string): RouteEntry {
  const params = [...url.matchAll(/:(\w+)|\*/g)].map((match) => match[1] ?? '*');
  return {
    method,
    url,
    params,
    documented: false,
    body: undefined,
    bodyTypes: [],
    query: undefined,
    statuses: [],
  };
}

/** Inlines `$ref`s so the rest of the tests read plain schemas. */
function resolve(schema: JsonSchema | undefined, doc: OpenApiDocument, depth = 0): JsonSchema {
  if (!schema || depth > 20) return {};
  const target = schema.$ref
    ? (doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] ?? {})
    : schema;
  const inline = (child: JsonSchema) => resolve(child, doc, depth + 1);
  return {
    ...target,
    ...(target.properties
      ? { properties: Object.fromEntries(Object.entries(target.properties).map(([k, v]) => [k, inline(v)])) }
      : {}),
    ...(target.items ? { items: inline(target.items) } : {}),
    ...(target.anyOf ? { anyOf: target.anyOf.map(inline) } : {}),
    ...(target.oneOf ? { oneOf: target.oneOf.map(inline) } : {}),
    ...(target.allOf ? { allOf: target.allOf.map(inline) } : {}),
  };
}
