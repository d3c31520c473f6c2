import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@rapport/db';
import SqliteDatabase from 'better-sqlite3';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';
import { sessionCookie } from '../testing/test-app.ts';

export const PUBLIC_URL = 'https://rapport.example.org';
export const INTRODUCER = 'Alex Introducer';
const PASSWORD = 'introductions-test-password';

/**
 * Canary details of the two people: none of them may appear on the other's page before both said
 * yes. Surnames too: before that, a page shows only the other's first name.
 */
export const PEOPLE = {
  a: {
    name: 'Ana Quillfeather',
    firstName: 'Ana',
    phone: '+4915123456789',
    digits: '15123456789',
    handle: { platform: 'instagram', handle: 'canary.alpha.ig' },
  },
  b: {
    name: 'Ben Zorrowitz',
    firstName: 'Ben',
    phone: '+4917098765432',
    digits: '17098765432',
    handle: { platform: 'x', handle: 'canaryBravoX' },
  },
} as const;

/** Everything of `side`'s that must stay off the other page until both said yes. */
export function secretsOf(side: 'a' | 'b'): string[] {
  const person = PEOPLE[side];
  return [person.phone, person.handle.handle, person.name.split(' ')[1] ?? person.name];
}

/** True when `body` holds any of `side`'s details, the phone number in any formatting included. */
export function revealsDetailsOf(body: string, side: 'a' | 'b'): boolean {
  return (
    secretsOf(side).some((secret) => body.includes(secret)) ||
    body.replace(/\D/g, '').includes(PEOPLE[side].digits)
  );
}

