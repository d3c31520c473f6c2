import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/** A throwaway PostgreSQL server on 127.0.0.1, owned by one test run. */
export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/<database>`: trust authentication, no password. */
  url: string;
  port: number;
  /** The temporary folder holding the data directory, socket and log; `stop()` removes it. */
  directory: string;
  /** Stops the server (fast shutdown) and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

/** What a Vitest file needs to decide between running, skipping and failing its PostgreSQL suite. */
export interface PostgresSuite {
  available: boolean;
  skipReason?: string;
}

const execFileAsync = promisify(execFile);
const MINIMUM_MAJOR = 15;
const SUPERUSER = 'postgres';
const START_ATTEMPTS = 3;

/** Where packagers put versioned binaries: Debian/Ubuntu, PGDG on RHEL/Fedora, Homebrew. */
const VERSIONED_LOCATIONS = [
  { parent: '/usr/lib/postgresql', name: /^(\d+)$/ },
  { parent: '/usr', name: /^pgsql-(\d+)$/ },
  { parent: '/opt/homebrew/opt', name: /^postgresql@(\d+)$/ },
  { parent: '/usr/local/opt', name: /^postgresql@(\d+)$/ },
];

// A fixed environment keeps the caller's PGDATA, PGPORT or PGHOST from steering initdb and pg_ctl,
// and fixes the cluster's locale and time zone so results do not depend on the machine.
const TOOL_ENV = { PATH: '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' };

// Runs after this process dies by any means, SIGKILL included: the pipe on its stdin closes, `read`
// sees end-of-file, and it shuts the server down and removes the folder. pg_ctl detaches the server
// into its own session, so without this a killed test run would leave it running. The server's exit
// is seen by its pid file going away: a lazy init process can leave it a zombie for seconds.
const WATCHDOG_SCRIPT = `while read -r _; do :; done
kill -QUIT "$1" 2>/dev/null
n=0; while [ -e "$2/data/postmaster.pid" ] && kill -0 "$1" 2>/dev/null && [ "$n" -lt 100 ]; do
  sleep 0.1; n=$((n + 1))
done
rm -rf "$2"`;

/** Postmaster ids of running clusters, for the synchronous 'exit' hook. */
const runningPostmasters = new Set<number>();
let exitHookInstalled = false;

/** True when the `CI` environment variable is set (and not `false` or `0`): nothing may skip then. */
export function isCi(): boolean {
  const value = process.env.CI;
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/** The folder holding `initdb`, `pg_ctl` and `postgres` of the newest PostgreSQL 15+, if any. */
export function findPostgresBinaries(): string | undefined {
  const found: { major: number; bin: string }[] = [];
  for (const { parent, name } of VERSIONED_LOCATIONS) {
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent)) {
      const major = Number(name.exec(entry)?.[1]);
      if (!(major >= MINIMUM_MAJOR)) continue; // NaN for names that are not a version
      const bin = join(parent, entry, 'bin');
      const complete = ['initdb', 'pg_ctl', 'postgres'].every((tool) => existsSync(join(bin, tool)));
      if (complete) found.push({ major, bin });
    }
  }
  return found.sort((a, b) => b.major - a.major)[0]?.bin;
}

/** The one line printed when PostgreSQL tests skip because no binaries were found. */
export function describeMissingPostgres(): string {
  return `PostgreSQL tests skipped: ${describeMissingBinaries()}`;
}

/**
 * Whether this machine can run PostgreSQL tests: use as `describe.skipIf(!pg.available)`.
 * Prints the skip line when it cannot; throws when `CI` is set, so the test file fails instead.
 */
export function postgresSuite(): PostgresSuite {
  if (findPostgresBinaries() !== undefined) return { available: true };
  if (isCi()) {
    throw new Error(`CI is set, so PostgreSQL tests fail instead of skipping: ${describeMissingBinaries()}`);
  }
  const skipReason = describeMissingPostgres();
  console.warn(skipReason);
  return { available: false, skipReason };
}

/**
 * Starts a fresh cluster (initdb into a temporary folder, fsync and synchronous_commit on, 127.0.0.1
 * on a free port) with one empty database, `rapport_test` unless named. Call `stop()` when done.
 */
export async function startPostgres(options: { database?: string } = {}): Promise<PostgresCluster> {
  const database = options.database ?? 'rapport_test';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`unusable database name: ${database}`);
  const bin = findPostgresBinaries();
  if (bin === undefined) throw new Error(`cannot start PostgreSQL: ${describeMissingBinaries()}`);
  const owner = await resolveServerUser();
  const directory = await mkdtemp(join(tmpdir(), 'rapport-pg-'));
  const dataDir = join(directory, 'data');
  const socketDir = join(directory, 'socket');
  await mkdir(socketDir);
  if (owner !== undefined) {
    await chown(directory, owner.uid, owner.gid);
    await chown(socketDir, owner.uid, owner.gid);
  }
  const run = (tool: string, args: string[]) =>
    execFileAsync(join(bin, tool), args, {
      cwd: directory, // the caller's folder may be unreadable to the server's user
      env: TOOL_ENV,
      timeout: 60_000,
      ...(owner && { uid: owner.uid, gid: owner.gid }),
    });

  let postmaster: number | undefined;
  let watchdog: ChildProcess | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (existsSync(join(dataDir, 'postmaster.pid'))) {
        await run('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30', '-s']).catch(async () => {
          // pg_ctl failed (a half-started server, or one already gone): shut it down directly.
          const pid = postmaster ?? (await readPostmasterPid(dataDir).catch(() => undefined));
          if (pid !== undefined) await killAndWait(pid, join(dataDir, 'postmaster.pid'));
        });
      }
      if (postmaster !== undefined) runningPostmasters.delete(postmaster);
      watchdog?.kill('SIGKILL');
      await rm(directory, { recursive: true, force: true, maxRetries: 5 });
    })();
    return stopping;
  };

  try {
    await run('initdb', [
      ...['-D', dataDir, '-A', 'trust', '-U', SUPERUSER, '-E', 'UTF8', '--locale=C'],
      ...['--no-sync', '--no-instructions'],
    ]);
    const port = await startServer(run, dataDir, socketDir, directory);
    postmaster = await readPostmasterPid(dataDir);
    runningPostmasters.add(postmaster);
    installExitHook();
    watchdog = spawnWatchdog(postmaster, directory);
    await createDatabase(port, database);
    return { url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`, port, directory, stop };
  } catch (error: unknown) {
    // The start failure is the news; a cleanup failure on top of it would only hide it.
    await stop().catch(() => undefined);
    throw error;
  }
}

