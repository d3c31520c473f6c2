import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fillPath, type RouteEntry } from './route-table.ts';
import { createSecurityTestApp, type SecurityTestApp } from './security-test-app.ts';
import { type SentUpload, sendUpload } from './upload-over-socket.ts';

/**
 * Credentials and size are checked before a body is read: an unauthenticated 5 MB upload to any route
 * of the route table is answered over a real socket while the client has sent only its first 64 KiB,
 * and the server stops reading the connection. What was never received cannot fill memory.
 */

const FIVE_MB = 5 * 1024 * 1024;
const figures: Record<string, number> = {};
let t: SecurityTestApp;
let origin: string;
/** Bytes the server read from each connection it accepted, by the client's local port. */
const bytesReadByPort = new Map<number, () => number>();

beforeAll(async () => {
  t = await createSecurityTestApp();
  t.app.server.on('connection', (socket) => {
    if (socket.remotePort !== undefined) bytesReadByPort.set(socket.remotePort, () => socket.bytesRead);
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await t.close();
  console.log(JSON.stringify({ test: 'unread-uploads', routes: t.routes.length, ...figures }));
});

const isImport = (route: RouteEntry) => /\/import\b/.test(route.url);

function problemWith(sent: SentUpload): string | undefined {
  const read = bytesReadByPort.get(sent.localPort)?.() ?? 0;
  if (sent.status === undefined) return `no answer after ${sent.bytesSent} bytes were sent`;
  if (sent.status < 400 || sent.status >= 500) return `answered ${sent.status}`;
  if (!sent.body.includes('"error"')) return `answered ${sent.status} without the error body`;
  if (read > 1024 * 1024) return `the server read ${read} bytes of the connection`;
  return sent.closed ? undefined : 'kept the connection open to read the rest';
}

test('an unauthenticated 5 MB upload to every route is answered before its body is sent, and the connection ends', async () => {
  const wrong: string[] = [];
  for (const route of t.routes) {
    const sent = await sendUpload(origin, {
      method: route.method,
      path: fillPath(route.url, () => 'none'),
      contentType: isImport(route) ? 'text/vcard' : 'application/json',
      length: FIVE_MB,
    });
    const problem = problemWith(sent);
    if (problem) wrong.push(`${route.method} ${route.url}: ${problem}`);
  }
  figures.routesRefusedUnread = t.routes.length - wrong.length;
  expect(wrong).toEqual([]);
});

test('the import refuses before reading a chunked upload, a made-up session or a made-up bearer token', async () => {
  const wrong: string[] = [];
  const imports = t.routes.filter(isImport);
  expect(imports.length).toBeGreaterThan(0);
  for (const route of imports) {
    for (const [what, headers, length] of [
      ['chunked', {}, undefined],
      ['made-up session', { cookie: 'rapport_session=MadeUpByAnAttacker00000' }, FIVE_MB],
      ['made-up bearer', { authorization: 'Bearer MadeUpByAnAttacker00000' }, FIVE_MB],
    ] as const) {
      const sent = await sendUpload(origin, {
        method: route.method,
        path: route.url,
        contentType: 'text/vcard',
        length,
        headers,
      });
      const problem = problemWith(sent) ?? (sent.status === 401 ? undefined : `answered ${sent.status}`);
      if (problem) wrong.push(`${route.method} ${route.url} (${what}): ${problem}`);
    }
  }
  expect(wrong).toEqual([]);
});

test('a signed-in upload of the same size to the import is read and imported', async () => {
  const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Unread Upload Check\r\nEND:VCARD\r\n';
  const response = await fetch(`http://${origin}/api/people/import`, {
    method: 'POST',
    headers: { cookie: t.cookie, 'content-type': 'text/vcard' },
    body: card + ' '.repeat(FIVE_MB - card.length),
  });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { added: number }).added).toBe(1);
});
