import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AccountId, openStore } from '@rapport/db';
import { afterEach, describe, expect, test } from 'vitest';
import { run } from './run.ts';
import { createTestIo } from './test-io.ts';

const FIXTURES = fileURLToPath(new URL('../../core/fixtures/vcard/', import.meta.url));
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function serverFolder(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
  folders.push(folder);
  const store = await openStore({ sqliteFile: join(folder, 'rapport.sqlite') });
  await store.accounts.create({
    id: 'owner-1' as AccountId,
    email: 'owner@example.org',
    passwordHash: 'not used here',
    settings: {
      name: 'Alex',
      phoneRegion: 'DE',
      timeZone: 'Europe/Berlin',
      quietHours: { start: '22:00', end: '08:00' },
      firstTextDelayHours: 3,
    },
    now: '2026-03-28T19:00:00.000Z',
  });
  await store.close();
  return folder;
}

describe('rapport import and export', () => {
  test('imports a phone export into the owner, with a progress bar on a terminal, then exports it', async () => {
    const folder = await serverFolder();
    const imported = createTestIo({ env: { DATA_DIR: folder }, stderrIsTty: true });
    expect(await run(['import', join(FIXTURES, 'mixed-good-and-bad-cards.vcf')], imported.io)).toBe(0);
    expect(imported.stdout()).toMatch(/^Added 2, merged 0, skipped 3\./);
    expect(imported.stdout()).toContain('skipped: card');
    expect(imported.progress()).toMatch(/\[#+\] 5\/5 cards\n$/);

    const exported = createTestIo({ env: { DATA_DIR: folder } });
    expect(await run(['export'], exported.io)).toBe(0);
    const data = JSON.parse(exported.stdout());
    expect(data.format).toBe('rapport-export');
    expect(data.people).toHaveLength(2);
    expect(
      data.people.every((person: { consent: { kind: string } }) => person.consent.kind === 'imported'),
    ).toBe(true);
    expect(exported.stdout()).not.toContain('not used here');

    const vcf = createTestIo({ env: { DATA_DIR: folder } });
    expect(await run(['export', '--vcf'], vcf.io)).toBe(0);
    expect(vcf.stdout().match(/BEGIN:VCARD/g)).toHaveLength(2);
  });

  test('importing the same file twice merges instead of duplicating', async () => {
    const folder = await serverFolder();
    const file = join(FIXTURES, 'several-numbers.vcf');
    await run(['import', file], createTestIo({ env: { DATA_DIR: folder } }).io);
    const again = createTestIo({ env: { DATA_DIR: folder } });
    expect(await run(['import', file, '--json'], again.io)).toBe(0);
    const summary = JSON.parse(again.stdout());
    expect(summary.added).toBe(0);
  });

  test('a file that is not a vCard, a missing file and an unknown account are one line each, nothing stored', async () => {
    const folder = await serverFolder();
    const csv = createTestIo({ env: { DATA_DIR: folder } });
    expect(await run(['import', join(FIXTURES, 'not-a-vcard.csv')], csv.io)).toBe(2);
    expect(csv.stderr()).toBe(
      'rapport import: this file is not a vCard: it has no BEGIN:VCARD line (export contacts as .vcf)',
    );
    const missing = createTestIo({ env: { DATA_DIR: folder } });
    expect(await run(['import', join(folder, 'nope.vcf')], missing.io)).toBe(2);
    expect(missing.stderr()).toMatch(
      /^rapport import: <file\.vcf> '.*nope\.vcf' cannot be read \(ENOENT\): check the path$/,
    );
    const file = join(folder, 'one.vcf');
    writeFileSync(file, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam\r\nEND:VCARD\r\n');
    const stranger = createTestIo({ env: { DATA_DIR: folder } });
    expect(await run(['import', file, '--email', 'nobody@example.org'], stranger.io)).toBe(2);
    expect(stranger.stderr()).toBe(
      "rapport import: --email 'nobody@example.org' is not an account on this server",
    );
    const exported = createTestIo({ env: { DATA_DIR: folder } });
    await run(['export'], exported.io);
    expect(JSON.parse(exported.stdout()).people).toEqual([]);
  });
});
