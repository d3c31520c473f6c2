import { afterEach, expect, test } from 'vitest';
import { createCard, createLink, visit } from './exchange/exchange-test-kit.ts';
import { asUser, createTestApp, type TestApp } from './testing/test-app.ts';

/**
 * docs/decisions/0009-public-page-speed.md: one line per request, when it is answered; successful
 * public page views at debug; errors always; no token in any line.
 */

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  req?: { method: string; path: string };
  res?: { statusCode: number };
  responseTime?: number;
}

async function appLoggingAt(level: 'info' | 'debug') {
  const lines: LogLine[] = [];
  const t = await createTestApp({
    env: { LOG_LEVEL: level },
    logStream: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  });
  apps.push(t);
  const link = await createLink(t.app, t.cookie, await createCard(t.app, t.cookie));
  lines.length = 0;
  return { t, lines, link };
}

const requestLines = (lines: LogLine[]) => lines.filter((line) => line.req !== undefined);

test('a request writes one line when answered: method, path, status, time and request id', async () => {
  const { t, lines } = await appLoggingAt('info');
  await asUser(t.app, t.cookie).get('/api/people');
  expect(requestLines(lines)).toEqual([
    expect.objectContaining({
      level: 30,
      msg: 'request completed',
      reqId: expect.any(String),
      req: { method: 'GET', path: '/api/people' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    }),
  ]);
});

test('public page views are written at debug; their refusals at info; no line holds the token', async () => {
  const atInfo = await appLoggingAt('info');
  expect((await visit(atInfo.t.app, `/x/${atInfo.link.token}`)).statusCode).toBe(200);
  expect((await visit(atInfo.t.app, '/x/AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
  expect(requestLines(atInfo.lines)).toEqual([
    expect.objectContaining({
      level: 30,
      req: { method: 'GET', path: '/x/[token]' },
      res: { statusCode: 404 },
    }),
  ]);

  const atDebug = await appLoggingAt('debug');
  expect((await visit(atDebug.t.app, `/x/${atDebug.link.token}`)).statusCode).toBe(200);
  expect(requestLines(atDebug.lines)).toEqual([
    expect.objectContaining({
      level: 20,
      req: { method: 'GET', path: '/x/[token]' },
      res: { statusCode: 200 },
    }),
  ]);
  const everyLine = JSON.stringify([...atInfo.lines, ...atDebug.lines]);
  expect(everyLine).not.toContain(atInfo.link.token);
  expect(everyLine).not.toContain(atDebug.link.token);
});

test('a request that fails on our side writes its error, with the request id of its line', async () => {
  const { t, lines } = await appLoggingAt('info');
  t.store.exchangeLinks.findLive = async () => {
    throw new Error('the disk caught fire');
  };
  expect((await visit(t.app, '/x/AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(500);
  const failed = lines.find((line) => line.msg === 'request failed');
  expect(failed).toEqual(expect.objectContaining({ level: 50, reqId: expect.any(String) }));
  expect(requestLines(lines)).toEqual([
    expect.objectContaining({ level: 30, reqId: failed?.reqId, res: { statusCode: 500 } }),
  ]);
});
