import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../authenticate.ts';
import { exampleBody, exampleQuery } from './example-body.ts';
import { XSS_PAYLOADS } from './fuzz-requests.ts';
import { errorOf, isPublicPage, problemsWithCsp, problemWithJson } from './response-checks.ts';
import {
  fillPath,
  isIdField,
  isPublicRoute,
  type JsonSchema,
  normalizeUrl,
  type RouteEntry,
  STATE_CHANGING,
  takesForms,
} from './route-table.ts';
import {
  addToPool,
  createSecurityTestApp,
  distinctIds,
  freshAddress,
  harvestIds,
  idForField,
  pickId,
  type RecordPool,
  type SecurityTestApp,
  seedRecords,
  sessionCookieOf,
} from './security-test-app.ts';
import { snapshotRows } from './stored-rows.ts';

/** RELIABILITY.md: accounts and access, input and output. Every route comes from the route table. */

const figures: Record<string, number> = {};
const OWNER_NAME = '<img src=x onerror=alert("owner")>';
let t: SecurityTestApp;
let pool: RecordPool;
/** Phone numbers and emails differ from one example body to the next. */
let serial = 10;

beforeAll(async () => {
  t = await createSecurityTestApp();
  pool = await seedRecords(t.app, t.routes, t.cookie, {
    word: 'hardening',
    now: t.clock.now().toISOString(),
  });
  // The owner's own name is shown on pages others open (an introduction says who sends it): a payload too.
  await t.app.inject({
    method: 'PATCH',
    url: '/api/settings',
    headers: { cookie: t.cookie },
    payload: { name: OWNER_NAME },
  });
});

afterAll(async () => {
  await t.close();
  console.log(JSON.stringify({ test: 'http-hardening', routes: t.routes.length, ...figures }));
});

const stateChanging = () => t.routes.filter((route) => STATE_CHANGING.has(route.method));
/** Imports take files of megabytes in their own formats: RELIABILITY.md exempts them from the JSON limits. */
const isImport = (route: RouteEntry) => /\/import\b/.test(route.url);

/** A request the route would carry out: the owner's session, real ids, a valid body. */
function realRequest(route: RouteEntry, headers: Record<string, string> = {}, from = pool): InjectOptions {
  const url = fillPath(route.url, (param) => pickId(from, route.url, param) ?? 'none');
  const body = exampleBody(route.body, {
    word: 'hardening',
    now: t.clock.now().toISOString(),
    serial: ++serial,
    full: true,
    idFor: distinctIds((field, nth) => idForField(from, field, nth)),
  });
  return {
    method: route.method,
    url,
    headers: { cookie: t.cookie, ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  };
}

describe('requests from other sites', () => {
  test('every state-changing route refuses a foreign Origin or Sec-Fetch-Site: cross-site, and nothing changes', async () => {
    const before = await snapshotRows(t.store);
    const wrong: string[] = [];
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const route of stateChanging()) {
      for (const headers of foreign) {
        const response = await t.app.inject({
          ...realRequest(route, headers),
          remoteAddress: freshAddress(),
        });
        // A public page refuses with its designed page, the API with the error body.
        const refused = isPublicPage(route, response)
          ? response.body.includes('This form could not be sent')
          : errorOf(response)?.code === 'cross-site-request';
        if (response.statusCode !== 403 || !refused)
          wrong.push(
            `${route.method} ${route.url} ${JSON.stringify(headers)} → ${response.statusCode} ${response.body.slice(0, 120)}`,
          );
      }
    }
    figures.crossSiteRefused = stateChanging().length * foreign.length - wrong.length;
    expect(wrong).toEqual([]);
    expect(await snapshotRows(t.store)).toEqual(before);
  });

  test('the same request from the app itself goes through', async () => {
    const people = t.routes.find((route) => route.method === 'POST' && route.url === '/api/people');
    if (!people) return;
    const own: Record<string, string>[] = [
      { origin: 'http://localhost:3000' },
      { 'sec-fetch-site': 'same-origin' },
      {},
    ];
    for (const headers of own) {
      const response = await t.app.inject(realRequest(people, headers));
      expect(response.statusCode).toBe(201);
    }
  });
});

