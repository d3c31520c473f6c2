import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardQrPayload } from '@rapport/core';
import { type AccountId, type CardFields, type CardId, openStore } from '@rapport/db';
import { qrMatrix } from '@rapport/server';
import { afterEach, describe, expect, test } from 'vitest';
import { run } from '../run.ts';
import { createTestIo } from '../test-io.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const NOW = '2026-03-28T19:00:00.000Z';
const FULL: CardFields = {
  label: 'Full',
  name: 'Alex Kim',
  phone: '+4917012345678',
  email: 'alex.hidden@example.org',
  note: 'jazz piano',
  handles: [
    { platform: 'instagram', handle: 'alex.kim' },
    { platform: 'whatsapp', handle: '+4917012345678' },
  ],
  shows: { name: true, phone: false, email: false, note: true, handles: ['instagram', 'whatsapp'] },
};
const INSTAGRAM: CardFields = {
  ...FULL,
  label: 'Just Instagram',
  note: null,
  handles: [{ platform: 'instagram', handle: 'alex.kim' }],
  shows: { name: false, phone: false, email: false, note: false, handles: ['instagram'] },
};

/** A server folder whose owner has the given cards, made directly in the store. */
async function serverFolder(cards: CardFields[]): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-cli-cards-'));
  folders.push(folder);
  const store = await openStore({ sqliteFile: join(folder, 'rapport.sqlite') });
  const settings = {
    name: 'Alex',
    phoneRegion: 'DE',
    timeZone: 'Europe/Berlin',
    quietHours: { start: '22:00', end: '08:00' },
    firstTextDelayHours: 3,
  };
  for (const [id, email] of [
    ['owner-1', 'owner@example.org'],
    ['member-1', 'sam@example.org'],
  ] as const) {
    await store.accounts.create({ id: id as AccountId, email, passwordHash: 'unused', settings, now: NOW });
  }
  for (const [index, card] of cards.entries()) {
    const now = new Date(Date.parse(NOW) + index * 1000).toISOString();
    await store.cards.create('owner-1' as AccountId, { ...card, id: `card-${index + 1}` as CardId, now });
  }
  await store.close();
  return folder;
}

/** Reads a QR code drawn with half blocks (two rows per line) back into rows of modules. */
function readTextQr(text: string, size: number): boolean[][] {
  const rows: boolean[][] = [];
  for (const line of text.split('\n').slice(2)) {
    const cells = [...line].slice(4, 4 + size);
    rows.push(cells.map((cell) => cell === '█' || cell === '▀'));
    rows.push(cells.map((cell) => cell === '█' || cell === '▄'));
  }
  return rows.slice(0, size);
}

const runIn = async (folder: string, args: string[], color = false) => {
  const test = createTestIo({ env: { DATA_DIR: folder } });
  test.io.color = color;
  return { code: await run(['card', ...args], test.io), ...test };
};

describe('rapport card', () => {
  test("lists the owner's cards with what each shows; the phone stays hidden", async () => {
    const folder = await serverFolder([FULL, INSTAGRAM]);
    const listed = await runIn(folder, []);
    expect(listed.code).toBe(0);
    expect(listed.stdout()).toBe(
      'Full  (card-1)  shows: name, note, Instagram\nJust Instagram  (card-2)  shows: Instagram',
    );
    const json = await runIn(folder, ['--json']);
    const { cards } = JSON.parse(json.stdout());
    expect(cards.map((card: { label: string }) => card.label)).toEqual(['Full', 'Just Instagram']);
    expect(cards[0].visible).toEqual({
      name: 'Alex Kim',
      note: 'jazz piano',
      handles: [{ platform: 'instagram', handle: 'alex.kim', url: 'https://instagram.com/alex.kim' }],
    });
    const other = await runIn(folder, ['--email', 'sam@example.org']);
    expect(other.stdout()).toBe('No cards yet: make one in the app (Cards), or with POST /api/cards.');
  });

  test('--qr draws the chosen card as the QR code of its payload, then what it shares, and nothing hidden', async () => {
    const folder = await serverFolder([FULL, INSTAGRAM]);
    const drawn = await runIn(folder, ['--qr', '--card', 'full']);
    expect(drawn.code).toBe(0);
    const payload = cardQrPayload(FULL);
    const expected = qrMatrix(payload);
    expect(readTextQr(drawn.stdout(), expected.length)).toEqual(expected);
    expect(drawn.stdout()).toContain(
      'Full: scan to add the contact (no signal needed). It shares:\n' +
        '  name       Alex Kim\n' +
        '  note       jazz piano\n' +
        '  Instagram  https://instagram.com/alex.kim',
    );
    expect(drawn.stdout()).not.toContain('alex.hidden');
    expect(drawn.stdout()).not.toContain('17012345678');
    expect(payload).not.toContain('17012345678');

    const mecard = await runIn(folder, ['--qr', '--mecard', '--card', 'card-2', '--json']);
    expect(JSON.parse(mecard.stdout())).toMatchObject({
      card: { id: 'card-2', label: 'Just Instagram' },
      format: 'mecard',
      payload: 'MECARD:N:alex.kim;URL:https\\://instagram.com/alex.kim;;',
    });
  });

  test('on a colour terminal the code is drawn dark on light, and the only card needs no --card', async () => {
    const folder = await serverFolder([INSTAGRAM]);
    const drawn = await runIn(folder, ['--qr'], true);
    expect(drawn.code).toBe(0);
    expect(drawn.stdout()).toContain('\u001b[47m\u001b[30m');
    expect(drawn.stdout()).toContain('Just Instagram: scan to add the contact');
  });

  test('an unknown or missing --card is one line naming --card and the labels, exit 2', async () => {
    const folder = await serverFolder([FULL, INSTAGRAM]);
    const unknown = await runIn(folder, ['--qr', '--card', 'Work']);
    expect(unknown.code).toBe(2);
    expect(unknown.errLines()).toEqual([
      "rapport card: unknown --card 'Work': allowed are 'Full', 'Just Instagram'",
    ]);
    expect(unknown.stdout()).toBe('');
    const missing = await runIn(folder, ['--qr']);
    expect(missing.code).toBe(2);
    expect(missing.errLines()).toEqual([
      "rapport card: choose a card with --card <label or id>: allowed are 'Full', 'Just Instagram'",
    ]);
    const mecard = await runIn(folder, ['--mecard']);
    expect(mecard.code).toBe(2);
    expect(mecard.stderr()).toBe('rapport card: --mecard goes with --qr: rapport card --qr --mecard');
    const account = await runIn(folder, ['--email', 'nobody@example.org']);
    expect(account.code).toBe(2);
    expect(account.stderr()).toBe(
      "rapport card: --email 'nobody@example.org' is not an account on this server",
    );
  });

  test('--help names every flag', async () => {
    const help = createTestIo();
    expect(await run(['card', '--help'], help.io)).toBe(0);
    for (const flag of ['--card', '--email', '--qr', '--mecard', '--json'])
      expect(help.stdout()).toContain(flag);
  });
});