export interface IntroApp {
  app: FastifyInstance;
  store: Store;
  cookie: string;
  clock: { now: () => Date; advance: (ms: number) => void };
  logs: string[];
  people: { a: string; b: string };
  /** POST /api/intros for the two people; answers the id and both tokens. */
  introduce(options?: { note?: string; expiresInDays?: number }): Promise<Intro>;
  /** A request to a public page, from its own client address unless one is given (rate limits are per address). */
  page(method: 'GET' | 'POST', url: string, options?: PageOptions): Promise<LightMyRequestResponse>;
  api(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse>;
  /** Reads (or seeds) the database directly, `?` placeholders: what is stored beyond what the API shows. */
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** The consent rows of this owner's two people, oldest first. */
  consentRows(): Promise<{ personId: string; kind: string; fields: string[] }[]>;
  close(): Promise<void>;
}

export interface Intro {
  id: string;
  tokens: { a: string; b: string };
}

interface PageOptions {
  ip?: string;
  form?: string;
  headers?: Record<string, string>;
}

let addressSerial = 0;
/** A fresh client address per request: the per-address page limit stays out of the way. */
export function nextAddress(): string {
  addressSerial += 1;
  return `10.${(addressSerial >> 16) & 255}.${(addressSerial >> 8) & 255}.${addressSerial & 255}`;
}

/**
 * The whole app with a named owner and two people holding canary details, on a fresh SQLite file,
 * or on the store given (PostgreSQL). The clock is the test's.
 */
export async function startIntroApp(options: { databaseUrl?: string } = {}): Promise<IntroApp> {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-intros-'));
  const file = join(folder, 'rapport.sqlite');
  const store = await openStore({ databaseUrl: options.databaseUrl, sqliteFile: file });
  const query = openReader(options.databaseUrl, file);
  let current = new Date('2026-03-28T19:00:00.000Z').getTime();
  const clock = {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
  };
  const logs: string[] = [];
  const app = await buildApp({
    store,
    config: readConfig({ LOG_LEVEL: 'info', ALLOW_SIGNUPS: 'true', PUBLIC_URL }),
    now: clock.now,
    logStream: { write: (line) => logs.push(line) },
  });
  const close = async () => {
    await app.close();
    await store.close();
    await query.close();
    rmSync(folder, { recursive: true, force: true });
  };
  const email = `owner-${crypto.randomUUID()}@example.org`;
  await app.inject({
    method: 'POST',
    url: '/api/accounts',
    payload: { email, password: PASSWORD, name: INTRODUCER, phoneRegion: 'DE', timeZone: 'Europe/Berlin' },
  });
  const session = await app.inject({
    method: 'POST',
    url: '/api/sessions',
    payload: { email, password: PASSWORD },
  });
  const cookie = sessionCookie(session.headers['set-cookie']);
  // An API token, not the session: the tests move the clock past a session's idle time.
  const minted = await app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: { cookie },
    payload: { name: 'introductions test' },
  });
  const authorization = `Bearer ${minted.json().token as string}`;
  const api: IntroApp['api'] = (method, url, payload) =>
    app.inject({ method, url, headers: { authorization }, ...(payload ? { payload } : {}) });

  const addPerson = async (side: 'a' | 'b') => {
    const person = PEOPLE[side];
    const response = await api('POST', '/api/people', {
      name: person.name,
      phone: person.phone,
      handles: [person.handle],
      consent: { kind: 'told-me-and-agreed' },
    });
    if (response.statusCode !== 201) throw new Error(`person: ${response.statusCode} ${response.body}`);
    return response.json().person.id as string;
  };
  const people = { a: await addPerson('a'), b: await addPerson('b') };

  const introduce: IntroApp['introduce'] = async (extra = {}) => {
    const response = await api('POST', '/api/intros', { a: people.a, b: people.b, ...extra });
    if (response.statusCode !== 201) throw new Error(`intro: ${response.statusCode} ${response.body}`);
    const body = response.json() as { id: string; links: { a: string; b: string } };
    const tokenOf = (url: string) => url.slice(`${PUBLIC_URL}/i/`.length);
    return { id: body.id, tokens: { a: tokenOf(body.links.a), b: tokenOf(body.links.b) } };
  };

  const page: IntroApp['page'] = (method, url, pageOptions = {}) =>
    app.inject({
      method,
      url,
      remoteAddress: pageOptions.ip ?? nextAddress(),
      headers: {
        ...(pageOptions.form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        // A form is posted as a current browser posts it from the page, unless headers say otherwise.
        ...(pageOptions.headers ?? (method === 'POST' ? { 'sec-fetch-site': 'same-origin' } : {})),
      },
      ...(pageOptions.form === undefined ? {} : { payload: pageOptions.form }),
    });

  const consentRows = async () =>
    (
      await query.run(
        'SELECT person_id, kind, fields FROM consent_events WHERE person_id IN (?, ?) ORDER BY at, id',
        [people.a, people.b],
      )
    ).map((row) => ({
      personId: String(row.person_id),
      kind: String(row.kind),
      fields: JSON.parse(String(row.fields)) as string[],
    }));

  return {
    app,
    store,
    cookie,
    clock,
    logs,
    people,
    introduce,
    page,
    api,
    query: query.run,
    consentRows,
    close,
  };
}

/** Reads (or seeds) the database beside the app: PostgreSQL through a small pool, SQLite per call. */
export function openReader(databaseUrl: string | undefined, file: string) {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    return {
      run: async (text: string, params: unknown[] = []) => {
        let index = 0;
        const numbered = text.replace(/\?/g, () => `$${++index}`);
        return (await pool.query(numbered, params)).rows as Record<string, unknown>[];
      },
      close: () => pool.end(),
    };
  }
  return {
    run: async (text: string, params: unknown[] = []) => {
      const db = new SqliteDatabase(file);
      try {
        const statement = db.prepare(text);
        if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
        statement.run(...params);
        return [];
      } finally {
        db.close();
      }
    },
    close: async () => undefined,
  };
}

/** Status, body and header set of an answer, with the values that differ per request taken out. */
export function comparable(response: LightMyRequestResponse): string {
  const varying = new Set(['date', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
  const headers = Object.entries(response.headers)
    .map(([name, value]) => `${name}: ${varying.has(name) ? '*' : String(value)}`)
    .sort();
  return JSON.stringify({ status: response.statusCode, body: response.body, headers });
}
