import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exampleBody, exampleQuery } from './example-body.ts';
import { errorOf } from './response-checks.ts';
import {
  collectionOf,
  fillPath,
  idFieldNames,
  isIdField,
  isPublicRoute,
  normalizeUrl,
  PUBLIC_ROUTES,
  type RouteEntry,
  takesForms,
} from './route-table.ts';
import {
  createSecurityTestApp,
  freshAddress,
  harvestIds,
  type RecordPool,
  type SecurityTestApp,
  seedRecords,
  type TestAccount,
} from './security-test-app.ts';

/**
 * RELIABILITY.md, accounts and access: user B with user A's ids gets 404, never 403 or 2xx, over
 * every route of Fastify's route table, and changes nothing of A's. New routes are covered as
 * they appear: routes, their bodies and A's records all come from the app itself.
 */

const A_WORD = 'alphaqzx';
const B_WORD = 'bravoymw';

/** Where a record id can go in a request. */
interface Slot {
  in: 'param' | 'body' | 'query';
  name: string;
}

interface Call {
  route: RouteEntry;
  options: InjectOptions;
  /** A's ids this request carries: B may see those echoed, nothing else of A's. */
  sentIds: string[];
  /** The slots that carry A's ids; empty for a route that takes none. */
  foreign: Slot[];
}

let t: SecurityTestApp;
let a: { id: string; cookie: string; email: string };
let b: TestAccount;
let poolA: RecordPool;
let poolB: RecordPool;

beforeAll(async () => {
  t = await createSecurityTestApp({ ownerEmail: `${A_WORD}@example.org` });
  a = { id: t.ownerId, cookie: t.cookie, email: `${A_WORD}@example.org` };
  b = await t.signUpAccount(`${B_WORD}@example.org`);
  const now = t.clock.now().toISOString();
  poolA = await seedRecords(t.app, t.routes, a.cookie, { word: A_WORD, now });
  poolB = await seedRecords(t.app, t.routes, b.cookie, { word: B_WORD, now });
  // A's calendar feed too, when the app has one: its secret is A's as much as a record is.
  const reset = t.routes.find(
    (route) => route.method === 'POST' && /calendar/.test(route.url) && route.params.length === 0,
  );
  if (reset) await t.app.inject({ method: 'POST', url: reset.url, headers: { cookie: a.cookie } });
});

afterAll(async () => {
  await t.close();
});

test('user B with user A ids gets 404 at every route, sees nothing of A, and changes nothing', async () => {
  const before = await viewOf(a.cookie);
  const answers: { call: Call; response: LightMyRequestResponse }[] = [];
  const start = t.clock.now().toISOString();
  let publicCalls = 0;
  for (const call of orderCalls(t.routes.flatMap(callsFor))) {
    // Public token pages are limited per address and overall, per minute of the app's clock: each
    // call comes from its own address, and the clock moves on a minute every few hundred calls.
    if (isPublicRoute(call.route) && ++publicCalls % 500 === 0) t.clock.advance(60_000);
    const options = { ...(await withCredentials(call)), remoteAddress: freshAddress() };
    answers.push({ call, response: await t.app.inject(options) });
  }
  t.clock.set(start);
  const after = await viewOf(a.cookie);

  const wrongStatus = answers
    .filter(({ call, response }) => call.foreign.length > 0 && !isAllowedAnswer(call, response))
    .map(describe);
  const leaks = answers.filter(({ call, response }) => leaksA(call, response)).map(describe);
  const notReached = t.routes
    .filter((route) => !isPublicRoute(route) && slotsOf(route).length > 0)
    .filter(
      (route) =>
        !answers.some(({ call, response }) => call.route === route && provesOwnershipCheck(call, response)),
    )
    .map(
      (route) =>
        `${route.method} ${route.url}: every request answered 400, so the owner check was never reached`,
    );

  const statuses: Record<string, number> = {};
  for (const { response } of answers)
    statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
  console.log(
    JSON.stringify({
      test: 'ownership-matrix',
      routes: t.routes.length,
      routesWithIds: t.routes.filter((route) => slotsOf(route).length > 0).length,
      publicExceptions: PUBLIC_ROUTES.length,
      recordsOfA: poolA.all.length,
      kindsOfA: Object.fromEntries([...poolA.byCollection].map(([url, ids]) => [url, ids.length])),
      calls: answers.length,
      callsWithIdsOfA: answers.filter(({ call }) => call.foreign.length > 0).length,
      statuses,
      non404: wrongStatus.length,
      leaks: leaks.length,
      notReached: notReached.length,
      viewsCompared: Object.keys(before).length,
      changed: Object.keys(before).filter((key) => before[key] !== after[key]).length,
    }),
  );
  expect(wrongStatus).toEqual([]);
  expect(leaks).toEqual([]);
  expect(notReached).toEqual([]);
  expect(after).toEqual(before);
});

