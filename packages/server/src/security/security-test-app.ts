import type { AccountId } from '@rapport/db';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { SESSION_COOKIE } from '../authenticate.ts';
import { mintSecret } from '../secret-tokens.ts';
import { createTestApp, type TestApp, type TestAppOptions } from '../testing/test-app.ts';
import { type ExampleFill, exampleBody } from './example-body.ts';
import {
  collectionOf,
  discoverRoutes,
  fillPath,
  isPublicRoute,
  normalizeUrl,
  type RouteEntry,
} from './route-table.ts';

export interface TestAccount {
  id: AccountId;
  email: string;
  password: string;
  /** A `Cookie` header value: `rapport_session=…`. */
  cookie: string;
  /** The `set-cookie` header of the sign-in, as sent. */
  setCookie: string;
}

/** The shared test app (see ../testing/test-app.ts) plus what the security tests need on top. */
export interface SecurityTestApp extends TestApp {
  ownerId: AccountId;
  /** Every route of the app, read from Fastify (see route-table.ts). */
  routes: RouteEntry[];
  /** Signs up and signs in through the API with a password of the test's choosing. */
  signUpAccount(email: string, password?: string): Promise<TestAccount>;
  /** A fresh session straight in the store: for tests that spend sessions by the thousand. */
  mintSession(accountId: AccountId): Promise<string>;
}

/** Ids of records created through the API, by the collection URL that created them. */
export interface RecordPool {
  byCollection: Map<string, string[]>;
  all: string[];
  /** Secrets of public pages met in answers (`/x/<token>`), by the URL before them: not ids. */
  tokens?: Map<string, string[]>;
}

let addressSerial = 0;

/** A client address no other request used: per-address limits are not what these tests are about. */
export function freshAddress(): string {
  addressSerial++;
  return `10.${Math.floor(addressSerial / 62_500) % 250}.${Math.floor(addressSerial / 250) % 250}.${addressSerial % 250}`;
}

export async function createSecurityTestApp(options: TestAppOptions = {}): Promise<SecurityTestApp> {
  const test = await createTestApp(options);
  const { app, store, clock } = test;
  const settings = await app.inject({
    method: 'GET',
    url: '/api/settings',
    headers: { cookie: test.cookie },
  });
  const ownerId = settings.json<{ account: { id: AccountId } }>().account.id;
  return {
    ...test,
    ownerId,
    routes: discoverRoutes(app),
    async signUpAccount(email, password = `pw-${email}-long-enough`) {
      const remoteAddress = freshAddress();
      const created = await app.inject({
        method: 'POST',
        url: '/api/accounts',
        payload: { email, password },
        remoteAddress,
      });
      const response =
        created.statusCode === 202
          ? await app.inject({
              method: 'POST',
              url: '/api/sessions',
              payload: { email, password },
              remoteAddress,
            })
          : created;
      const cookie = sessionCookieOf(response);
      const setCookie = [response.headers['set-cookie'] ?? []].flat().join('\n');
      if (response.statusCode >= 300 || !cookie)
        throw new Error(`sign-up of ${email} failed: ${response.statusCode} ${response.body}`);
      const { account } = response.json<{ account: { id: AccountId } }>();
      return { id: account.id, email, password, cookie, setCookie };
    },
    async mintSession(accountId) {
      const { secret, hash } = mintSecret();
      const now = clock.now();
      await store.credentials.createSession({
        tokenHash: hash,
        accountId,
        now: now.toISOString(),
        expiresAt: new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString(),
      });
      return `${SESSION_COOKIE}=${secret}`;
    },
  };
}

/** The `Cookie` header value a response's `set-cookie` asks for, or undefined when it sets none. */
export function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  const header = response.headers['set-cookie'];
  const lines = Array.isArray(header) ? header : header ? [header] : [];
  const line = lines.find((entry) => entry.startsWith(`${SESSION_COOKIE}=`));
  const pair = line?.split(';')[0];
  return pair && pair !== `${SESSION_COOKIE}=` ? pair : undefined;
}

