import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openStore } from '@rapport/db';
import SqliteDatabase from 'better-sqlite3';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';
import { sessionCookie } from '../testing/test-app.ts';

// Full and read-only disks are made for real (a tiny tmpfs, an ext4 image), which takes root;
// where mounting is not allowed those cases are skipped, and the run says so.
const CAN_MOUNT = isAllowed((folder) => {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', folder]);
  execFileSync('umount', [folder]);
});
const CAN_MOUNT_EXT4 = CAN_MOUNT && isAllowed(() => execFileSync('mkfs.ext4', ['-V'], { stdio: 'ignore' }));
const CAN_CHATTR = isAllowed((folder) => {
  const file = join(folder, 'probe');
  writeFileSync(file, '');
  execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
  execFileSync('chattr', ['-i', file]);
});

const ADA = { id: 'a5a5a5a5-0000-4000-8000-000000000001', name: 'Ada Lovelace', phone: '+491701111111' };
const GRACE = { id: 'a5a5a5a5-0000-4000-8000-000000000002', name: 'Grace Hopper', phone: '+491702222222' };
type Person = typeof ADA;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a database that cannot take writes answers 503 store-unavailable, then recovers', () => {
  test.skipIf(!CAN_MOUNT)('a full disk answers 503 and takes the write once space is freed', async () => {
    const folder = mountFolder(['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs']);
    const file = join(folder, 'rapport.sqlite');
    const server = await startApp(file);
    expect((await server.post(ADA)).statusCode).toBe(201);

    fillDisk(join(folder, 'filler'));
    expectStoreUnavailable(await server.post(GRACE));

    rmSync(join(folder, 'filler'));
    expect((await server.post(GRACE)).statusCode).toBe(201);
    expect((await server.get(GRACE.id)).json().person).toMatchObject({
      name: GRACE.name,
      phone: GRACE.phone,
    });
    expect((await server.get(ADA.id)).json().person).toMatchObject({ name: ADA.name, phone: ADA.phone });
    expect(checkIntegrity(file)).toBe('ok');
  });

  test('a database locked by another writer past the busy timeout answers 503, then takes the write', async () => {
    const folder = temporaryFolder();
    const file = join(folder, 'rapport.sqlite');
    const server = await startApp(file);
    const blocker = new SqliteDatabase(file);
    cleanups.push(() => {
      blocker.close();
    });

    blocker.exec('BEGIN EXCLUSIVE');
    // The store waits its busy timeout (5 s, not configurable) before it gives up.
    expectStoreUnavailable(await server.post(ADA));
    blocker.exec('ROLLBACK');

    // The wait blocked the event loop for 5 s, so the overload guard may shed the next requests
    // until its next sample: a client that honours retry-after gets in a moment later.
    // 201, not 200: the refused attempt stored nothing.
    expect((await untilAvailable(() => server.post(ADA))).statusCode).toBe(201);
    const found = await untilAvailable(() => server.get(ADA.id));
    expect(found.json().person).toMatchObject({ name: ADA.name, phone: ADA.phone });
  });

  test.skipIf(!CAN_MOUNT_EXT4)(
    'a file system that turns read-only under the server answers 503; after repair and restart it takes the write',
    async () => {
      const image = join(temporaryFolder(), 'disk.ext4');
      execFileSync('truncate', ['-s', '16M', image]);
      execFileSync('mkfs.ext4', ['-q', '-F', image]);
      const folder = mountFolder(['-o', 'loop,errors=remount-ro', image]);
      const file = join(folder, 'rapport.sqlite');
      const first = await startApp(file);
      expect((await first.post(ADA)).statusCode).toBe(201);

      // What a failing disk does: the kernel records an error and remounts the file system read-only.
      const device = basename(
        execFileSync('findmnt', ['-no', 'SOURCE', folder], { encoding: 'utf8' }).trim(),
      );
      writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, 'rapport read-only test');
      expectStoreUnavailable(await first.post(GRACE));

      // Clearing it takes an unmount, so the process must let go of the file: a restart.
      await first.close();
      execFileSync('umount', [folder]);
      // e2fsck exits 1 when it corrected the error the kernel recorded.
      expect(spawnSync('e2fsck', ['-fy', image], { stdio: 'ignore' }).status).toBeLessThanOrEqual(1);
      execFileSync('mount', ['-o', 'loop', image, folder]);
      const second = await startApp(file, first.cookie);
      expect((await second.post(GRACE)).statusCode).toBe(201);
      expect((await second.get(ADA.id)).json().person).toMatchObject({ name: ADA.name, phone: ADA.phone });
      expect(checkIntegrity(file)).toBe('ok');
    },
  );

  test.skipIf(!CAN_CHATTR)(
    'a database file that cannot be written is refused at start, naming it',
    async () => {
      const file = join(temporaryFolder(), 'rapport.sqlite');
      const setup = await startApp(file);
      await setup.close();
      // chattr +i stops even root from opening the file for writing; SQLite would open it read-only.
      execFileSync('chattr', ['+i', file]);
      cleanups.push(() => {
        execFileSync('chattr', ['-i', file]);
      });
      await expect(openStore({ sqliteFile: file })).rejects.toThrow(
        `the database ${file} cannot be written (read-only): check its permissions`,
      );
    },
  );
});

