import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { type PostgresCluster, postgresSuite, startPostgres } from './start-postgres.ts';

const postgres = postgresSuite();

/** Runs `work` with a connected client and always closes it, so stop() never meets a stray session. */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

const refusesConnections = (url: string) =>
  withClient(url, async () => false).catch((error: unknown) => error instanceof Error);

describe.skipIf(!postgres.available)('startPostgres', () => {
  let first: PostgresCluster | undefined;
  let second: PostgresCluster | undefined;

  beforeAll(async () => {
    const started = performance.now();
    const results = await Promise.allSettled([
      startPostgres(),
      startPostgres({ database: 'rapport_second' }),
    ]);
    [first, second] = results.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    console.info(
      JSON.stringify({ test: 'start-postgres', twoClustersAtOnceMs: performance.now() - started }),
    );
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  test('runs with fsync and synchronous_commit on', async () => {
    const settings = await withClient(first?.url ?? '', async (client) => ({
      fsync: (await client.query('SHOW fsync')).rows[0]?.fsync,
      synchronousCommit: (await client.query('SHOW synchronous_commit')).rows[0]?.synchronous_commit,
    }));
    expect(settings).toEqual({ fsync: 'on', synchronousCommit: 'on' });
  });

  test('keeps rows written to its database and listens on loopback only', async () => {
    expect(first?.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/rapport_test$/);
    const read = await withClient(first?.url ?? '', async (client) => {
      await client.query('CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL)');
      await client.query('INSERT INTO notes VALUES ($1, $2), ($3, $4)', [7, 'met at the bakery', 11, 'café']);
      const listen = (await client.query('SHOW listen_addresses')).rows[0]?.listen_addresses;
      const rows = (await client.query('SELECT id, body FROM notes ORDER BY id')).rows;
      return { listen, rows };
    });
    expect(read).toEqual({
      listen: '127.0.0.1',
      rows: [
        { id: 7, body: 'met at the bakery' },
        { id: 11, body: 'café' },
      ],
    });
  });

  test('gives two clusters started at once their own ports, folders and databases', async () => {
    expect(first?.port).not.toBe(second?.port);
    expect(first?.directory).not.toBe(second?.directory);
    const database = await withClient(second?.url ?? '', async (client) => {
      return (await client.query('SELECT current_database() AS name')).rows[0]?.name;
    });
    expect(database).toBe('rapport_second');
  });

  test('refuses connections and leaves no folder after stop, and stops twice without error', async () => {
    const cluster = await startPostgres();
    expect(existsSync(cluster.directory)).toBe(true);
    await cluster.stop();
    expect(await refusesConnections(cluster.url)).toBe(true);
    expect(existsSync(cluster.directory)).toBe(false);
    await expect(cluster.stop()).resolves.toBeUndefined();
  });

  test('shuts the server down and removes its folder when the owning process is killed', async () => {
    const script = `const { startPostgres } = await import(${JSON.stringify(fileURLToPath(new URL('./start-postgres.ts', import.meta.url)))});
const cluster = await startPostgres();
console.log(JSON.stringify({ url: cluster.url, directory: cluster.directory }));
setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = await Promise.race([
      once(createInterface({ input: child.stdout }), 'line'),
      once(child, 'exit').then(([code]) => Promise.reject(new Error(`the child exited (${code}) first`))),
    ]);
    const orphan = JSON.parse(String(line)) as { url: string; directory: string };
    expect(await refusesConnections(orphan.url)).toBe(false);

    child.kill('SIGKILL');
    expect(await waitUntil(() => !existsSync(orphan.directory), 10_000)).toBe(true);
    expect(await refusesConnections(orphan.url)).toBe(true);
  });
});

describe('postgresSuite on a machine without PostgreSQL binaries', () => {
  afterEach(() => {
    vi.doUnmock('node:fs');
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  /** A fresh copy of the module that finds no binaries anywhere. */
  async function importWithoutBinaries() {
    vi.resetModules();
    vi.doMock('node:fs', async (importOriginal) => ({
      ...(await importOriginal<typeof import('node:fs')>()),
      existsSync: () => false,
    }));
    return import('./start-postgres.ts');
  }

  test('skips with the one printed line when CI is not set', async () => {
    vi.stubEnv('CI', '');
    const module = await importWithoutBinaries();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const line = module.describeMissingPostgres();
    expect(module.findPostgresBinaries()).toBeUndefined();
    expect(module.postgresSuite()).toEqual({ available: false, skipReason: line });
    expect(warn).toHaveBeenCalledWith(line);
    expect(line).toMatch(/^PostgreSQL tests skipped: no PostgreSQL 15\+ binaries/);
  });

  test('fails instead of skipping when CI is set', async () => {
    vi.stubEnv('CI', 'true');
    const module = await importWithoutBinaries();
    expect(module.isCi()).toBe(true);
    expect(() => module.postgresSuite()).toThrow(/^CI is set, so PostgreSQL tests fail instead of skipping/);
    await expect(module.startPostgres()).rejects.toThrow(/cannot start PostgreSQL: no PostgreSQL 15\+/);
  });
});
