import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@rapport/db';
import { type PostgresCluster, postgresSuite, startPostgres } from '@rapport/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';
import { sessionCookie } from '../testing/test-app.ts';
import { errorOf } from './response-checks.ts';
import { discoverRoutes, fillPath, type RouteEntry, STATE_CHANGING } from './route-table.ts';

/**
 * Text no store can keep, and JSON no recursive walk survives, answer 400 on both stores: a NUL
 * character (PostgreSQL refuses it in text) and 8,000 levels of nesting.
 */

const NESTING = 8_000;
const postgres = postgresSuite();

interface StoreCase {
  name: string;
  open: () => Promise<{ store: Store; done: () => Promise<void> }>;
}

const cases: StoreCase[] = [
  {
    name: 'SQLite',
    open: async () => {
      const folder = mkdtempSync(join(tmpdir(), 'rapport-hostile-'));
      const store = await openStore({ sqliteFile: join(folder, 'rapport.sqlite') });
      return { store, done: async () => rmSync(folder, { recursive: true, force: true }) };
    },
  },
];
let cluster: PostgresCluster | undefined;
if (postgres.available) {
  cases.push({
    name: 'PostgreSQL',
    open: async () => {
      cluster = await startPostgres();
      const store = await openStore({ databaseUrl: cluster.url, sqliteFile: '' });
      return { store, done: async () => cluster?.stop() };
    },
  });
}

describe.each(cases)('on $name', ({ open }) => {
  let app: FastifyInstance;
  let store: Store;
  let done: () => Promise<void>;
  let cookie: string;
  let routes: RouteEntry[];

  beforeAll(async () => {
    ({ store, done } = await open());
    app = await buildApp({ store, config: readConfig({ LOG_LEVEL: 'silent' }) });
    const created = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      payload: { email: 'hostile@example.org', password: 'correct horse battery' },
    });
    expect(created.statusCode).toBe(201);
    cookie = sessionCookie(created.headers['set-cookie']);
    routes = discoverRoutes(app);
  });

  const listPeople = async () =>
    (await app.inject({ method: 'GET', url: '/api/people', headers: { cookie } })).body;

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await done?.();
  });

  test('a NUL character in a body field, a search or an id answers 400 naming the field, and stores nothing', async () => {
    const before = await listPeople();
    const person = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { cookie },
      payload: { name: 'Ana\u0000Lima', consent: { kind: 'told-me-and-agreed' } },
    });
    expect([person.statusCode, errorOf(person)?.code, errorOf(person)?.field]).toEqual([
      400,
      'invalid-input',
      'name',
    ]);
    expect(person.json<{ error: { message: string } }>().error.message).toMatch(/NUL/);
    const nested = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { cookie },
      payload: {
        name: 'Ana Lima',
        handles: [{ platform: 'instagram', handle: 'ana\u0000' }],
        consent: { kind: 'told-me-and-agreed' },
      },
    });
    expect([nested.statusCode, errorOf(nested)?.field]).toEqual([400, 'handles.0.handle']);
    const search = await app.inject({ method: 'GET', url: '/api/people?search=a%00b', headers: { cookie } });
    expect([search.statusCode, errorOf(search)?.field]).toEqual([400, 'search']);
    const byId = await app.inject({ method: 'GET', url: '/api/people/a%00b', headers: { cookie } });
    expect([byId.statusCode, errorOf(byId)?.field]).toEqual([400, 'id']);
    expect(await listPeople()).toEqual(before);
  });

  test(`${NESTING.toLocaleString('en-US')} levels of nested JSON answer 4xx at every route that takes a body, and no route answers 5xx`, async () => {
    const deep = `${'['.repeat(NESTING)}${']'.repeat(NESTING)}`;
    const deepObject = `${'{"a":'.repeat(NESTING)}1${'}'.repeat(NESTING)}`;
    const wrong: string[] = [];
    // Routes that declare a body first: a route without one may ignore the body and sign out.
    const targets = routes
      .filter((entry) => STATE_CHANGING.has(entry.method))
      .sort((a, b) => Number(b.body !== undefined) - Number(a.body !== undefined));
    for (const route of targets) {
      for (const payload of [deep, deepObject, `{"name":${deep}}`]) {
        const response = await app.inject({
          method: route.method,
          url: fillPath(route.url, () => 'none'),
          headers: { cookie, 'content-type': 'application/json' },
          payload,
        });
        const refused = response.statusCode >= 400 && errorOf(response)?.code !== undefined;
        if (response.statusCode >= 500 || (route.body !== undefined && !refused))
          wrong.push(`${route.method} ${route.url} → ${response.statusCode} ${response.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
