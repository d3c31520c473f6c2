import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '@rapport/db/testing';
import autocannon from 'autocannon';
import { readConfig } from '../packages/server/src/config.ts';
import { type SpawnedServer, spawnServer } from '../packages/server/src/durability/spawn-server.ts';

export interface LoadFigures {
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
}

const CONNECTIONS = 50;
const SECONDS = 5;
/** Before each measured run, the same load for a moment: the figures are of a server past its warm-up (JIT). */
const WARM_UP_SECONDS = 1;
/**
 * The server as it runs in production, at the default log level (spawnServer's own default, warn, is
 * for quiet tests); only the public pages' limits are raised: the run measures the page, not the 429s.
 */
const SERVER_ENV = {
  LOG_LEVEL: readConfig({}).logLevel,
  PUBLIC_LIMIT_PER_IP: '100000000',
  PUBLIC_LIMIT_GLOBAL: '100000000',
};

/** Load on loopback from this process against servers in their own processes, each warmed up first. */
async function load(urls: string[]): Promise<LoadFigures> {
  const connections = Math.floor(CONNECTIONS / urls.length);
  await Promise.all(urls.map((url) => autocannon({ url, connections, duration: WARM_UP_SECONDS })));
  const results = await Promise.all(urls.map((url) => autocannon({ url, connections, duration: SECONDS })));
  return {
    requestsPerSecond: results.reduce((sum, result) => sum + result.requests.average, 0),
    p99Ms: Math.max(...results.map((result) => result.latency.p99)),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
  };
}

async function helloWorld(): Promise<{ url: string; stop: () => void }> {
  const script = fileURLToPath(new URL('./hello-world-server.mjs', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [script, '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve) =>
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim().split(' ')[1] ?? '')),
  );
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}

/** Signs up, makes a card and an exchange link; answers the link's public path. */
async function makeLink(server: SpawnedServer): Promise<string> {
  const headers = { 'content-type': 'application/json' };
  const account = await fetch(`${server.url}/api/accounts`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email: 'bench@example.org', password: 'benchmark password' }),
  });
  const cookie = account.headers.get('set-cookie')?.split(';')[0] ?? '';
  const card = await fetch(`${server.url}/api/cards`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify({ label: 'Full', name: 'Alex Example', note: 'Say hi!' }),
  });
  const cardId = ((await card.json()) as { card: { id: string } }).card.id;
  const link = await fetch(`${server.url}/api/cards/${cardId}/links`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: '{}',
  });
  const { url } = (await link.json()) as { url: string };
  return new URL(url).pathname;
}

/** `GET /x/<token>` beside a bare Fastify hello-world, in the same run; then one vs two processes on PostgreSQL. */
export async function measureExchangePage(): Promise<{
  helloWorld: LoadFigures;
  sqlite: LoadFigures;
  postgresOne?: LoadFigures;
  postgresTwo?: LoadFigures;
}> {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
  const hello = await helloWorld();
  const server = await spawnServer({ dataDir: folder, env: SERVER_ENV });
  try {
    const path = await makeLink(server);
    const baseline = await load([hello.url]);
    const sqlite = await load([`${server.url}${path}`]);
    const postgres = await measurePostgres(folder).catch((error: unknown) => {
      console.error(`PostgreSQL figures skipped: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    return { helloWorld: baseline, sqlite, ...postgres };
  } finally {
    hello.stop();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function measurePostgres(
  folder: string,
): Promise<{ postgresOne: LoadFigures; postgresTwo: LoadFigures }> {
  const cluster = await startPostgres({ database: 'rapport_bench' });
  const env = { ...SERVER_ENV, DATABASE_URL: cluster.url, ALLOW_SIGNUPS: 'true' };
  const first = await spawnServer({ dataDir: join(folder, 'a'), env });
  const second = await spawnServer({ dataDir: join(folder, 'b'), env });
  try {
    const path = await makeLink(first);
    const postgresOne = await load([`${first.url}${path}`]);
    const postgresTwo = await load([`${first.url}${path}`, `${second.url}${path}`]);
    return { postgresOne, postgresTwo };
  } finally {
    await first.stop();
    await second.stop();
    await cluster.stop();
  }
}
