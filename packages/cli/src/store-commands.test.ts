import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { run } from './run.ts';
import { createTestIo } from './test-io.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function dataDir() {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
  folders.push(folder);
  return folder;
}

describe('rapport migrate and backup', () => {
  test('migrate applies every migration once, then says the database is up to date', async () => {
    const folder = dataDir();
    const first = createTestIo({ env: { DATA_DIR: folder } });
    expect(await run(['migrate'], first.io)).toBe(0);
    expect(first.stdout()).toMatch(/^Applied 0001-initial-schema, /);
    const second = createTestIo({ env: { DATA_DIR: folder } });
    expect(await run(['migrate'], second.io)).toBe(0);
    expect(second.stdout()).toBe('The database is up to date.');
  });

  test('backup writes a consistent copy that opens and passes integrity_check', async () => {
    const folder = dataDir();
    await run(['migrate'], createTestIo({ env: { DATA_DIR: folder } }).io);
    const target = join(folder, 'copy.sqlite');
    const backup = createTestIo({ env: { DATA_DIR: folder } });
    expect(await run(['backup', target], backup.io)).toBe(0);
    expect(backup.stdout()).toBe(`Backed up to ${target}.`);
    const copy = new SqliteDatabase(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('select count(*) as n from people').get()).toEqual({ n: 0 });
    copy.close();
  });

  test('backup refuses to overwrite a file, and needs one', async () => {
    const folder = dataDir();
    const target = join(folder, 'rapport.sqlite');
    await run(['migrate'], createTestIo({ env: { DATA_DIR: folder } }).io);
    const exists = createTestIo({ env: { DATA_DIR: folder } });
    expect(await run(['backup', target], exists.io)).toBe(2);
    expect(exists.stderr()).toBe(`rapport backup: <file> '${target}' exists already: choose a new file name`);
    const none = createTestIo({ env: { DATA_DIR: folder } });
    expect(await run(['backup'], none.io)).toBe(2);
    expect(none.stderr()).toContain('give one <file>');
    expect(existsSync(join(folder, 'copy.sqlite'))).toBe(false);
  });

  test('a bad DATABASE_URL is one clear line, exit 2', async () => {
    const bad = createTestIo({ env: { DATABASE_URL: 'mysql://nope' } });
    expect(await run(['migrate'], bad.io)).toBe(2);
    expect(bad.stderr()).toBe(
      'rapport migrate: configuration: DATABASE_URL: DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)',
    );
  });
});
