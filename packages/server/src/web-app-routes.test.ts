import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app.ts';

describe('the web app served at /', () => {
  let web: string;
  let app: TestApp;

  beforeAll(async () => {
    web = mkdtempSync(join(tmpdir(), 'rapport-web-dist-'));
    mkdirSync(join(web, 'assets'));
    mkdirSync(join(web, '.vite'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Rapport app</title>');
    writeFileSync(join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(web, 'sw.js'), 'self.addEventListener("fetch", () => {})');
    writeFileSync(join(web, '.vite', 'manifest.json'), '{}');
    app = await createTestApp({ env: { WEB_DIR: web } });
  });
  afterAll(async () => {
    await app.close();
    rmSync(web, { recursive: true, force: true });
  });

  const get = (url: string) => app.app.inject({ method: 'GET', url });

  test('/ and any in-app path answer the index page, revalidated on every load', async () => {
    for (const url of ['/', '/people/42', '/moment?person=7']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('Rapport app');
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });

  test('hashed assets are cached for a year; the service worker is revalidated', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const worker = await get('/sw.js');
    expect(worker.headers['content-type']).toMatch(/javascript/);
    expect(worker.headers['cache-control']).toBe('no-cache');
  });

  test('the server’s own paths and missing files never answer the index page', async () => {
    for (const url of ['/api/nope', '/assets/missing.js', '/.vite/manifest.json', '/calendar/x/y']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('Rapport app');
    }
    const deadLink = await get('/x/unknown-token');
    expect(deadLink.statusCode).toBe(404);
    expect(deadLink.body).not.toContain('Rapport app');
  });

  test('without a build, / says how to make one and the API still works', async () => {
    const bare = await createTestApp({ env: { WEB_DIR: join(web, 'missing') } });
    try {
      const home = await bare.app.inject({ method: 'GET', url: '/' });
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('npm start');
      const settings = await bare.app.inject({
        method: 'GET',
        url: '/api/settings',
        headers: { cookie: bare.cookie },
      });
      expect(settings.statusCode).toBe(200);
    } finally {
      await bare.close();
    }
  });
});