describe('request bodies', () => {
  test('every state-changing route answers 415 to a body that is not JSON', async () => {
    const wrong: string[] = [];
    let checked = 0;
    const types = [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'text/html',
    ];
    for (const route of stateChanging()) {
      const accepted = [
        ...route.bodyTypes,
        ...(takesForms(route) ? ['application/x-www-form-urlencoded'] : []),
      ];
      for (const type of types.filter((candidate) => !accepted.includes(candidate))) {
        checked++;
        const response = await t.app.inject({
          ...realRequest(route, { 'content-type': type }),
          payload: 'name=Jordan&consent=told-me-and-agreed',
        });
        if (response.statusCode !== 415 || errorOf(response)?.code !== 'unsupported-media-type')
          wrong.push(
            `${route.method} ${route.url} ${type} → ${response.statusCode} ${response.body.slice(0, 120)}`,
          );
      }
    }
    figures.wrongTypeRefused = checked - wrong.length;
    expect(wrong).toEqual([]);
  });

  test('every state-changing route but imports answers 413 to a body over 16 KiB; imports take more', async () => {
    const wrong: string[] = [];
    const big = { name: 'x'.repeat(17 * 1024), consent: { kind: 'imported' } };
    for (const route of stateChanging().filter((r) => !isImport(r))) {
      const asForm = takesForms(route) ? { 'content-type': 'application/x-www-form-urlencoded' } : undefined;
      const payload = asForm ? `name=${'x'.repeat(17 * 1024)}` : big;
      const response = await t.app.inject({ ...realRequest(route, asForm), payload });
      if (response.statusCode !== 413 || errorOf(response)?.code === undefined)
        wrong.push(`${route.method} ${route.url} → ${response.statusCode} ${response.body.slice(0, 120)}`);
    }
    for (const route of stateChanging().filter(isImport)) {
      const cards = Array.from({ length: 1_000 }, (_, index) =>
        ['BEGIN:VCARD', 'VERSION:3.0', `FN:Import ${index}`, `NOTE:${'n'.repeat(80)}`, 'END:VCARD'].join(
          '\r\n',
        ),
      ).join('\r\n');
      const response = await t.app.inject({
        ...realRequest(route, { 'content-type': 'text/vcard' }),
        payload: cards,
      });
      if (response.statusCode === 413)
        wrong.push(`${route.method} ${route.url}: ${cards.length} bytes of vCard → 413`);
    }
    figures.oversizeRefused = stateChanging().filter((r) => !isImport(r)).length;
    expect(wrong).toEqual([]);
  });
});