test('only the listed public routes answer without a session; every other refuses with 401 or a 4xx', async () => {
  const open: string[] = [];
  for (const route of t.routes.filter((r) => !isPublicRoute(r))) {
    for (const call of callsFor(route).slice(0, 2)) {
      const response = await t.app.inject({ ...call.options, remoteAddress: freshAddress() });
      if (response.statusCode < 400 || leaksA(call, response)) open.push(describe({ call, response }));
    }
  }
  for (const { reason } of PUBLIC_ROUTES) expect(reason.length).toBeGreaterThan(20);
  expect(open).toEqual([]);
});

/** Where ids go in this route's requests: path parameters, and body and query fields naming records. */
function slotsOf(route: RouteEntry): Slot[] {
  return [
    ...route.params.map((name): Slot => ({ in: 'param', name })),
    ...[...idFieldNames(route.body)].map((name): Slot => ({ in: 'body', name })),
    ...Object.entries(route.query?.properties ?? {})
      .filter(([name, schema]) => isIdField(name, schema))
      .map(([name]) => name)
      .map((name): Slot => ({ in: 'query', name })),
  ];
}

/**
 * B's requests at one route: every slot filled with each of A's ids in turn (the matching kind
 * first), then one slot A's and the others B's own; with a full and a minimal valid body.
 */
function callsFor(route: RouteEntry): Call[] {
  const slots = slotsOf(route);
  if (slots.length === 0) return [buildCall(route, () => undefined, 'full')];
  const calls: Call[] = [];
  const rounds = Math.max(poolA.all.length, 1);
  for (let round = 0; round < rounds; round++) {
    const fill = (slot: Slot) => idOf(poolA, route, slot, round);
    for (const shape of bodyShapes(route, round)) calls.push(buildCall(route, fill, shape));
  }
  if (slots.length > 1) {
    for (const mine of slots) {
      const fill = (slot: Slot) =>
        isSameSlot(slot, mine) ? idOf(poolA, route, slot, 0) : idOf(poolB, route, slot, 0);
      calls.push(buildCall(route, fill, 'full'));
    }
  }
  return calls;
}

/**
 * Bodies to try: all fields, the required ones, and (once) the required ones plus each optional
 * field alone, for routes that take one of several fields ("until or hours, not both").
 */
function bodyShapes(route: RouteEntry, round: number): BodyShape[] {
  if (!route.body) return ['full'];
  const optional = Object.keys(route.body.properties ?? {}).filter(
    (key) => !route.body?.required?.includes(key),
  );
  return ['full', 'minimal', ...(round === 0 ? optional.map((only) => ({ only })) : [])];
}

type BodyShape = 'full' | 'minimal' | { only: string };

function isSameSlot(x: Slot, y: Slot): boolean {
  return x.in === y.in && x.name === y.name;
}

function buildCall(route: RouteEntry, idFor: (slot: Slot) => string | undefined, shape: BodyShape): Call {
  const offered: { slot: Slot; id: string }[] = [];
  const take = (slot: Slot) => {
    const id = idFor(slot);
    if (id !== undefined && poolA.all.includes(id)) offered.push({ slot, id });
    return id;
  };
  const url = fillPath(route.url, (param) => take({ in: 'param', name: param }) ?? 'none');
  const query = exampleQuery(route, {
    word: B_WORD,
    now: t.clock.now().toISOString(),
    serial: 7,
    full: false,
  });
  for (const slot of slotsOf(route).filter((s) => s.in === 'query')) query.set(slot.name, take(slot) ?? '');
  const body = route.body ? bodyOf(route, shape, (field) => take({ in: 'body', name: field })) : undefined;
  const options: InjectOptions = {
    method: route.method,
    url: query.size > 0 ? `${url}?${query}` : url,
    ...(body === undefined ? {} : { payload: body as object }),
  };
  const sent = JSON.stringify([options.url, body]);
  const foreign = offered.filter(({ id }) => sent.includes(id)).map(({ slot }) => slot);
  const sentIds = poolA.all.filter((id) => sent.includes(id));
  return { route, options, sentIds, foreign };
}

function bodyOf(route: RouteEntry, shape: BodyShape, idFor: (field: string) => string | undefined) {
  const fill = { word: B_WORD, now: t.clock.now().toISOString(), serial: 7, idFor };
  if (typeof shape === 'string') return exampleBody(route.body, { ...fill, full: shape === 'full' });
  const full = exampleBody(route.body, { ...fill, full: true }) as Record<string, unknown>;
  const minimal = exampleBody(route.body, { ...fill, full: false }) as Record<string, unknown>;
  return shape.only in full ? { ...minimal, [shape.only]: full[shape.only] } : minimal;
}