async function startApp(file: string, cookie?: string) {
  const store = await openStore({ sqliteFile: file });
  const app = await buildApp({ store, config: readConfig({ LOG_LEVEL: 'silent' }) });
  let isClosed = false;
  const close = async () => {
    if (isClosed) return;
    isClosed = true;
    await app.close();
    await store.close();
  };
  cleanups.push(close);
  const session = cookie ?? (await signUpOwner(app));
  return {
    cookie: session,
    close,
    post: (person: Person) =>
      app.inject({
        method: 'POST',
        url: '/api/people',
        headers: { cookie: session },
        payload: { ...person, consent: { kind: 'told-me-and-agreed' } },
      }),
    get: (id: string) =>
      app.inject({ method: 'GET', url: `/api/people/${id}`, headers: { cookie: session } }),
  };
}

async function signUpOwner(app: Awaited<ReturnType<typeof buildApp>>): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/accounts',
    payload: { email: 'owner@example.org', password: 'correct horse battery' },
  });
  if (created.statusCode !== 201) throw new Error(`sign-up answered ${created.statusCode}: ${created.body}`);
  return sessionCookie(created.headers['set-cookie']);
}

function expectStoreUnavailable(response: LightMyRequestResponse): void {
  expect(response.statusCode).toBe(503);
  expect(response.headers['retry-after']).toBe('5');
  expect(response.json()).toEqual({ error: { code: 'store-unavailable', message: expect.any(String) } });
  expect(response.body).not.toMatch(/sqlite|i\/o|disk|stack/i);
}

/** SQLite's own check of the file, through a second connection beside the store's. */
function checkIntegrity(file: string): string {
  const sqlite = new SqliteDatabase(file, { fileMustExist: true });
  try {
    return String(sqlite.pragma('integrity_check', { simple: true }));
  } finally {
    sqlite.close();
  }
}

/** Sends again while the answer is 503 (each one the standard body), for at most 5 s. */
async function untilAvailable(send: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const response = await send();
    if (response.statusCode !== 503 || Date.now() > deadline) return response;
    expectStoreUnavailable(response);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Writes zeros until the file system has no byte left (tmpfs hands out whole pages). */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 16, 1 << 12]) writeUntilFull(fd, Buffer.alloc(size));
  } finally {
    closeSync(fd);
  }
}

function writeUntilFull(fd: number, chunk: Buffer): void {
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
}

function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-unavailable-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** A fresh folder with `mount <args>` on it, unmounted after the test. */
function mountFolder(args: string[]): string {
  const folder = join(temporaryFolder(), 'mounted');
  mkdirSync(folder);
  execFileSync('mount', [...args, folder]);
  // A test that failed half-way may have unmounted it already: that is not a second failure.
  cleanups.push(() => {
    spawnSync('umount', [folder]);
  });
  return folder;
}

/** Whether this machine lets us do `attempt` (mounting and chattr need root and a willing kernel). */
function isAllowed(attempt: (folder: string) => void): boolean {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-probe-'));
  try {
    attempt(folder);
    return true;
  } catch (error: unknown) {
    if (error instanceof Error) return false;
    throw error;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
