import { afterEach, describe, expect, test } from 'vitest';
import type { TestApp } from '../testing/test-app.ts';
import {
  bearer,
  forEachStoreApp,
  newSession,
  newToken,
  OWNER_PASSWORD,
  signIn,
  statusWith,
} from './credential-test-kit.ts';

const NEW_PASSWORD = 'a quite different phrase';

forEachStoreApp((storeName, open) => {
  describe(`API tokens, sign-out and password change on ${storeName}`, () => {
    let t: TestApp | undefined;
    afterEach(async () => {
      await t?.close();
      t = undefined;
    });

    test('tokens are listed by name with when they were made and last used, never with their secret', async () => {
      t = await open();
      const { app, cookie, clock } = t;
      const script = await newToken(app, cookie, 'backup script');
      clock.advance(60_000);
      await newToken(app, cookie, 'phone shortcut');
      clock.advance(60_000);
      expect(await statusWith(app, bearer(script))).toBe(200);
      const listed = await app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie } });
      expect(listed.statusCode).toBe(200);
      const { tokens } = listed.json<{ tokens: Record<string, unknown>[] }>();
      expect(tokens.map((token) => token.name)).toEqual(['backup script', 'phone shortcut']);
      expect(tokens[0]).toMatchObject({
        createdAt: '2026-03-28T19:00:00.000Z',
        lastUsedAt: '2026-03-28T19:02:00.000Z',
      });
      expect(tokens[1]).toMatchObject({ createdAt: '2026-03-28T19:01:00.000Z', lastUsedAt: null });
      expect(listed.body).not.toContain(script);
      expect(Object.keys(tokens[0] ?? {}).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name']);
    });

    test('a revoked token stops working at once; revoking it again or a stranger id answers 404', async () => {
      t = await open();
      const { app, cookie } = t;
      const kept = await newToken(app, cookie, 'kept');
      const revoked = await newToken(app, cookie, 'revoked');
      const { tokens } = (await app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie } })).json<{
        tokens: { id: string; name: string }[];
      }>();
      const id = tokens.find((token) => token.name === 'revoked')?.id ?? 'missing';
      const revoke = () => app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: { cookie } });
      expect((await revoke()).statusCode).toBe(204);
      expect(await statusWith(app, bearer(revoked))).toBe(401);
      expect(await statusWith(app, bearer(kept))).toBe(200);
      const again = await revoke();
      expect(again.statusCode).toBe(404);
      expect(again.json().error.code).toBe('not-found');
    });

    test('signing out with a bearer revokes that bearer and no other credential', async () => {
      t = await open();
      const { app, cookie } = t;
      const leaving = await newToken(app, cookie, 'leaving');
      const staying = await newToken(app, cookie, 'staying');
      const out = await app.inject({
        method: 'DELETE',
        url: '/api/sessions/current',
        headers: bearer(leaving),
      });
      expect(out.statusCode).toBe(204);
      expect(await statusWith(app, bearer(leaving))).toBe(401);
      expect(await statusWith(app, bearer(staying))).toBe(200);
      expect(await statusWith(app, { cookie })).toBe(200);
    });

    test('signing out everywhere ends every session and every token of mine, and nobody else’s', async () => {
      t = await open();
      const { app, cookie } = t;
      const other = await newSession(app);
      const token = await newToken(app, cookie, 'script');
      const stranger = await t.signUp('stranger@example.org');
      const out = await app.inject({ method: 'DELETE', url: '/api/sessions', headers: { cookie } });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toMatch(/^rapport_session=;/);
      expect(await statusWith(app, { cookie })).toBe(401);
      expect(await statusWith(app, { cookie: other })).toBe(401);
      expect(await statusWith(app, bearer(token))).toBe(401);
      expect(await statusWith(app, { cookie: stranger })).toBe(200);
      expect((await signIn(app, OWNER_PASSWORD)).statusCode).toBe(200);
    });

    test('changing the password keeps this session, ends every other session and token, and the old password', async () => {
      t = await open();
      const { app, cookie } = t;
      const other = await newSession(app);
      const token = await newToken(app, cookie, 'script');
      const changed = await app.inject({
        method: 'POST',
        url: '/api/account/password',
        headers: { cookie },
        payload: { currentPassword: OWNER_PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(changed.statusCode).toBe(204);
      expect(await statusWith(app, { cookie })).toBe(200);
      expect(await statusWith(app, { cookie: other })).toBe(401);
      expect(await statusWith(app, bearer(token))).toBe(401);
      expect((await signIn(app, OWNER_PASSWORD)).statusCode).toBe(401);
      expect((await signIn(app, NEW_PASSWORD)).statusCode).toBe(200);
    });

    test('a password change with a wrong current password or a weak new one changes nothing', async () => {
      t = await open();
      const { app, cookie } = t;
      const other = await newSession(app);
      const change = (payload: object) =>
        app.inject({ method: 'POST', url: '/api/account/password', headers: { cookie }, payload });
      const wrong = await change({ currentPassword: 'not my password', newPassword: NEW_PASSWORD });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error).toEqual({
        code: 'invalid-input',
        message: 'currentPassword: that is not your current password',
        field: 'currentPassword',
      });
      const short = await change({ currentPassword: OWNER_PASSWORD, newPassword: 'short' });
      expect(short.json().error).toMatchObject({
        field: 'newPassword',
        message: 'newPassword: use at least 10 characters',
      });
      const common = await change({ currentPassword: OWNER_PASSWORD, newPassword: 'password123' });
      expect(common.statusCode).toBe(400);
      expect(common.json().error.field).toBe('newPassword');
      expect(await statusWith(app, { cookie: other })).toBe(200);
      expect((await signIn(app, OWNER_PASSWORD)).statusCode).toBe(200);
    });
  });
});
