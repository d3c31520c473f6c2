import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createCard, createExchangeApp, createLink, type ExchangeApp } from './exchange-test-kit.ts';

/**
 * A public page answered at once from memory keeps its connection open for the next request, like
 * any answer to a request without a body; only a refusal sent before an announced body arrived
 * closes it. (Closing every kept page's connection cut the page's throughput to a fifth.)
 */
let t: ExchangeApp;
let base: string;
beforeAll(async () => {
  t = await createExchangeApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  agent.destroy();
  await t?.close();
});

/** One connection for every request, as a browser or a load tool keeps it. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const connectionHeader = (url: string) =>
  new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    const sent = request(url, { agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
      );
    });
    sent.on('error', reject);
    sent.end();
  });

test('a kept page and an API read answer with the connection kept alive', async () => {
  const link = await createLink(t.app, t.cookie, await createCard(t.app, t.cookie));
  const answers = [];
  for (let view = 0; view < 5; view++) answers.push(await connectionHeader(`${base}/x/${link.token}`));
  expect(answers).toEqual(Array(5).fill({ status: 200, connection: 'keep-alive' }));
  expect(await connectionHeader(`${base}/api/openapi.json`)).toEqual({
    status: 200,
    connection: 'keep-alive',
  });
});
