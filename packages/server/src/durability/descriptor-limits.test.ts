import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { type SpawnedServer, spawnServer } from './spawn-server.ts';

/**
 * The real `rapport serve` under a low limit of open files (ulimit -n 192), as small hosts and
 * containers set it: more connections than descriptors, idle ones and slow ones never end the
 * process, and a limit too low to run at all is said in one plain line.
 */

const FILE_LIMIT = 192;
const folders: string[] = [];
const servers: SpawnedServer[] = [];
const figures: Record<string, number> = {};

afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  console.log(JSON.stringify({ test: 'descriptor-limits', fileLimit: FILE_LIMIT, ...figures }));
});

async function start(env: Record<string, string> = {}, fileLimit = FILE_LIMIT): Promise<SpawnedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-limits-'));
  folders.push(dataDir);
  const server = await spawnServer({ dataDir, env, fileLimit });
  servers.push(server);
  return server;
}

/** Opens `count` connections that send nothing; answers them and how many the server ended. */
async function openIdle(url: string, count: number): Promise<{ sockets: Socket[]; ended: () => number }> {
  const { hostname, port } = new URL(url);
  let ended = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve) => {
          const socket = connect({ host: hostname, port: Number(port) });
          socket.on('error', () => {}); // a reset is what the cap does: counted on close
          socket.on('close', () => ended++);
          socket.on('connect', () => resolve(socket));
          socket.on('close', () => resolve(socket));
        }),
    ),
  );
  return { sockets, ended: () => ended };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(server: SpawnedServer): Promise<number> {
  const response = await fetch(`${server.url}/api/openapi.json`);
  await response.arrayBuffer();
  return response.status;
}

test('with ulimit -n 192, twice as many connections as descriptors leave the server running and answering', async () => {
  const server = await start();
  const idle = await openIdle(server.url, FILE_LIMIT * 2);
  await pause(500);
  figures.connectionsOpened = FILE_LIMIT * 2;
  figures.connectionsEndedByServer = idle.ended();
  expect(idle.ended()).toBeGreaterThan(0);
  for (const socket of idle.sockets) socket.destroy();
  await pause(200);
  expect(await answers(server)).toBe(200);
  expect(server.output()).not.toMatch(/EMFILE.*\n\s+at |Uncaught/);
});

test('connections over MAX_CONNECTIONS are ended at once, and the server answers when they are gone', async () => {
  const server = await start({ MAX_CONNECTIONS: '20' });
  const idle = await openIdle(server.url, 30);
  await pause(300);
  expect(idle.ended()).toBe(10);
  for (const socket of idle.sockets) socket.destroy();
  await pause(200);
  expect(await answers(server)).toBe(200);
});

test('a client that sends its headers a byte at a time is cut off by the header timeout', async () => {
  const server = await start({ HEADERS_TIMEOUT_MS: '1000' });
  const { hostname, port } = new URL(server.url);
  const socket = connect({ host: hostname, port: Number(port) });
  socket.on('error', () => {});
  let closed = false;
  socket.on('close', () => {
    closed = true;
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  const head = `GET /api/openapi.json HTTP/1.1\r\nhost: ${hostname}\r\nx-slow: ${'a'.repeat(200)}`;
  let sent = 0;
  // Dribbled over 10 seconds: a server without a header timeout waits for all of it.
  while (!closed && sent < head.length) {
    socket.write(head.slice(sent, sent + 4));
    sent += 4;
    await pause(200);
  }
  figures.slowHeaderBytesBeforeCut = sent;
  expect(closed).toBe(true);
  expect(sent).toBeLessThan(head.length);
  socket.destroy();
  expect(await answers(server)).toBe(200);
});

test('a limit of open files too low to run says what it needs in one plain line', async () => {
  const failure = await start({}, 40).then(
    () => '',
    (error: unknown) => String(error),
  );
  const lines = failure.split('\n').filter((line) => /open files/.test(line));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/ulimit -n \d+/);
  expect(failure).not.toMatch(/\n\s+at /);
});
