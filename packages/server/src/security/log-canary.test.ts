import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterEach, expect, test } from 'vitest';
import { formatPhone } from '../phone-numbers.ts';
import { exampleBody } from './example-body.ts';
import { fillPath, isPublicRoute } from './route-table.ts';
import {
  createSecurityTestApp,
  freshAddress,
  type SecurityTestApp,
  seedRecords,
  sessionCookieOf,
} from './security-test-app.ts';

/**
 * RELIABILITY.md, logs and privacy: canary values seeded through a whole journey (sign-up to
 * account deletion, every route of the table on top) never reach a log line, at any log level.
 */

const LEVELS = ['info', 'debug', 'trace'] as const;
const CANARY = {
  email: 'canary.owner.q7z@example.org',
  password: 'Canary-Password-93kq',
  wrongPassword: 'Canary-Wrong-Password-51xv',
  unknownEmail: 'canary.nobody.k2w@example.org',
  phone: '+4915712345678',
  phoneNational: '015712345678',
  phoneBad: '+4915799',
  outcomePhone: '+4915798765432',
  importedPhone: '+4917612398765',
  handle: 'canary_ig_q7z',
  importedEmail: 'canary.imported.r8t@example.org',
  search: 'canarysearchz9',
};

const apps: SecurityTestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

const totals = { lines: 0, hits: 0, canaries: 0, redacted: 0, levels: [] as string[] };

test.each(LEVELS)(
  'no canary reaches a log line at level %s',
  async (level) => {
    const lines: string[] = [];
    const t = await createSecurityTestApp({
      env: { LOG_LEVEL: level },
      logStream: { write: (line: string) => lines.push(line) },
    });
    apps.push(t);
    const secrets = await walkJourney(t);
    const canaries = [...Object.values(CANARY), ...displayForms(CANARY.phone), ...secrets];
    const hits = lines.flatMap((line) =>
      canaries
        .filter((canary) => forms(canary).some((form) => line.toLowerCase().includes(form.toLowerCase())))
        .map((canary) => `${canary} in ${line.slice(0, 300)}`),
    );
    totals.lines += lines.length;
    totals.hits += hits.length;
    totals.canaries = canaries.length;
    totals.redacted += lines.filter((line) => line.includes('[redacted]')).length;
    totals.levels.push(level);
    if (totals.levels.length === LEVELS.length) {
      console.log(
        JSON.stringify({
          test: 'log-canary',
          levels: totals.levels,
          lines: totals.lines,
          canaries: totals.canaries,
          hits: totals.hits,
        }),
      );
    }
    // The capture works: requests are logged, with their paths.
    expect(lines.some((line) => line.includes('/api/people'))).toBe(true);
    expect(hits).toEqual([]);
  },
  60_000,
);

