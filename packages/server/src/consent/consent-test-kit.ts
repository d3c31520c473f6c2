import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AccountId, type OwnerEvent, openStore, type Store } from '@rapport/db';
import { postgresSuite, startPostgres } from '@rapport/db/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';
import { openReader } from '../introductions/intro-test-kit.ts';
import { sessionCookie } from '../testing/test-app.ts';

/** The consent tests' whole app: an owner with an API token, a card, and the public pages. */
export interface ConsentApp {
  app: FastifyInstance;
  store: Store;
  accountId: AccountId;
  clock: { now: () => Date; advance: (ms: number) => void };
  /** Every live event the owner was sent, in order. */
  events: OwnerEvent[];
  api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object): Promise<Answer>;
  /** Adds a person through the API; answers the id. */
  addPerson(fields: PersonInput): Promise<string>;
  /** An encounter with the person (or with nobody), and its outcome when one is given. */
  meet(personId: string | null, outcome?: object): Promise<string>;
  /** A new exchange link to the owner's card; answers its token. */
  newLink(options?: { encounterId?: string; oneTime?: boolean }): Promise<string>;
  /** A stranger posts the share-back form on a link. */
  shareBack(token: string, form: Record<string, string>): Promise<LightMyRequestResponse>;
  /** A stranger presses "Not now" on a link. */
  declineLink(token: string): Promise<LightMyRequestResponse>;
  /** A public page (`/x/…`, `/i/…`) as a stranger opens or posts it (`form`: urlencoded). */
  publicPage(method: 'GET' | 'POST', path: string, form?: string): Promise<LightMyRequestResponse>;
  /** Another account on the same app and store, with its own card. */
  another(): Promise<ConsentApp>;
  /** The calendar feed as a subscribed calendar reads it. */
  feed(): Promise<string>;
  /** Reads the database directly (`?` placeholders): what is stored beyond what the API shows. */
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever the answer holds.
  body: any;
  text: string;
}

export interface PersonInput {
  name: string;
  phone?: string;
  handles?: { platform: string; handle: string }[];
  notes?: string;
}

const PASSWORD = 'consent-test-password';
let addressSerial = 0;

