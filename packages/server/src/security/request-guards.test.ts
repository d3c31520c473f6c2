import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { fillPath } from './route-table.ts';
import { createSecurityTestApp, type SecurityTestApp } from './security-test-app.ts';

/**
 * `Host` must name this server (a DNS-rebinding page names its own host), and answers of the API
 * that carry a signed-in person's data are never stored by a browser or a shared cache.
 */

describe('the Host header', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://rapport.example.org' } });
  });
  afterAll(async () => {
    await t.close();
  });
  const withHost = (host: string, url = '/api/settings') =>
    t.app.inject({ method: 'GET', url, headers: { host, cookie: t.cookie } });

  test("PUBLIC_URL's host and the loopback names are served", async () => {
    for (const host of [
      'rapport.example.org',
      'RAPPORT.example.org:443',
      'localhost:3000',
      '127.0.0.1',
      '[::1]:3000',
    ]) {
      expect((await withHost(host)).statusCode, host).toBe(200);
    }
  });

  test('any other host answers 421 naming the host to use, and nothing is read', async () => {
    for (const host of [
      'rebind.evil.example',
      'rebind.evil.example:3000',
      '203.0.113.5',
      'rapport.example.org.evil.example',
    ]) {
      const response = await withHost(host);
      expect(response.statusCode, host).toBe(421);
      expect(response.json()).toEqual({
        error: {
          code: 'misdirected-request',
          message: 'this server answers for rapport.example.org: open https://rapport.example.org',
          field: 'host',
        },
      });
      expect(response.body).not.toContain('owner@example.org');
    }
    const page = await withHost('rebind.evil.example', '/x/AAAAAAAAAAAAAAAAAAAAAA');
    expect(page.statusCode).toBe(421);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  test('on a LAN address, that address is served', async () => {
    const lan = await createTestApp({ env: { HOST: '0.0.0.0', PUBLIC_URL: 'http://192.168.1.20:3000' } });
    try {
      const at = (host: string) =>
        lan.app.inject({ method: 'GET', url: '/api/settings', headers: { host, cookie: lan.cookie } });
      expect((await at('192.168.1.20:3000')).statusCode).toBe(200);
      expect((await at('192.168.1.21:3000')).statusCode).toBe(421);
    } finally {
      await lan.close();
    }
  });
});

describe('Cache-Control of the API', () => {
  let t: SecurityTestApp;
  beforeAll(async () => {
    t = await createSecurityTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('every signed-in API answer is no-store', async () => {
    const readable = t.routes.filter(
      (route) =>
        route.method === 'GET' &&
        route.url.startsWith('/api/') &&
        !route.url.startsWith('/api/docs') &&
        route.url !== '/api/openapi.json' &&
        route.url !== '/api/events',
    );
    const cached: string[] = [];
    for (const route of readable) {
      const url = fillPath(route.url, () => crypto.randomUUID());
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie: t.cookie } });
      if (!String(response.headers['cache-control'] ?? '').includes('no-store'))
        cached.push(`${route.url} → ${response.statusCode} ${String(response.headers['cache-control'])}`);
    }
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/sessions',
      payload: { email: 'owner@example.org', password: 'correct horse battery' },
    });
    console.log(JSON.stringify({ test: 'api-no-store', routes: readable.length, cached: cached.length }));
    expect(cached).toEqual([]);
    expect(readable.length).toBeGreaterThan(10);
    expect(signIn.statusCode).toBe(200);
    expect(signIn.headers['cache-control']).toBe('no-store');
  });
});
