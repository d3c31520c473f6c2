import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountId } from '@rapport/db';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../authenticate.ts';
import { hashPassword } from '../passwords.ts';
import { type FuzzRequest, fillIds, ID_MARKER, requestFor, wellFormed } from './fuzz-requests.ts';
import { isKnownServerError, KNOWN_DEFECTS, knownDefectOf } from './known-defects.ts';
import { isPublicPage, problemWithErrorBody } from './response-checks.ts';
import {
  fillPath,
  idFieldNames,
  isPublicRoute,
  type RouteEntry,
  STATE_CHANGING,
  takesForms,
} from './route-table.ts';
import {
  clearsSession,
  createSecurityTestApp,
  idForField,
  pickId,
  type RecordPool,
  type SecurityTestApp,
  seedRecords,
} from './security-test-app.ts';
import { findMalformedRows } from './stored-rows.ts';

/**
 * The route fuzz, for one shard of the route table: each shard runs in its own test file, so
 * vitest gives it its own process (and memory), and two shards run side by side.
 */
export async function defineRouteFuzz(shard: number, shards: number): Promise<void> {
  /**
   * RELIABILITY.md asks for ≥ 10,000 generated bodies at every route: CI runs exactly that (about
   * 1 ms a request, shared out over four shards in their own processes). A developer's `npm test`
   * runs a tenth, so it stays quick; the figures line says what ran.
   */
  const isFullRun = Boolean(process.env.CI);
  const STATE_CHANGING_BODIES_PER_ROUTE = isFullRun ? 10_000 : 1_000;
  /** Reads take no body: their parameters and query strings are fuzzed, fewer times. */
  const READ_REQUESTS_PER_ROUTE = isFullRun ? 1_000 : 100;
  /** Public token pages count requests per minute of the app's clock: it moves on a minute this often. */
  const PUBLIC_REQUESTS_PER_MINUTE = 500;
  /** Records get deleted and merged away while fuzzing: new ones are made this often. */
  const RESEED_EVERY = 250;
  const ROUTE_TIMEOUT_MS = 10 * 60_000;
  const WORD = 'fuzzseed';

  // The route table, read once from a throwaway app: each route is its own test below.
  const ROUTES = await (async () => {
    const listing = await createSecurityTestApp();
    await listing.close();
    return listing.routes.filter((_route, index) => index % shards === shard);
  })();

  let t: SecurityTestApp;
  let passwordHash: string;
  let session: { accountId: AccountId; cookie: string; pool: RecordPool; stale: boolean; sinceSeed: number };
  let reseeds = 0;
  let publicRequests = 0;
  const figures = {
    requests: 0,
    bodies: 0,
    /** 5xx answers no known defect explains: each fails its route's test. */
    serverErrors: 0,
    /** 5xx answers explained by a defect in KNOWN_SERVER_ERRORS, reproduced by its `test.fails`. */
    knownServerErrors: 0,
    /** Requests the app shed as overloaded and that were sent again. */
    shed: 0,
    statuses: {} as Record<string, number>,
    /** Per route: answers below 400 (done, or redirected) and 4xx: were handlers reached, not only validation? */
    byRoute: {} as Record<string, { ok: number; '4xx': number }>,
  };
  const startedAt = performance.now();

  /** Error log lines: a 5xx names its cause in the failure message. */
  const errorLines: string[] = [];

  beforeAll(async () => {
    t = await createSecurityTestApp({
      env: { LOG_LEVEL: 'error' },
      logStream: { write: (line: string) => errorLines.push(line) },
    });
    passwordHash = await hashPassword('fuzz-account-password');
    session = {
      accountId: t.ownerId,
      cookie: t.cookie,
      pool: { byCollection: new Map(), all: [] },
      stale: false,
      sinceSeed: Number.POSITIVE_INFINITY,
    };
  });

  afterAll(async () => {
    await closeApp();
  });

  let closing: Promise<void> | undefined;
  function closeApp(): Promise<void> {
    closing ??= t.close();
    return closing;
  }

  test.for(ROUTES)(
    '$method $url never answers 5xx to generated requests, and every 4xx is the error body',
    { timeout: ROUTE_TIMEOUT_MS },
    async (route) => {
      const stateChanging = STATE_CHANGING.has(route.method);
      const numRuns = runsFor(stateChanging);
      await fc.assert(
        fc.asyncProperty(requestFor(route, stateChanging), async (request) => {
          await prepareSession(route);
          const response = await injectPatiently(toInject(route, request));
          record(route, request, response);
          if (clearsSession(response) || (request.auth === 'session' && response.statusCode === 401))
            session.stale = true;
          if (response.statusCode >= 500 && isKnownServerError(route, errorLines.at(-1)))
            figures.knownServerErrors++;
          else if (response.statusCode >= 500) {
            figures.serverErrors++;
            throw new Error(
              `${response.statusCode} ${response.body.slice(0, 500)}\nlog: ${errorLines.at(-1)?.slice(0, 1500)}`,
            );
          }
          if (response.statusCode >= 400 && !isPublicPage(route, response)) {
            const problem = problemWithErrorBody(response);
            if (problem)
              throw new Error(`${response.statusCode}: ${problem}: ${response.body.slice(0, 500)}`);
          }
        }),
        { numRuns, reporter: reportShortly },
      );
    },
  );

  test('nothing malformed is stored, and the database file is intact', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rapport-fuzz-check-'));
    try {
      // An online copy taken after every write: the same pages the app's file holds.
      const copy = join(folder, 'copy.sqlite');
      await t.store.backup(copy);
      const db = new Database(copy, { readonly: true });
      try {
        const accountIds = db.prepare('select id from accounts').pluck().all() as AccountId[];
        const listed = await readPeopleThroughStore(accountIds);
        await closeApp();
        const integrity = db.pragma('integrity_check', { simple: true });
        const foreignKeys = db.pragma('foreign_key_check') as unknown[];
        const peopleRows = Number(db.prepare('select count(*) as n from people').pluck().get());
        const problems = findMalformedRows(db, listed);
        const explained = problems.filter((problem) => knownDefectOf(problem, problems) !== undefined);
        const malformed = problems.filter((problem) => !explained.includes(problem));
        console.log(
          JSON.stringify({
            test: 'route-fuzz',
            shard: `${shard + 1}/${shards}`,
            routes: ROUTES.length,
            stateChangingRoutes: ROUTES.filter((route) => STATE_CHANGING.has(route.method)).length,
            runsPerStateChangingRoute: runsFor(true),
            runsPerReadRoute: runsFor(false),
            requests: figures.requests,
            bodies: figures.bodies,
            '5xx': figures.serverErrors,
            knownServerErrors: figures.knownServerErrors,
            shedAndRetried: figures.shed,
            statuses: figures.statuses,
            byRoute: figures.byRoute,
            peopleChecked: listed.length,
            malformed: malformed.length,
            knownDefects: Object.fromEntries(
              KNOWN_DEFECTS.map(({ defect }) => [
                defect,
                explained.filter((problem) => knownDefectOf(problem, problems) === defect).length,
              ]),
            ),
            integrity,
            seconds: Math.round((performance.now() - startedAt) / 1000),
          }),
        );
        expect(malformed).toEqual([]);
        expect(listed.length).toBe(peopleRows);
        expect(integrity).toBe('ok');
        expect(foreignKeys).toEqual([]);
      } finally {
        db.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);

  function runsFor(stateChanging: boolean): number {
    return stateChanging ? STATE_CHANGING_BODIES_PER_ROUTE : READ_REQUESTS_PER_ROUTE;
  }

  /** The account the fuzzer acts as: a fresh session after sign-out, a new account after deletion. */
  async function prepareSession(route: RouteEntry): Promise<void> {
    if (session.stale) {
      session.stale = false;
      if (!(await t.store.accounts.get(session.accountId))) {
        const account = await t.store.accounts.create({
          id: crypto.randomUUID() as AccountId,
          email: `fuzz-${crypto.randomUUID()}@example.org`,
          passwordHash,
          settings: {
            name: null,
            phoneRegion: 'DE',
            timeZone: 'Europe/Berlin',
            quietHours: { start: '22:00', end: '08:00' },
            firstTextDelayHours: 3,
          },
          now: t.clock.now().toISOString(),
        });
        if (!account) throw new Error('could not make a fuzz account');
        session.accountId = account.id;
        session.pool = { byCollection: new Map(), all: [] };
        session.sinceSeed = Number.POSITIVE_INFINITY;
      }
      session.cookie = await t.mintSession(session.accountId);
    }
    const usesIds = route.params.length > 0 || idFieldNames(route.body).size > 0;
    if (usesIds && session.sinceSeed >= RESEED_EVERY) {
      // New words each time: some records (a card's label) must differ from the ones made before.
      const word = `${WORD}${(++reseeds).toString(26).replace(/\d/g, (digit) => 'qrstuvwxyz'[Number(digit)] ?? 'q')}`;
      session.pool = await seedRecords(
        t.app,
        t.routes,
        session.cookie,
        { word, now: t.clock.now().toISOString() },
        session.pool,
      );
      session.sinceSeed = 0;
    }
    session.sinceSeed++;
    if (isPublicRoute(route) && ++publicRequests % PUBLIC_REQUESTS_PER_MINUTE === 0) t.clock.advance(60_000);
  }

  function toInject(route: RouteEntry, request: FuzzRequest): InjectOptions {
    const { pool } = session;
    const idAt = (n: number, field: string) =>
      (field ? idForField(pool, field, n) : undefined) ??
      pool.all[pool.all.length - 1 - (n % Math.max(1, pool.all.length))] ??
      'no-records-yet';
    const url = fillPath(
      route.url,
      (param, index) => {
        const value = request.params[index]?.value ?? '';
        return value.startsWith(ID_MARKER)
          ? (pickId(pool, route.url, param, Number(value.slice(ID_MARKER.length))) ?? 'no-records-yet')
          : value;
      },
      // Parameters marked not-encoded go into the path as they are: bad percent-encoding and all.
      (value, index) =>
        request.params[index]?.encoded === false ? value : encodeURIComponent(wellFormed(value)),
    );
    const query = new URLSearchParams(
      request.query.map(([key, value]): [string, string] => [wellFormed(key), wellFormed(value)]),
    ).toString();
    const headers: Record<string, string> = {};
    if (request.auth === 'session') headers.cookie = session.cookie;
    if (request.auth === 'bad-cookie') headers.cookie = `${SESSION_COOKIE}=AAAAAAAAAAAAAAAAAAAAAA`;
    if (request.auth === 'bad-bearer') headers.authorization = 'Bearer AAAAAAAAAAAAAAAAAAAAAA';
    // A public page's form comes from a browser on the page: the fuzzed body reaches the handler.
    if (takesForms(route)) headers['sec-fetch-site'] = 'same-origin';
    const options: InjectOptions = {
      method: route.method,
      url: query ? `${url}?${query}` : url,
      headers,
      ...(request.address ? { remoteAddress: request.address } : {}),
    };
    const { body } = request;
    if (body.kind === 'json') {
      headers['content-type'] = 'application/json';
      options.payload = JSON.stringify(fillIds(body.value, idAt)) ?? 'null';
    } else if (body.kind === 'raw') {
      if (body.contentType !== undefined) headers['content-type'] = body.contentType;
      options.payload = typeof body.payload === 'string' ? body.payload : Buffer.from(body.payload);
    }
    return options;
  }

  /**
   * Injects, and when the app sheds the request as overloaded (@fastify/under-pressure: 503 with
   * retry-after, before any handler ran) waits and sends it again: two busy test workers on two
   * cores can stall the event loop past the app's limit, and that is not what this test is about.
   */
  async function injectPatiently(options: InjectOptions): Promise<LightMyRequestResponse> {
    let response = await t.app.inject(options);
    for (let attempt = 0; attempt < 10 && isShed(response); attempt++) {
      figures.shed++;
      await new Promise((resolve) => setTimeout(resolve, 500));
      response = await t.app.inject(options);
    }
    return response;
  }

  function isShed(response: LightMyRequestResponse): boolean {
    return (
      response.statusCode === 503 &&
      response.headers['retry-after'] !== undefined &&
      response.body.includes('"code":"overloaded"')
    );
  }

  /** fast-check's report with the huge generated strings cut short, so a failure stays readable. */
  function reportShortly<T>(details: fc.RunDetails<T>): void {
    if (!details.failed) return;
    const cut = (text: string) =>
      text.replace(/(.)\1{99,}/gsu, (run, char: string) => `${char}…(${run.length} times)`);
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(cut(`${fc.defaultReportMessage(details) ?? 'failed'}\nCaused by: ${cause}`));
  }

  function record(route: RouteEntry, request: FuzzRequest, response: LightMyRequestResponse): void {
    figures.requests++;
    const key = `${route.method} ${route.url}`;
    const counts = figures.byRoute[key] ?? { ok: 0, '4xx': 0 };
    figures.byRoute[key] = counts;
    if (response.statusCode < 400) counts.ok++;
    else if (response.statusCode < 500) counts['4xx']++;
    if (request.body.kind !== 'none') figures.bodies++;
    const status = String(response.statusCode);
    figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
  }

  async function readPeopleThroughStore(accountIds: AccountId[]) {
    const people = [];
    for (const accountId of accountIds) {
      for (let offset = 0; ; offset += 500) {
        const page = await t.store.people.list(accountId, { limit: 500, offset });
        people.push(...page.map((person) => ({ ...person, accountId })));
        if (page.length < 500) break;
      }
    }
    return people;
  }
}