type RunTool = (tool: string, args: string[]) => Promise<unknown>;

/** pg_ctl start on a free port; retried because another process may take the port in between. */
async function startServer(run: RunTool, dataDir: string, socketDir: string, directory: string) {
  for (let attempt = 1; ; attempt += 1) {
    const port = await findFreePort();
    const logFile = join(directory, `postgres-${attempt}.log`);
    const settings = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${quoteForShell(socketDir)}`,
      '-c fsync=on',
      '-c synchronous_commit=on',
      '-c shared_buffers=16MB',
      '-c max_connections=50',
    ];
    try {
      await run('pg_ctl', [
        'start',
        '-D',
        dataDir,
        '-l',
        logFile,
        '-w',
        '-t',
        '30',
        '-s',
        '-o',
        settings.join(' '),
      ]);
      return port;
    } catch (error: unknown) {
      const log = await readFile(logFile, 'utf8').catch(() => '(no log)');
      if (attempt < START_ATTEMPTS && log.includes('Address already in use')) continue;
      throw new Error(`PostgreSQL did not start on port ${port}; its log:\n${log}`, { cause: error });
    }
  }
}

async function createDatabase(port: number, database: string): Promise<void> {
  if (database === 'postgres') return; // initdb made it already
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

let serverUser: Promise<{ uid: number; gid: number } | undefined> | undefined;

/** initdb and postgres refuse to run as root, so as root they run as `postgres` or else `nobody`. */
function resolveServerUser() {
  serverUser ??= (async () => {
    if (process.getuid?.() !== 0) return undefined;
    for (const name of ['postgres', 'nobody']) {
      try {
        const [uid, gid] = await Promise.all(
          ['-u', '-g'].map(async (flag) => Number((await execFileAsync('id', [flag, name])).stdout.trim())),
        );
        if (uid !== undefined && gid !== undefined) return { uid, gid };
      } catch {
        // `id` exits 1 for an unknown user: try the next one
      }
    }
    throw new Error('running as root, and no "postgres" or "nobody" user exists to run PostgreSQL as');
  })();
  return serverUser;
}

function spawnWatchdog(postmaster: number, directory: string): ChildProcess {
  const child = spawn(
    '/bin/sh',
    ['-c', WATCHDOG_SCRIPT, 'rapport-pg-watchdog', String(postmaster), directory],
    {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true, // its own process group: a Ctrl-C meant for the test run must not kill it first
    },
  );
  child.on('error', (error: unknown) => console.warn('PostgreSQL watchdog failed to start:', error));
  child.unref();
  return child;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: signal an immediate shutdown; the watchdog removes folders.
  process.on('exit', () => {
    for (const pid of runningPostmasters) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        // already gone (ESRCH): nothing to stop, and an 'exit' handler has no one to report to
      }
    }
  });
}

/** Immediate shutdown by signal; done when the pid file goes (the process may linger as a zombie). */
async function killAndWait(pid: number, pidFile: string): Promise<void> {
  for (let waited = 0; waited < 5_000 && existsSync(pidFile); waited += 50) {
    try {
      process.kill(pid, waited === 0 ? 'SIGQUIT' : 0);
    } catch (error: unknown) {
      if (error instanceof Error && 'code' in error && error.code === 'ESRCH') return;
      throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readPostmasterPid(dataDir: string): Promise<number> {
  const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no server pid in ${dataDir}/postmaster.pid`);
  return pid;
}

/** Binds port 0 on loopback to let the kernel choose, then frees it for PostgreSQL. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** pg_ctl hands `-o` to /bin/sh, so a folder name with spaces must be quoted. */
function quoteForShell(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function describeMissingBinaries(): string {
  return (
    `no PostgreSQL ${MINIMUM_MAJOR}+ binaries (initdb, pg_ctl, postgres) in /usr/lib/postgresql/<version>/bin, ` +
    `/usr/pgsql-<version>/bin or Homebrew's postgresql@<version>; install Debian's "postgresql" package to run them`
  );
}
