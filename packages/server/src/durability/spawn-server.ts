import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The real `rapport` command: the crash test kills a whole process, not an in-process app. */
const BINARY = fileURLToPath(new URL('../../../cli/bin/rapport.js', import.meta.url));
const READY_LINE = 'Rapport is running at';
/** The first start may build the command bundle (esbuild), which takes a few seconds. */
const READY_TIMEOUT_MS = 30_000;
const KEPT_OUTPUT_LINES = 40;

export interface SpawnedServer {
  url: string;
  /** SIGKILL: the process gets no chance to close, flush or roll back anything. */
  kill(): Promise<void>;
  /** SIGTERM, then waits until the server has closed its store and exited; answers the exit code. */
  stop(): Promise<number | null>;
  /** The last lines the process wrote (stdout and stderr), for failure messages. */
  output(): string;
}

export interface SpawnServerOptions {
  /** The server's DATA_DIR: its SQLite file lives there, and survives the process. */
  dataDir: string;
  /** More environment for the server. It gets nothing else: a DATABASE_URL around the test stays out. */
  env?: Record<string, string>;
  /** A limit of open files for the process (`ulimit -n`), set by bash before it runs node. */
  fileLimit?: number;
}

/** Starts `rapport serve` on a free port of 127.0.0.1 and answers once it listens. */
export async function spawnServer(options: SpawnServerOptions): Promise<SpawnedServer> {
  // The port is free when asked but may be taken before the server binds it: then try another.
  for (let attempt = 1; ; attempt += 1) {
    const port = await findFreePort();
    try {
      return await spawnOnPort(port, options);
    } catch (error: unknown) {
      const isPortTaken = error instanceof Error && error.message.includes('EADDRINUSE');
      if (!isPortTaken || attempt === 3) throw error;
    }
  }
}

async function spawnOnPort(port: number, options: SpawnServerOptions): Promise<SpawnedServer> {
  const command = [process.execPath, BINARY, 'serve', '--port', String(port), '--host', '127.0.0.1'];
  const limited = ['-c', 'ulimit -n "$0" && exec "$@"', String(options.fileLimit), ...command];
  const [program = '', ...args] = options.fileLimit === undefined ? command : ['bash', ...limited];
  const child = spawn(program, args, {
    env: { DATA_DIR: options.dataDir, LOG_LEVEL: 'warn', NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - KEPT_OUTPUT_LINES));
  };
  child.stdout?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = () => lines.join('\n');

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rapport serve did not listen within ${READY_TIMEOUT_MS} ms:\n${output()}`));
    }, READY_TIMEOUT_MS);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      keep(chunk);
      // The line may arrive split over chunks; only text before it is kept here.
      if (stderr.includes(READY_LINE)) return;
      stderr += chunk.toString('utf8');
      if (stderr.includes(READY_LINE)) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`rapport serve exited with ${code} before listening:\n${output()}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    kill: () => signal(child, 'SIGKILL', exited).then(() => undefined),
    stop: () => signal(child, 'SIGTERM', exited),
    output,
  };
}

async function signal(
  child: ChildProcess,
  name: NodeJS.Signals,
  exited: Promise<number | null>,
): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) child.kill(name);
  return exited;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