/** A's (or B's) id for a slot: ids of the kind the slot names first, then any other record's. */
function idOf(pool: RecordPool, route: RouteEntry, slot: Slot, round: number): string | undefined {
  if (slot.in === 'body' && slot.name === 'id') {
    // A client-chosen id for the new record: only an id of the same kind is someone else's record.
    const same = pool.byCollection.get(normalizeUrl(route.url)) ?? [];
    return same.length === 0 ? undefined : same[round % same.length];
  }
  const kind =
    slot.in === 'param'
      ? (pool.byCollection.get(collectionOf(route.url, slot.name)) ?? [])
      : [...pool.byCollection].filter(([url]) => sameKind(url, slot.name)).flatMap(([, ids]) => ids);
  const ordered = [...new Set([...kind, ...pool.all])];
  return ordered.length === 0 ? undefined : ordered[round % ordered.length];
}

function sameKind(collection: string, field: string): boolean {
  const stem = (word: string) =>
    word
      .toLowerCase()
      .replace(/^people$/, 'person')
      .replace(/s$/, '');
  const name = field.replace(/Id$/, '');
  return (
    stem(collection.split('/').pop() ?? '') ===
    stem(['keep', 'other', 'metThrough'].includes(name) ? 'person' : name)
  );
}

/** B's session, fresh for each request; an account of its own for requests that end their account. */
async function withCredentials(call: Call): Promise<InjectOptions> {
  const endsAccount = call.route.method === 'DELETE' && call.route.params.length === 0;
  const cookie = endsAccount
    ? (await t.signUpAccount(`charlie-${crypto.randomUUID()}@example.org`)).cookie
    : await t.mintSession(b.id as TestAccount['id']);
  // A public page's form is posted as a browser posts it from the page, so that the lookup is reached.
  const fromPage = takesForms(call.route) ? { 'sec-fetch-site': 'same-origin' } : {};
  return { ...call.options, headers: { ...call.options.headers, ...fromPage, cookie } };
}

/** Requests that may end B's session or account go last. */
function orderCalls(calls: Call[]): Call[] {
  const last = (call: Call) => (call.route.method === 'DELETE' && call.route.params.length === 0 ? 1 : 0);
  return [...calls].sort((x, y) => last(x) - last(y));
}

/**
 * 404 (not found, as if it never existed) or 400 (a body the route refuses); 409 `id-taken` only
 * when A's id was offered as the id of a new record: it says the random id is in use, which B knew.
 */
function isAllowedAnswer(call: Call, response: LightMyRequestResponse): boolean {
  if (response.statusCode === 404 || response.statusCode === 400) return true;
  const offeredAsNewId = call.foreign.some((slot) => slot.in === 'body' && slot.name === 'id');
  return response.statusCode === 409 && offeredAsNewId && errorOf(response)?.code === 'id-taken';
}

/** A 404, or a 400 that names the id field: the handler looked the id up among B's records. */
function provesOwnershipCheck(call: Call, response: LightMyRequestResponse): boolean {
  if (call.foreign.length === 0) return false;
  if (response.statusCode === 404) return true;
  const field = errorOf(response)?.field;
  return (
    response.statusCode === 400 && call.foreign.some((slot) => slot.in !== 'param' && slot.name === field)
  );
}

/** A's word, email or an id of A's that B did not send itself, anywhere in the answer. */
function leaksA(call: Call, response: LightMyRequestResponse): boolean {
  const body = response.body;
  if (body.includes(A_WORD) || body.includes(a.email)) return true;
  return (
    harvestAll(body).some((id) => poolA.all.includes(id) && !call.sentIds.includes(id)) ||
    poolA.all.some((id) => !call.sentIds.includes(id) && body.includes(id))
  );
}

function harvestAll(body: string): string[] {
  try {
    return harvestIds(JSON.parse(body));
  } catch (_error: unknown) {
    return []; // not JSON (a vCard, a page): the plain search in leaksA covers it
  }
}

/** Everything A can read: every GET route that is not public, with each of A's ids in its parameters. */
async function viewOf(cookie: string): Promise<Record<string, string>> {
  const view: Record<string, string> = {};
  for (const route of t.routes.filter((r) => r.method === 'GET' && !isPublicRoute(r))) {
    const urls =
      route.params.length === 0
        ? [route.url]
        : poolA.all.map((_id, round) =>
            fillPath(route.url, (param) => idOf(poolA, route, { in: 'param', name: param }, round) ?? 'none'),
          );
    const query = exampleQuery(route, {
      word: A_WORD,
      now: t.clock.now().toISOString(),
      serial: 1,
      full: false,
    });
    for (const url of new Set(urls)) {
      const withQuery = query.size > 0 ? `${url}?${query}` : url;
      const response = await t.app.inject({ method: 'GET', url: withQuery, headers: { cookie } });
      view[url] = `${response.statusCode} ${response.body}`;
    }
  }
  return view;
}

function describe({ call, response }: { call: Call; response: LightMyRequestResponse }): string {
  const body = call.options.payload ? ` ${JSON.stringify(call.options.payload).slice(0, 160)}` : '';
  return `${call.options.method} ${call.options.url}${body} → ${response.statusCode} ${response.body.slice(0, 200)}`;
}
