import { type AccountId, openStore, type Store } from '@rapport/db';
import { postgresSuite, startPostgres } from '@rapport/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { bearer, newSession, newToken, OWNER_PASSWORD } from './credential-test-kit.ts';
import { MAX_STREAMS_PER_CREDENTIAL } from './event-routes.ts';
import { type OpenStream, openStream } from './open-stream.ts';

/** Generous: the stream ends as soon as the announcement arrives; this bounds a test that would hang. */
const ENDS_WITHIN_MS = 10_000;

/**
 * The owner's app, where streams are held, and where sessions are ended: the same app on SQLite; on
 * PostgreSQL another app on its own connections, as a second server process would be.
 */
interface Setup {
  holder: string;
  ender: FastifyInstance;
  owner: TestApp;
  close(): Promise<void>;
}

async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

const setups: [string, () => Promise<Setup>][] = [
  [
    'SQLite',
    async () => {
      const owner = await createTestApp();
      return { holder: await listen(owner.app), ender: owner.app, owner, close: owner.close };
    },
  ],
];
if (postgresSuite().available) {
  setups.push([
    'PostgreSQL',
    async () => {
      const cluster = await startPostgres();
      const owner = await createTestApp({ databaseUrl: cluster.url });
      const other: Store = await openStore({ databaseUrl: cluster.url, sqliteFile: '' });
      const ender = await buildApp({
        store: other,
        config: readConfig({ LOG_LEVEL: 'silent' }),
        now: owner.clock.now,
      });
      return {
        holder: await listen(owner.app),
        ender,
        owner,
        close: async () => {
          await ender.close();
          await other.close();
          await owner.close();
          await cluster.stop();
        },
      };
    },
  ]);
}

for (const [storeName, start] of setups) {
  describe(`live event streams end with their credential on ${storeName}`, () => {
    let s: Setup | undefined;
    afterEach(async () => {
      await s?.close();
      s = undefined;
    });

    const ownerId = async (store: Store) => (await store.accounts.findForAdmin())?.id as AccountId;
    /** An event published after the ending: a stream that gets it was still open after it. */
    const ping = async (store: Store) => store.events.publish(await ownerId(store), { type: 'ping' });

    test('signing out ends that session’s stream, and another session’s stream stays open', async () => {
      s = await start();
      const { owner, ender, holder } = s;
      const other = await newSession(owner.app);
      const leaving = await openStream(`${holder}/api/events`, { cookie: owner.cookie });
      const staying = await openStream(`${holder}/api/events`, { cookie: other });
      const out = await ender.inject({
        method: 'DELETE',
        url: '/api/sessions/current',
        headers: { cookie: owner.cookie },
      });
      expect(out.statusCode).toBe(204);
      expect(await leaving.ended(ENDS_WITHIN_MS)).toBe(true);
      await ping(owner.store);
      expect(await staying.nextEvent(ENDS_WITHIN_MS)).toBe('ping');
      staying.close();
    });

    test('a revoked token’s stream ends, and signing out everywhere ends every stream', async () => {
      s = await start();
      const { owner, ender, holder } = s;
      const token = await newToken(owner.app, owner.cookie, 'script');
      const viaToken = await openStream(`${holder}/api/events`, bearer(token));
      const viaSession = await openStream(`${holder}/api/events`, { cookie: owner.cookie });
      const { tokens } = (
        await ender.inject({ method: 'GET', url: '/api/tokens', headers: { cookie: owner.cookie } })
      ).json<{ tokens: { id: string }[] }>();
      await ender.inject({
        method: 'DELETE',
        url: `/api/tokens/${tokens[0]?.id}`,
        headers: { cookie: owner.cookie },
      });
      expect(await viaToken.ended(ENDS_WITHIN_MS)).toBe(true);
      await ping(owner.store);
      expect(await viaSession.nextEvent(ENDS_WITHIN_MS)).toBe('ping');
      await ender.inject({ method: 'DELETE', url: '/api/sessions', headers: { cookie: owner.cookie } });
      expect(await viaSession.ended(ENDS_WITHIN_MS)).toBe(true);
    });

    test('a password change ends the other sessions’ streams; deleting the account ends the rest', async () => {
      s = await start();
      const { owner, ender, holder } = s;
      const other = await newSession(owner.app);
      const mine = await openStream(`${holder}/api/events`, { cookie: owner.cookie });
      const theirs = await openStream(`${holder}/api/events`, { cookie: other });
      const changed = await ender.inject({
        method: 'POST',
        url: '/api/account/password',
        headers: { cookie: owner.cookie },
        payload: { currentPassword: OWNER_PASSWORD, newPassword: 'an entirely new phrase' },
      });
      expect(changed.statusCode).toBe(204);
      expect(await theirs.ended(ENDS_WITHIN_MS)).toBe(true);
      await ping(owner.store);
      expect(await mine.nextEvent(ENDS_WITHIN_MS)).toBe('ping');
      await ender.inject({ method: 'DELETE', url: '/api/account', headers: { cookie: owner.cookie } });
      expect(await mine.ended(ENDS_WITHIN_MS)).toBe(true);
    });

    test(`at most ${MAX_STREAMS_PER_CREDENTIAL} streams are open per session; another session may open its own`, async () => {
      s = await start();
      const { owner, holder } = s;
      const url = `${holder}/api/events`;
      const open = [];
      for (let index = 0; index < MAX_STREAMS_PER_CREDENTIAL; index++) {
        open.push(await openStream(url, { cookie: owner.cookie }));
      }
      const refused = await fetch(url, {
        headers: { accept: 'text/event-stream', cookie: owner.cookie },
      });
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate-limited');
      const other = await openStream(url, { cookie: await newSession(owner.app) });
      open[0]?.close();
      await open[0]?.ended(ENDS_WITHIN_MS);
      // The server counts the stream closed once it sees the socket go: ask until it has.
      let again: OpenStream | undefined;
      for (let attempt = 0; attempt < 50 && !again; attempt++) {
        again = await openStream(url, { cookie: owner.cookie }).catch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          return undefined;
        });
      }
      expect(again).toBeDefined();
      for (const stream of [...open, other, again]) stream?.close();
    });
  });
}
