import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@rapport/db';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';

/** A clock the test moves by hand: the app reads it through `deps.now`. */
export interface TestClock {
  set(iso: string): void;
  advance(ms: number): void;
  now(): Date;
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  /** The owner's session cookie, ready for `headers: { cookie }`. */
  cookie: string;
  clock: TestClock;
  /** Signs up another account and signs it in; answers its session cookie. */
  signUp(email: string, settings?: TestAccountSettings): Promise<string>;
  close(): Promise<void>;
}

/** Settings as POST /api/accounts takes them, e.g. `{ timeZone: 'Europe/Berlin', phoneRegion: 'DE' }`. */
export interface TestAccountSettings {
  name?: string | null;
  phoneRegion?: string;
  timeZone?: string;
  quietHours?: string;
  firstTextDelayHours?: number;
}

export interface TestAppOptions {
  /** Where the clock starts; default 2026-03-28T19:00:00.000Z. */
  now?: string;
  /** The owner's settings, sent with the sign-up. */
  owner?: TestAccountSettings;
  ownerEmail?: string;
  /** Extra environment for readConfig; LOG_LEVEL silent and ALLOW_SIGNUPS true unless given. */
  env?: Record<string, string>;
  /** A pino destination, to read every log line. */
  logStream?: { write: (line: string) => void };
  /** A PostgreSQL database to run on instead of the SQLite file (empty: the owner is made in it). */
  databaseUrl?: string;
}

const PASSWORD = 'correct horse battery';

/**
 * The whole app on a real SQLite file in a fresh temporary folder (or on `databaseUrl`), with a
 * clock the test controls and a signed-in owner. Call `close()` in afterEach/afterAll: it removes the folder.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-http-'));
  const store = await openStore({
    databaseUrl: options.databaseUrl,
    sqliteFile: join(folder, 'rapport.sqlite'),
  });
  let current = new Date(options.now ?? '2026-03-28T19:00:00.000Z').getTime();
  const clock: TestClock = {
    set: (iso) => {
      current = new Date(iso).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
    now: () => new Date(current),
  };
  const config = readConfig({ LOG_LEVEL: 'silent', ALLOW_SIGNUPS: 'true', ...options.env });
  const app = await buildApp({
    store,
    config,
    now: clock.now,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });

  const close = async () => {
    await app.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  };

  try {
    const created = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      payload: { email: options.ownerEmail ?? 'owner@example.org', password: PASSWORD, ...options.owner },
    });
    if (created.statusCode !== 201)
      throw new Error(`owner sign-up answered ${created.statusCode}: ${created.body}`);
    const cookie = sessionCookie(created.headers['set-cookie']);

    const signUp = async (email: string, settings: TestAccountSettings = {}) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/accounts',
        payload: { email, password: PASSWORD, ...settings },
      });
      if (response.statusCode !== 202 && response.statusCode !== 201)
        throw new Error(`sign-up answered ${response.statusCode}: ${response.body}`);
      // Later sign-ups answer 202 without a session (no endpoint tells who has an account): sign in.
      const session = await app.inject({
        method: 'POST',
        url: '/api/sessions',
        payload: { email, password: PASSWORD },
      });
      if (session.statusCode !== 200)
        throw new Error(`sign-in answered ${session.statusCode}: ${session.body}`);
      return sessionCookie(session.headers['set-cookie']);
    };

    return { app, store, cookie, clock, signUp, close };
  } catch (error: unknown) {
    await close();
    throw error;
  }
}

/** `name=value` of the session cookie from a set-cookie header, ready for a `cookie` request header. */
export function sessionCookie(header: string | string[] | undefined): string {
  const first = Array.isArray(header) ? header[0] : header;
  const pair = first?.split(';')[0];
  if (!pair) throw new Error('no set-cookie header in the answer');
  return pair;
}

/** Requests as one signed-in user: `asUser(app, cookie).post('/api/encounters', { place: 'Café' })`. */
export function asUser(app: FastifyInstance, cookie: string) {
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload: object = {}) => send('POST', url, payload),
    patch: (url: string, payload: object) => send('PATCH', url, payload),
    delete: (url: string) => send('DELETE', url),
  };
}