/** The app on a fresh SQLite file, or on the PostgreSQL database given; the clock is the test's. */
export async function startConsentApp(options: { databaseUrl?: string } = {}): Promise<ConsentApp> {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-consent-'));
  const file = join(folder, 'rapport.sqlite');
  const store = await openStore({ databaseUrl: options.databaseUrl, sqliteFile: file });
  const reader = openReader(options.databaseUrl, file);
  let current = Date.parse('2026-03-28T19:00:00.000Z');
  const clock = {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
  };
  const app = await buildApp({
    store,
    config: readConfig({ LOG_LEVEL: 'silent', ALLOW_SIGNUPS: 'true', PUBLIC_URL: 'https://rapport.test' }),
    now: clock.now,
  });
  const closers: (() => void)[] = [];
  const shared = { app, store, clock, reader, closers };
  const first = await openAccount(shared);
  return {
    ...first,
    close: async () => {
      for (const close of closers) close();
      await app.close();
      await store.close();
      await reader.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

interface Shared {
  app: FastifyInstance;
  store: Store;
  clock: ConsentApp['clock'];
  reader: ReturnType<typeof openReader>;
  closers: (() => void)[];
}

/** A new account on the app, signed in with a bearer token, its live events recorded, with a card. */
async function openAccount(shared: Shared): Promise<ConsentApp> {
  const { app, store, clock, reader } = shared;
  const email = `owner-${crypto.randomUUID()}@example.org`;
  const owner = { email, password: PASSWORD, name: 'Alex', phoneRegion: 'DE', timeZone: 'Europe/Berlin' };
  // Each account from its own address: sign-ups are limited per address.
  const remoteAddress = nextAddress();
  await app.inject({ method: 'POST', url: '/api/accounts', payload: owner, remoteAddress });
  const session = await app.inject({
    method: 'POST',
    url: '/api/sessions',
    payload: { email, password: PASSWORD },
    remoteAddress,
  });
  const cookie = sessionCookie(session.headers['set-cookie']);
  // A bearer token, not the session: the tests move the clock by days.
  const minted = await app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: { cookie },
    payload: { name: 'consent tests' },
  });
  const authorization = `Bearer ${minted.json().token as string}`;
  const api: ConsentApp['api'] = async (method, url, payload) => {
    const response = await app.inject({
      method,
      url,
      headers: { authorization },
      ...(payload ? { payload } : {}),
    });
    const text = response.body;
    const isJson = String(response.headers['content-type'] ?? '').includes('json') && text !== '';
    return { status: response.statusCode, body: isJson ? response.json() : undefined, text };
  };
  const accountId = (await reader.run('SELECT id FROM accounts WHERE email = ?', [email]))[0]
    ?.id as AccountId;
  const events: OwnerEvent[] = [];
  shared.closers.push(await store.events.subscribe(accountId, (event) => void events.push(event)));

  const expect2xx = (what: string, answer: Answer) => {
    if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${answer.text}`);
    return answer.body;
  };
  const card = expect2xx(
    'card',
    await api('POST', '/api/cards', {
      label: 'Mine',
      name: 'Alex Kim',
      phone: '+49 170 1234567',
      shows: { name: true, phone: true, email: false, note: false, handles: [] },
    }),
  );

  return {
    app,
    store,
    accountId,
    clock,
    events,
    api,
    query: reader.run,
    another: () => openAccount(shared),
    close: async () => undefined,
    async addPerson(fields) {
      const body = expect2xx(
        'person',
        await api('POST', '/api/people', { ...fields, consent: { kind: 'told-me-and-agreed' } }),
      );
      return body.person.id as string;
    },
    async meet(personId, outcome) {
      const body = expect2xx(
        'encounter',
        await api('POST', '/api/encounters', personId ? { personId } : { place: 'Café' }),
      );
      const id = body.encounter.id as string;
      if (outcome) expect2xx('outcome', await api('POST', `/api/encounters/${id}/outcome`, outcome));
      return id;
    },
    async newLink(linkOptions = {}) {
      const body = expect2xx('link', await api('POST', `/api/cards/${card.card.id}/links`, linkOptions));
      return String(body.url).split('/x/')[1] as string;
    },
    shareBack(token, form) {
      return app.inject({
        method: 'POST',
        url: `/x/${token}/share`,
        remoteAddress: nextAddress(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        payload: new URLSearchParams({ consent: 'yes', ...form }).toString(),
      });
    },
    declineLink(token) {
      return app.inject({
        method: 'POST',
        url: `/x/${token}/decline`,
        remoteAddress: nextAddress(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        payload: '',
      });
    },
    publicPage(method, path, form) {
      return app.inject({
        method,
        url: path,
        remoteAddress: nextAddress(),
        ...(form === undefined
          ? {}
          : {
              headers: {
                'content-type': 'application/x-www-form-urlencoded',
                'sec-fetch-site': 'same-origin',
              },
              payload: form,
            }),
      });
    },
    async feed() {
      const { url } = expect2xx('calendar', await api('POST', '/api/calendar/reset'));
      return (await app.inject({ method: 'GET', url: new URL(url).pathname })).body;
    },
  };
}

/** A client address per public request: the pages' per-address limit stays out of these tests. */
function nextAddress(): string {
  addressSerial += 1;
  return `10.9.${(addressSerial >> 8) & 255}.${addressSerial & 255}`;
}

/**
 * Registers a suite twice: on a SQLite file, and on a throwaway PostgreSQL cluster (in CI it must
 * run; on a laptop without PostgreSQL it is skipped with a line). Each gets one app for the suite.
 */
export function forBothStores(suite: (name: string, open: () => Promise<ConsentApp>) => void): void {
  suite('SQLite', () => startConsentApp());
  if (!postgresSuite().available) return;
  suite('PostgreSQL', async () => {
    const cluster = await startPostgres();
    const started = await startConsentApp({ databaseUrl: cluster.url });
    return {
      ...started,
      close: async () => {
        await started.close();
        await cluster.stop();
      },
    };
  });
}