/** True when the response clears the session cookie (sign-out, account deleted). */
export function clearsSession(response: LightMyRequestResponse): boolean {
  const header = response.headers['set-cookie'];
  const lines = Array.isArray(header) ? header : header ? [header] : [];
  return lines.some((entry) => entry.startsWith(`${SESSION_COOKIE}=;`));
}

/**
 * Creates records through every route that makes them: POSTs answering 201, then POSTs acting on a
 * record (an outcome makes reminders), two of each, parents before children. What exists today and
 * what is added tomorrow, without a change here. Answers the ids made, by the collection they are in.
 */
export async function seedRecords(
  app: FastifyInstance,
  routes: RouteEntry[],
  cookie: string,
  fill: Omit<ExampleFill, 'full' | 'idFor' | 'serial'>,
  pool: RecordPool = { byCollection: new Map(), all: [] },
  onAnswer?: (response: LightMyRequestResponse) => void,
): Promise<RecordPool> {
  const makers = routes.filter(
    (route) =>
      route.method === 'POST' &&
      !isPublicRoute(route) &&
      (route.statuses.includes(201) || route.params.length > 0),
  );
  const collections = collectionsOf(routes);
  // My settings first, every field filled: some records need my name (an introduction says who sends it).
  for (const route of routes.filter(
    (r) => r.method === 'PATCH' && r.params.length === 0 && !isPublicRoute(r),
  )) {
    const payload = exampleBody(route.body, { ...fill, full: true, serial: 0 });
    await app.inject({
      method: 'PATCH',
      url: route.url,
      headers: { cookie },
      payload: (payload ?? {}) as object,
    });
  }
  const done = new Set<RouteEntry>();
  let serial = pool.all.length;
  for (let pass = 0; pass < 3; pass++) {
    for (const route of makers) {
      if (done.has(route) || route.params.some((param) => pickId(pool, route.url, param) === undefined))
        continue;
      // An action on a record (outcome, reset, revoke) runs once, on the oldest record: it may end
      // it, and the newest ones are what later requests use.
      const isAction = !route.statuses.includes(201);
      for (let copy = 0; copy < (isAction ? 1 : 2); copy++) {
        for (const full of [true, false]) {
          const at = (param: string) => (isAction ? idsFor(pool, route.url, param).length - 1 : copy);
          const url = fillPath(route.url, (param) => pickId(pool, route.url, param, at(param)) ?? '');
          const idFor = distinctIds((field, nth) => idForField(pool, field, copy + nth));
          const payload = exampleBody(route.body, { ...fill, full, serial: serial++, idFor });
          const options: InjectOptions = { method: 'POST', url, headers: { cookie } };
          if (payload !== undefined) options.payload = payload as object;
          const response = await app.inject(options);
          onAnswer?.(response);
          if (response.statusCode >= 300) continue;
          addTokens(pool, response.body);
          for (const { id, kind } of harvestKinds(response.json()))
            addId(pool, collectionOfKind(collections, kind) ?? normalizeUrl(route.url), id);
          done.add(route);
          break;
        }
      }
    }
  }
  return pool;
}

/** Every collection the route table names: `/api/people` for `/api/people/:id`, and so on. */
function collectionsOf(routes: RouteEntry[]): string[] {
  const found = new Set<string>();
  for (const route of routes) {
    for (const param of route.params) found.add(collectionOf(route.url, param));
    if (route.method === 'POST' && route.params.length === 0) found.add(normalizeUrl(route.url));
  }
  return [...found];
}

/** The collection a response's `reminders: [{ id }]` or `person: { id }` belongs to, if one is named so. */
function collectionOfKind(collections: string[], kind: string): string | undefined {
  if (!kind) return undefined;
  return collections.find((url) => singular(url.split('/').pop() ?? '') === singular(kind));
}

