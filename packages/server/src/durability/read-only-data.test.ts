import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

/**
 * `rapport serve` on a data folder it cannot write stops with one plain line naming the folder, and
 * exit code 1: never a stack trace. Root writes anywhere, so as root the command runs as `nobody`.
 */

const BINARY = fileURLToPath(new URL('../../../cli/bin/rapport.js', import.meta.url));
const folders: string[] = [];
const isRoot = process.getuid?.() === 0;
const AS_NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

/**
 * As root, `nobody` must be able to read the checkout (not so under a private /root). The command
 * bundle is brought up to date first by the user who owns it: `nobody` may not write its cache.
 */
function nobodyReadsCheckout(): boolean {
  execFileSync(process.execPath, [BINARY, '--help'], { stdio: 'ignore', timeout: 60_000 });
  if (!isRoot) return true;
  try {
    const [program = '', ...args] = [...AS_NOBODY, process.execPath, BINARY, '--help'];
    execFileSync(program, args, { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch (_error: unknown) {
    return false;
  }
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function serveOn(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  const command = [process.execPath, BINARY, 'serve', '--port', '0', '--host', '127.0.0.1'];
  const [program = '', ...args] = isRoot ? [...AS_NOBODY, ...command] : command;
  return new Promise((resolve) => {
    const child = execFile(
      program,
      args,
      { env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn', NO_COLOR: '1', HOME: tmpdir() }, timeout: 30_000 },
      (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
    );
  });
}

test.skipIf(!nobodyReadsCheckout()).each([
  ['a read-only folder without a database yet', (folder: string) => folder],
  ['a missing folder inside a read-only one', (folder: string) => join(folder, 'data')],
])('%s stops with one plain line and exit code 1', async (_case, dataDirIn) => {
  const parent = mkdtempSync(join(tmpdir(), 'rapport-read-only-'));
  folders.push(parent);
  const folder = join(parent, 'data-folder');
  mkdirSync(folder);
  chmodSync(folder, 0o555);
  chmodSync(parent, 0o755);
  const { code, stderr } = await serveOn(dataDirIn(folder));
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines.length).toBe(1);
  expect(lines[0]).toMatch(/^rapport serve: .*cannot be written/);
  expect(lines[0]).toContain(folder);
  expect(code).toBe(1);
});
