import { type PostgresCluster, postgresSuite, startPostgres } from '@rapport/db/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll } from 'vitest';
import { createTestApp, sessionCookie, type TestApp, type TestAppOptions } from '../testing/test-app.ts';

/** The password the test app gives its owner. */
export const OWNER_PASSWORD = 'correct horse battery';
export const OWNER_EMAIL = 'owner@example.org';

/** Opens a test app on one store, on a database of its own. */
export type OpenTestApp = (options?: TestAppOptions) => Promise<TestApp>;

/**
 * Registers `suite` twice: with test apps on SQLite files, and on PostgreSQL (skipped with a line
 * where PostgreSQL is not installed; in CI it must run). On PostgreSQL the test file starts one
 * throwaway cluster, and each app opened gets a fresh database of its own in it.
 */
export function forEachStoreApp(suite: (name: string, open: OpenTestApp) => void): void {
  suite('SQLite', (options) => createTestApp(options));
  if (!postgresSuite().available) return;
  let cluster: Promise<PostgresCluster> | undefined;
  let databases = 0;
  afterAll(async () => {
    await (await cluster)?.stop();
  });
  suite('PostgreSQL', async (options) => {
    cluster ??= startPostgres();
    const { url } = await cluster;
    const database = `rapport_app_${++databases}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end();
    }
    const databaseUrl = url.replace(/\/[^/]*$/, `/${database}`);
    return createTestApp({ ...options, databaseUrl });
  });
}

/** Signs in through the API from `address`; answers the response. */
export function signIn(
  app: FastifyInstance,
  password: string,
  address = '127.0.0.1',
  email = OWNER_EMAIL,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/sessions',
    payload: { email, password },
    remoteAddress: address,
  });
}

/** A new session cookie of the owner, through the API. */
export async function newSession(app: FastifyInstance, password = OWNER_PASSWORD): Promise<string> {
  const response = await signIn(app, password);
  if (response.statusCode !== 200)
    throw new Error(`sign-in answered ${response.statusCode}: ${response.body}`);
  return sessionCookie(response.headers['set-cookie']);
}

/** A new API token of the owner (its secret), made with a session cookie. */
export async function newToken(app: FastifyInstance, cookie: string, name: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: { cookie },
    payload: { name },
  });
  if (response.statusCode !== 201) throw new Error(`token answered ${response.statusCode}: ${response.body}`);
  return response.json<{ token: string }>().token;
}

/** The status GET /api/settings answers with these headers: 200 while the credential lives. */
export async function statusWith(app: FastifyInstance, headers: Record<string, string>): Promise<number> {
  return (await app.inject({ method: 'GET', url: '/api/settings', headers })).statusCode;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