/**
 * An id from the collection the parameter points into, or a public page's token there, or any id
 * when there is neither; recent ones first.
 */
export function pickId(pool: RecordPool, url: string, param: string, index = 0): string | undefined {
  return recent(idsFor(pool, url, param), index);
}

function idsFor(pool: RecordPool, url: string, param: string): readonly string[] {
  const collection = collectionOf(url, param);
  return pool.byCollection.get(collection) ?? pool.tokens?.get(collection) ?? pool.all;
}

/** The 128-bit tokens (22 characters of base64url) in the links an answer holds, by the path before them. */
function addTokens(pool: RecordPool, body: string): void {
  for (const link of body.match(/https?:\/\/[^/"\s]+\/[^"\s]*/g) ?? []) {
    const segments = new URL(link).pathname.split('/');
    segments.forEach((segment, at) => {
      if (!/^[A-Za-z0-9_-]{22}(\.[a-z]+)?$/.test(segment)) return;
      pool.tokens ??= new Map();
      const collection = segments.slice(0, at).join('/');
      const list = pool.tokens.get(collection) ?? [];
      if (!list.includes(segment)) list.push(segment);
      pool.tokens.set(collection, list);
    });
  }
}

/**
 * An id for a body field: `personId` from people, `encounterId` from encounters; `keep`, `other`
 * and `metThroughId` from people too. Undefined for `id`: a client-chosen id is a new one.
 */
export function idForField(pool: RecordPool, field: string, index = 0): string | undefined {
  if (field === 'id') return undefined;
  const stem = singular(field.replace(/Id$/, ''));
  const match = [...pool.byCollection].find(([url]) => singular(url.split('/').pop() ?? '') === stem);
  const people = [...pool.byCollection].find(([url]) => url.endsWith('/people'));
  return recent(match?.[1] ?? people?.[1] ?? pool.all, index + (field === 'other' ? 1 : 0));
}

/**
 * An `idFor` that gives each id field of one body its own record (`a` and `b` of an introduction
 * must differ) and the same one when asked twice for the same field.
 */
export function distinctIds(
  idFor: (field: string, nth: number) => string | undefined,
): (field: string) => string | undefined {
  const given = new Map<string, string | undefined>();
  return (field) => {
    if (!given.has(field)) given.set(field, idFor(field, given.size));
    return given.get(field);
  };
}

function recent(ids: readonly string[], index: number): string | undefined {
  return ids.length === 0 ? undefined : ids[ids.length - 1 - (index % ids.length)];
}

function singular(word: string): string {
  const lower = word.toLowerCase();
  return lower === 'people' ? 'person' : lower.replace(/s$/, '');
}

/** Every string at an `id` key anywhere in a response body. */
export function harvestIds(value: unknown): string[] {
  return harvestKinds(value).map(({ id }) => id);
}

/** Ids in a response body, each with the property its object sits under (`person`, `reminders`). */
function harvestKinds(value: unknown, kind = '', found: { id: string; kind: string }[] = []) {
  if (Array.isArray(value)) for (const item of value) harvestKinds(item, kind, found);
  else if (value && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      // Record ids are random (UUIDs); `id`s of vocabulary entries (`too-early`) are words.
      if (key === 'id' && typeof entry === 'string' && /\d/.test(entry)) found.push({ id: entry, kind });
      else harvestKinds(entry, key, found);
    }
  }
  return found;
}

function addId(pool: RecordPool, collection: string, id: string): void {
  addToPool(pool, collection, [id]);
}

/** Adds ids to a pool under their collection, once each. */
export function addToPool(pool: RecordPool, collection: string, ids: readonly string[]): void {
  const list = pool.byCollection.get(collection) ?? [];
  for (const id of ids) {
    if (!list.includes(id)) list.push(id);
    if (!pool.all.includes(id)) pool.all.push(id);
  }
  pool.byCollection.set(collection, list);
}