describe('output', () => {
  test('XSS payloads in every text field of every record come back as inert JSON, byte for byte, and escaped in pages', async () => {
    const creators = t.routes.filter(
      (route) => route.method === 'POST' && route.statuses.includes(201) && !isPublicRoute(route),
    );
    const wrong: string[] = [];
    const marked: RecordPool = { byCollection: new Map(), all: [] };
    const answers: string[] = [];
    for (const route of creators) {
      let fields = textFields(route.body);
      for (const payload of XSS_PAYLOADS) {
        let body: Record<string, unknown> = {};
        let created: LightMyRequestResponse | undefined;
        // A field refused by name (a reference, a code) is not free text after all: leave it as it was.
        for (let attempt = 0; attempt < 5 && fields.length > 0; attempt++) {
          const base = realRequest(route);
          body = { ...(base.payload as object) };
          for (const [field, schema] of fields)
            body[field] = payload.slice(0, schema.maxLength ?? payload.length);
          created = await t.app.inject({ ...base, payload: body });
          const refused = created.statusCode === 400 ? errorOf(created)?.field : undefined;
          if (!refused || !fields.some(([name]) => name === refused)) break;
          fields = fields.filter(([name]) => name !== refused);
        }
        if (!created || fields.length === 0) break;
        // Refusing a payload is fine, and so is a route that cannot make a record just now: what is stored must be inert.
        if (created.statusCode !== 201) continue;
        answers.push(created.body);
        // Recent ids come first: the requests after this one use these records (a link to this card).
        addToPool(pool, normalizeUrl(route.url), harvestIds(created.json()));
        addToPool(marked, normalizeUrl(route.url), harvestIds(created.json()));
        const problem =
          problemWithJson(created) ??
          missingEcho(
            created,
            body,
            fields.map(([field]) => field),
          );
        if (problem) wrong.push(`${route.url} ${JSON.stringify(payload)}: ${problem}`);
      }
    }
    // Every read route now has these records to show: only the public pages may answer HTML.
    for (const route of t.routes.filter((r) => r.method === 'GET' && !isPublicRoute(r))) {
      const url = fillPath(route.url, (param) => pickId(marked, route.url, param) ?? 'none');
      const response = await t.app.inject({
        method: 'GET',
        url: withQuery(route, url),
        headers: { cookie: t.cookie },
      });
      const type = String(response.headers['content-type'] ?? '');
      if (type.includes('html')) wrong.push(`GET ${url} answers ${type}`);
      if (response.headers['x-content-type-options'] !== 'nosniff') wrong.push(`GET ${url} has no nosniff`);
    }
    // The public pages the answers link to (exchange links, introductions) show these records: escaped.
    const pages = [
      ...new Set(answers.flatMap((answer) => answer.match(/http:\/\/localhost:3000\/[^"\s]+/g) ?? [])),
    ];
    for (const page of pages) {
      const response = await t.app.inject({
        method: 'GET',
        url: new URL(page).pathname,
        remoteAddress: freshAddress(),
      });
      const raw = [...XSS_PAYLOADS, OWNER_NAME].filter(
        (payload) => /[<>"]/.test(payload) && response.body.includes(payload),
      );
      if (raw.length > 0) wrong.push(`${new URL(page).pathname} shows ${raw.join(' ')} unescaped`);
    }
    figures.xssRecords = marked.all.length;
    figures.xssPagesChecked = pages.length;
    expect(marked.all.length).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });

  test('every answer carries a strict Content-Security-Policy, no-referrer and nosniff', async () => {
    const wrong: string[] = [];
    for (const route of t.routes.filter((r) => r.method === 'GET')) {
      const url = fillPath(route.url, (param) => pickId(pool, route.url, param) ?? 'none');
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie: t.cookie } });
      const csp = String(response.headers['content-security-policy'] ?? '');
      for (const problem of problemsWithCsp(csp)) wrong.push(`GET ${url}: ${problem}`);
      if (response.headers['referrer-policy'] !== 'no-referrer')
        wrong.push(`GET ${url}: referrer-policy ${response.headers['referrer-policy']}`);
      if (response.headers['x-content-type-options'] !== 'nosniff') wrong.push(`GET ${url}: no nosniff`);
    }
    expect(wrong).toEqual([]);
  });

  test('the calendar feed, known or not, is no-referrer and no-store', async () => {
    const feed = t.routes.find((route) => route.method === 'GET' && route.url.startsWith('/calendar/'));
    const reset = t.routes.find(
      (route) => route.method === 'POST' && /calendar/.test(route.url) && route.params.length === 0,
    );
    if (!feed || !reset) return;
    const url = /https?:\/\/[^"]*\/calendar\/[^"]+/.exec((await t.app.inject(realRequest(reset))).body)?.[0];
    expect(url).toBeDefined();
    const known = new URL(url ?? 'http://x/').pathname;
    for (const path of [known, '/calendar/AAAAAAAAAAAAAAAAAAAAAA.ics', '/calendar/nothing']) {
      const response = await t.app.inject({ method: 'GET', url: path, remoteAddress: freshAddress() });
      expect([path, response.headers['referrer-policy'], response.headers['cache-control']]).toEqual([
        path,
        'no-referrer',
        'no-store',
      ]);
    }
  });
});

describe('sessions', () => {
  test('the session cookie is HttpOnly and SameSite=Lax, with 128 bits, and Secure only behind HTTPS', async () => {
    const plain = await t.signUpAccount('cookie-plain@example.org');
    const https = await createSecurityTestApp({ env: { PUBLIC_URL: 'https://rapport.example' } });
    try {
      const secure = await https.signUpAccount('cookie-secure@example.org');
      for (const { setCookie, expectSecure } of [
        { setCookie: plain.setCookie, expectSecure: false },
        { setCookie: secure.setCookie, expectSecure: true },
      ]) {
        const attributes = setCookie.split(';').map((part) => part.trim().toLowerCase());
        expect(attributes).toContain('httponly');
        expect(attributes).toContain('samesite=lax');
        expect(attributes.includes('secure')).toBe(expectSecure);
        expect(setCookie.split(';')[0]?.split('=')[1]).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      }
      const hsts = await https.app.inject({
        method: 'GET',
        url: '/api/settings',
        headers: { cookie: secure.cookie },
      });
      expect(hsts.headers['strict-transport-security']).toBeDefined();
    } finally {
      await https.close();
    }
  });

  test('an unknown email and a wrong password answer byte for byte alike, and so do sign-ups', async () => {
    const known = await t.signUpAccount('known@example.org', 'the-right-password');
    const signIn = (email: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/sessions',
        payload: { email, password },
        remoteAddress: freshAddress(),
      });
    const unknown = await signIn('nobody-here@example.org', 'the-right-password');
    const wrongPassword = await signIn(known.email, 'not-the-password');
    expect(unknown.statusCode).toBe(401);
    expect(describeAnswer(wrongPassword)).toEqual(describeAnswer(unknown));
    const signUp = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/accounts',
        payload: { email, password: 'long-enough-password' },
        remoteAddress: freshAddress(),
      });
    expect(describeAnswer(await signUp(known.email))).toEqual(
      describeAnswer(await signUp('brand-new@example.org')),
    );
  });

  test('each sign-in mints a new session, a planted cookie is never adopted, and sign-out ends only its own', async () => {
    const account = await t.signUpAccount('rotation@example.org', 'rotation-password');
    const planted = `${SESSION_COOKIE}=PlantedByAnAttacker0000`;
    const signIn = (cookie?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/sessions',
        payload: { email: account.email, password: account.password },
        remoteAddress: freshAddress(),
        ...(cookie ? { headers: { cookie } } : {}),
      });
    const first = sessionCookieOf(await signIn()) ?? '';
    const second = sessionCookieOf(await signIn(planted)) ?? '';
    expect(new Set([account.cookie, first, second, planted]).size).toBe(4);
    const status = async (cookie: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/settings', headers: { cookie } })).statusCode;
    expect(await status(first)).toBe(200);
    expect(await status(second)).toBe(200);
    expect(await status(planted)).toBe(401);
    const signOut = await t.app.inject({
      method: 'DELETE',
      url: '/api/sessions/current',
      headers: { cookie: first },
    });
    expect(signOut.statusCode).toBe(204);
    expect(String(signOut.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(await status(first)).toBe(401);
    expect(await status(second)).toBe(200);
  });
});

/** Free-text fields: strings with no enum, format or pattern, not ids, phones, emails or passwords. */
function textFields(schema: JsonSchema | undefined): [string, JsonSchema][] {
  return Object.entries(schema?.properties ?? {}).filter(([name, property]) => {
    const types = [property.type, ...(property.anyOf ?? []).map((branch) => branch.type)].flat();
    return (
      types.includes('string') &&
      !property.enum &&
      !property.format &&
      !property.pattern &&
      !isIdField(name, property) &&
      !/phone|email|password|token|timeZone|region|quietHours/i.test(name)
    );
  });
}

/**
 * Where the answer shows a field it holds it exactly as sent: escaping is the renderer's job, not
 * the store's. An answer that leaves a field out (an introduction answers its links) is fine.
 */
function missingEcho(
  response: LightMyRequestResponse,
  sent: Record<string, unknown>,
  fields: string[],
): string | undefined {
  const answered = response.json<unknown>();
  const wrong = fields.filter((field) => {
    const shown = valuesAt(answered, field);
    return shown.length > 0 && !shown.includes(sent[field]);
  });
  return wrong.length > 0 ? `not shown as sent: ${wrong.join(', ')}` : undefined;
}

function valuesAt(value: unknown, key: string, found: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const item of value) valuesAt(item, key, found);
  else if (value && typeof value === 'object') {
    for (const [name, entry] of Object.entries(value)) {
      if (name === key) found.push(entry);
      valuesAt(entry, key, found);
    }
  }
  return found;
}

function withQuery(route: RouteEntry, url: string): string {
  const query = exampleQuery(route, {
    word: 'hardening',
    now: t.clock.now().toISOString(),
    serial: 1,
    full: false,
  });
  return query.size > 0 ? `${url}?${query}` : url;
}

/** Status, body and header names: what tells two answers apart, without the date. */
function describeAnswer(response: LightMyRequestResponse) {
  const headers = Object.keys(response.headers)
    .filter((name) => name !== 'date')
    .sort();
  return { status: response.statusCode, body: response.body, headers };
}