/** A whole journey with the canaries in it; answers the secrets it was handed (cookies, token, feed). */
async function walkJourney(t: SecurityTestApp): Promise<string[]> {
  const secrets: string[] = [];
  const send = async (options: InjectOptions) => {
    const response = await t.app.inject({ remoteAddress: freshAddress(), ...options });
    const cookie = sessionCookieOf(response);
    if (cookie) secrets.push(cookie.split('=')[1] ?? '');
    return response;
  };
  const me = await t.signUpAccount(CANARY.email, CANARY.password);
  secrets.push(me.cookie.split('=')[1] ?? '');
  const signIn = (email: string, password: string) =>
    send({ method: 'POST', url: '/api/sessions', payload: { email, password } });
  expect((await signIn(CANARY.email, CANARY.wrongPassword)).statusCode).toBe(401);
  expect((await signIn(CANARY.unknownEmail, CANARY.password)).statusCode).toBe(401);
  const second = await signIn(CANARY.email.toUpperCase(), CANARY.password);
  expect(second.statusCode).toBe(200);
  const cookie = sessionCookieOf(second) ?? me.cookie;
  const asMe = (options: InjectOptions) => send({ ...options, headers: { cookie, ...options.headers } });

  await asMe({ method: 'PATCH', url: '/api/settings', payload: { phoneRegion: 'DE', name: 'Canary Owner' } });
  const token = (await asMe({ method: 'POST', url: '/api/tokens', payload: { name: 'cli' } })).json<{
    token: string;
  }>().token;
  secrets.push(token);
  const withToken = (options: InjectOptions) =>
    send({ ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } });

  const person = {
    name: 'Jordan Canary',
    phone: CANARY.phone,
    handles: [{ platform: 'instagram', handle: CANARY.handle }],
    notes: `met at the canary bar, call ${CANARY.phone}`,
    consent: { kind: 'told-me-and-agreed' },
  };
  const created = await withToken({ method: 'POST', url: '/api/people', payload: person });
  expect(created.statusCode).toBe(201);
  const personId = created.json<{ person: { id: string } }>().person.id;
  expect(
    (
      await withToken({
        method: 'POST',
        url: '/api/people',
        payload: { ...person, phone: CANARY.phoneNational },
      })
    ).statusCode,
  ).toBe(409);
  expect(
    (await withToken({ method: 'POST', url: '/api/people', payload: { ...person, phone: CANARY.phoneBad } }))
      .statusCode,
  ).toBe(400);
  await withToken({ method: 'GET', url: `/api/people?search=${CANARY.search}` });
  await withToken({
    method: 'PATCH',
    url: `/api/people/${personId}`,
    payload: { phone: CANARY.phoneNational },
  });
  await withToken({ method: 'GET', url: `/api/people/${personId}/vcard` });

  const encounter = await asMe({
    method: 'POST',
    url: '/api/encounters',
    payload: { place: 'the canary bar' },
  });
  if (encounter.statusCode === 201) {
    const encounterId = encounter.json<{ encounter: { id: string } }>().encounter.id;
    await asMe({
      method: 'POST',
      url: `/api/encounters/${encounterId}/outcome`,
      payload: { outcome: 'gave-number', name: 'Sam Canary', phone: CANARY.outcomePhone },
    });
  }
  const card = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'FN:Rio Canary',
    `TEL;TYPE=CELL:${CANARY.importedPhone}`,
    `EMAIL:${CANARY.importedEmail}`,
    'END:VCARD',
    '',
  ].join('\r\n');
  await asMe({
    method: 'POST',
    url: '/api/people/import',
    headers: { 'content-type': 'text/vcard' },
    payload: card,
  });
  await asMe({ method: 'GET', url: '/api/export' });
  await asMe({ method: 'GET', url: '/api/export/people.vcf' });
  secrets.push(...(await walkCalendar(t, asMe)));
  secrets.push(...(await walkPublicLinks(t, cookie)));
  await asMe({
    method: 'POST',
    url: '/api/people',
    headers: { origin: 'https://evil.example' },
    payload: person,
  });

  // Every route of the table, with the canaries in its query and body.
  for (const route of t.routes.filter((r) => !(r.method === 'DELETE' && r.params.length === 0))) {
    // Paths are logged on purpose (ids are not secrets); the search words go in the query, which is not.
    const url = fillPath(route.url, () => 'no-such-record');
    const body = {
      ...(exampleBody(route.body, {
        word: 'canary',
        now: t.clock.now().toISOString(),
        serial: 1,
        full: true,
      }) as object),
      email: CANARY.email,
      password: CANARY.password,
      phone: CANARY.phone,
      token,
    };
    const options: InjectOptions = { method: route.method, url: `${url}?search=${CANARY.search}` };
    if (route.method !== 'GET') options.payload = body;
    await (isPublicRoute(route) ? send(options) : asMe(options));
  }

  expect((await asMe({ method: 'DELETE', url: '/api/sessions/current' })).statusCode).toBe(204);
  expect((await asMe({ method: 'GET', url: '/api/settings' })).statusCode).toBe(401);
  const last = await signIn(CANARY.email, CANARY.password);
  const lastCookie = sessionCookieOf(last) ?? '';
  expect(
    (await send({ method: 'DELETE', url: '/api/account', headers: { cookie: lastCookie } })).statusCode,
  ).toBe(204);
  return secrets.filter((secret) => secret.length >= 16);
}

/** Resets the calendar feed when the app has one, reads it, and resets it again; answers the secrets. */
async function walkCalendar(
  t: SecurityTestApp,
  asMe: (options: InjectOptions) => Promise<LightMyRequestResponse>,
): Promise<string[]> {
  const reset = t.routes.find(
    (route) => route.method === 'POST' && /calendar/.test(route.url) && route.params.length === 0,
  );
  if (!reset) return [];
  const secrets: string[] = [];
  for (let round = 0; round < 2; round++) {
    const answer = await asMe({ method: 'POST', url: reset.url });
    const url = /https?:\/\/[^"]*\/calendar\/[^"]+/.exec(answer.body)?.[0];
    if (!url) continue;
    const path = new URL(url).pathname;
    secrets.push(
      path
        .split('/')
        .pop()
        ?.replace(/\.ics$/, '') ?? '',
    );
    await t.app.inject({ method: 'GET', url: path });
  }
  if (secrets[0]) await t.app.inject({ method: 'GET', url: `/calendar/${secrets[0]}.ics` });
  return secrets;
}

/**
 * Makes every kind of record the app has (exchange links, introductions, …), then opens every public
 * page their answers link to; answers the tokens in those links.
 */
async function walkPublicLinks(t: SecurityTestApp, cookie: string): Promise<string[]> {
  const answers: string[] = [];
  await seedRecords(
    t.app,
    t.routes,
    cookie,
    { word: 'canary', now: t.clock.now().toISOString() },
    undefined,
    (response) => answers.push(response.body),
  );
  const pages = new Set(answers.flatMap((answer) => answer.match(/http:\/\/localhost:3000\/[^"\s]+/g) ?? []));
  const tokens: string[] = [];
  for (const page of pages) {
    const path = new URL(page).pathname;
    tokens.push(...path.split('/').filter((segment) => /^[A-Za-z0-9_-]{22}(\.ics)?$/.test(segment)));
    await t.app.inject({ method: 'GET', url: path, remoteAddress: freshAddress() });
    await t.app.inject({ method: 'GET', url: `${path}/contact.vcf`, remoteAddress: freshAddress() });
  }
  return tokens.map((token) => token.replace(/\.ics$/, ''));
}

/** The phone number as the app shows it: national and international, with spaces. */
function displayForms(e164: string): string[] {
  return [formatPhone(e164, 'DE'), formatPhone(e164, 'US'), e164.slice(3)];
}

/** A canary as it could appear in a line: as is, URL-encoded, JSON-escaped. */
function forms(canary: string): string[] {
  return [...new Set([canary, encodeURIComponent(canary), JSON.stringify(canary).slice(1, -1)])];
}
