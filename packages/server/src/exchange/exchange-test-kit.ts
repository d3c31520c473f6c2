import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@rapport/db';
import SqliteDatabase from 'better-sqlite3';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';
import { sessionCookie, type TestClock } from '../testing/test-app.ts';

/** Requests for the exchange tests: a card, a link to it, and the public pages as a stranger sees them. */

export interface ExchangeApp {
  app: FastifyInstance;
  store: Store;
  cookie: string;
  clock: TestClock;
  /** The SQLite file, to read (or write) it from outside the app. */
  sqliteFile: string;
  close(): Promise<void>;
}

/**
 * The whole app on a SQLite file whose path the test knows, a test clock and a signed-in owner
 * ("Alex", region DE). Like createTestApp, plus the file for byte scans and direct writes; with
 * `logLines`, every log line (level trace) is pushed there; with `databaseUrl`, on PostgreSQL.
 */
export async function createExchangeApp(
  options: { logLines?: string[]; databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<ExchangeApp> {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-exchange-'));
  const sqliteFile = join(folder, 'rapport.sqlite');
  const store = await openStore({ sqliteFile, databaseUrl: options.databaseUrl });
  let current = Date.parse('2026-03-28T19:00:00.000Z');
  const clock: TestClock = {
    set: (iso) => {
      current = Date.parse(iso);
    },
    advance: (ms) => {
      current += ms;
    },
    now: () => new Date(current),
  };
  const { logLines } = options;
  const config = readConfig({
    LOG_LEVEL: logLines ? 'trace' : 'silent',
    ALLOW_SIGNUPS: 'true',
    ...options.env,
  });
  const logStream = logLines ? { write: (line: string) => void logLines.push(line) } : undefined;
  const app = await buildApp({ store, config, now: clock.now, ...(logStream ? { logStream } : {}) });
  const close = async () => {
    await app.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  };
  const created = await app.inject({
    method: 'POST',
    url: '/api/accounts',
    payload: {
      email: 'alex@example.org',
      password: 'correct horse battery',
      name: 'Alex',
      phoneRegion: 'DE',
    },
  });
  if (created.statusCode !== 201) {
    await close();
    throw new Error(`sign-up answered ${created.statusCode}: ${created.body}`);
  }
  return { app, store, cookie: sessionCookie(created.headers['set-cookie']), clock, sqliteFile, close };
}

/** A block row written straight into the file, without anything the blocking feature does besides. */
export function insertBlockRow(
  sqliteFile: string,
  row: { accountId: string; linkId?: string; personId?: string },
) {
  const sqlite = new SqliteDatabase(sqliteFile);
  try {
    sqlite
      .prepare('INSERT INTO blocks (id, account_id, person_id, link_id, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(
        crypto.randomUUID(),
        row.accountId,
        row.personId ?? null,
        row.linkId ?? null,
        new Date().toISOString(),
      );
  } finally {
    sqlite.close();
  }
}

export const OWNER_CARD = {
  label: 'Full',
  name: 'Alex Kim',
  phone: '+49 170 1234567',
  email: 'alex@example.org',
  note: 'Met at the climbing gym',
  handles: [{ platform: 'instagram', handle: 'alex.kim' }],
  shows: { name: true, phone: true, email: false, note: true, handles: ['instagram'] },
};

export interface CreatedLink {
  id: string;
  url: string;
  token: string;
  qrSvg: string;
  expiresAt: string;
}

export async function createCard(
  app: FastifyInstance,
  cookie: string,
  card: object = OWNER_CARD,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/cards',
    headers: { cookie },
    payload: card,
  });
  if (response.statusCode !== 201) throw new Error(`card: ${response.statusCode} ${response.body}`);
  return response.json().card.id;
}

export async function createLink(
  app: FastifyInstance,
  cookie: string,
  cardId: string,
  options: { expiresInDays?: number; oneTime?: boolean; encounterId?: string } = {},
): Promise<CreatedLink> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/cards/${cardId}/links`,
    headers: { cookie },
    payload: options,
  });
  if (response.statusCode !== 201) throw new Error(`link: ${response.statusCode} ${response.body}`);
  const body = response.json() as Omit<CreatedLink, 'token'>;
  return { ...body, token: tokenOf(body.url) };
}

export function tokenOf(url: string): string {
  const token = /\/x\/([^/]+)$/.exec(url)?.[1];
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

let address = 0;
/** A new client address for each call, so the per-address limit stays out of tests not about it. */
export function nextAddress(): string {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
}

/**
 * A stranger's request to a public page, from its own address unless one is given. A form is posted
 * as a current browser posts it from the page: `Sec-Fetch-Site: same-origin`, unless headers say otherwise.
 */
export function visit(
  app: FastifyInstance,
  path: string,
  options: { form?: Record<string, string>; remoteAddress?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const remoteAddress = options.remoteAddress ?? nextAddress();
  const headers = options.headers ?? {};
  if (!options.form) return app.inject({ method: 'GET', url: path, remoteAddress, headers });
  return app.inject({
    method: 'POST',
    url: path,
    remoteAddress,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.headers ?? { 'sec-fetch-site': 'same-origin' }),
    },
    payload: new URLSearchParams(options.form).toString(),
  });
}

export const SHARE_FORM = { name: 'Jordan Lee', phone: '+44 7911 123456', consent: 'yes' };
