import { afterEach, describe, expect, test } from 'vitest';
import { createTestApp, sessionCookie, type TestApp } from '../testing/test-app.ts';

let test_: TestApp | undefined;
afterEach(async () => {
  await test_?.close();
  test_ = undefined;
});

async function start(env: Record<string, string> = {}) {
  test_ = await createTestApp({ owner: { timeZone: 'Europe/Berlin', phoneRegion: 'DE' }, env });
  return test_;
}

describe('accounts and sessions', () => {
  test('the first account is the owner, signed in at once with a HttpOnly, SameSite=Lax cookie', async () => {
    const { app, cookie } = await start();
    const settings = await app.inject({ method: 'GET', url: '/api/settings', headers: { cookie } });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().account).toMatchObject({
      email: 'owner@example.org',
      role: 'owner',
      settings: { timeZone: 'Europe/Berlin' },
    });
    expect(settings.json().account).not.toHaveProperty('passwordHash');
  });

  test('later sign-ups answer alike whether the email is free or taken, and are closed unless allowed', async () => {
    const { app } = await start();
    const payload = { email: 'sam@example.org', password: 'long enough password' };
    const free = await app.inject({ method: 'POST', url: '/api/accounts', payload });
    const taken = await app.inject({ method: 'POST', url: '/api/accounts', payload });
    expect(free.statusCode).toBe(202);
    expect(taken.statusCode).toBe(202);
    expect(taken.body).toBe(free.body);
    await test_?.close();
    const closed = await start({ ALLOW_SIGNUPS: 'false' });
    const refused = await closed.app.inject({ method: 'POST', url: '/api/accounts', payload });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      error: { code: 'signups-closed', message: 'this server does not take new sign-ups; ask its owner' },
    });
  });

  test('a wrong password and an unknown email answer the same bytes', async () => {
    const { app } = await start();
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      payload: { email: 'owner@example.org', password: 'not the password' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      payload: { email: 'nobody@example.org', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
  });

  test('after 100 failed sign-ins in an hour the email is refused with retry-after, even with the right password', async () => {
    const { app, clock } = await start();
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/sessions',
        payload: { email: 'owner@example.org', password },
        remoteAddress: '10.2.0.1',
      });
    for (let index = 0; index < 100; index++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/sessions',
        payload: { email: 'owner@example.org', password: 'wrong password' },
        remoteAddress: `10.1.${Math.floor(index / 200)}.${index % 200}`,
      });
      expect(response.statusCode).toBe(401);
    }
    const locked = await attempt('correct horse battery');
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('3600');
    clock.advance(61 * 60 * 1000);
    expect((await attempt('correct horse battery')).statusCode).toBe(200);
  });

  test('a new session at every sign-in; signing out kills only that one', async () => {
    const { app } = await start();
    const signIn = async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/sessions',
        payload: { email: 'owner@example.org', password: 'correct horse battery' },
      });
      return sessionCookie(response.headers['set-cookie']);
    };
    const first = await signIn();
    const second = await signIn();
    expect(first).not.toBe(second);
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/sessions/current', headers: { cookie: first } }))
        .statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/settings', headers: { cookie: first } })).statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/settings', headers: { cookie: second } })).statusCode,
    ).toBe(200);
  });

  test('an idle session expires', async () => {
    const { app, cookie, clock } = await start();
    clock.advance(15 * 24 * 60 * 60 * 1000);
    expect((await app.inject({ method: 'GET', url: '/api/settings', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  test('an API token works as a bearer token for scripts', async () => {
    const { app, cookie } = await start();
    const created = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie },
      payload: { name: 'my script' },
    });
    expect(created.statusCode).toBe(201);
    const { token } = created.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const viaToken = await app.inject({
      method: 'GET',
      url: '/api/settings',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.statusCode).toBe(200);
    const wrong = await app.inject({
      method: 'GET',
      url: '/api/settings',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.json()).toEqual({
      error: {
        code: 'unauthenticated',
        message: 'sign in first (POST /api/sessions) or send a bearer token',
      },
    });
  });

  test('settings change with validation naming the field', async () => {
    const { app, cookie } = await start();
    const changed = await app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: { cookie },
      payload: { quietHours: '23:00-07:30', firstTextDelayHours: 5 },
    });
    expect(changed.json().account.settings).toMatchObject({
      quietHours: { start: '23:00', end: '07:30' },
      firstTextDelayHours: 5,
    });
    const bad = await app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: { cookie },
      payload: { timeZone: 'Mars/Base' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid-input', field: 'timeZone' });
    const unknown = await app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: { cookie },
      payload: { theme: 'dark' },
    });
    expect(unknown.json().error).toMatchObject({ code: 'invalid-input', field: 'theme' });
  });

  test('deleting the account removes everything and ends the session', async () => {
    const { app, cookie, store } = await start();
    await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { cookie },
      payload: { name: 'Jordan', phone: '+4917012345678', consent: { kind: 'told-me-and-agreed' } },
    });
    const owner = await store.accounts.findForAdmin();
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/account', headers: { cookie } })).statusCode,
    ).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/people', headers: { cookie } })).statusCode).toBe(
      401,
    );
    if (owner) expect(await store.people.list(owner.id, { limit: 10, offset: 0 })).toEqual([]);
  });
});
