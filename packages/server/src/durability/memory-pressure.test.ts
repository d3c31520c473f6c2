import { afterEach, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Memory pressure is shed, not fatal: once the heap in use passes SHED_HEAP_MB (by default 90% of
 * what V8 may grow to), requests answer 503 with retry-after until it falls again, instead of the
 * process growing until V8 ends it. A limit of 1 MB puts the app under pressure at its first sample.
 */
let current: TestApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

test('past the heap limit requests answer 503 overloaded with retry-after, and the app keeps answering', async () => {
  current = await createTestApp({ env: { SHED_HEAP_MB: '1' } });
  const { app, cookie } = current;
  // The memory is sampled once a second.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const shed = await app.inject({ method: 'GET', url: '/api/people', headers: { cookie } });
  expect(shed.statusCode).toBe(503);
  expect(shed.headers['retry-after']).toBe('5');
  expect(shed.json()).toMatchObject({ error: { code: 'overloaded' } });
});

test('by default the limit sits below what V8 may grow to, so an ordinary app is never shed', async () => {
  current = await createTestApp();
  const { app, cookie } = current;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect((await app.inject({ method: 'GET', url: '/api/people', headers: { cookie } })).statusCode).toBe(200);
});
