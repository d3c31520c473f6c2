import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AccountId,
  type BlockId,
  type CardId,
  type ExchangeLinkId,
  type IntroductionId,
  openStore,
  type PersonId,
} from '@rapport/db';
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

  test('the export holds my cards, links, introductions and blocks, and none of their tokens or hashes', async () => {
    const folder = await serverFolder();
    await run(
      ['import', join(FIXTURES, 'mixed-good-and-bad-cards.vcf')],
      createTestIo({ env: { DATA_DIR: folder } }).io,
    );
    const seeded = await seedContactExchange(folder);

    const exported = createTestIo({ env: { DATA_DIR: folder } });
    expect(await run(['export'], exported.io)).toBe(0);
    const data = JSON.parse(exported.stdout());
    expect(data.cards).toMatchObject([{ id: seeded.cardId, label: 'Full', phone: '+491707654321' }]);
    expect(data.links).toMatchObject([
      { id: seeded.linkId, cardLabel: 'Full', state: 'revoked', oneTime: true },
    ]);
    expect(data.intros).toEqual([
      {
        id: seeded.introId,
        a: seeded.people[0],
        b: seeded.people[1],
        note: 'both like jazz',
        state: 'pending',
        expiresAt: '2099-01-01T00:00:00.000Z',
        completedAt: null,
        createdAt: '2026-03-28T19:00:00.000Z',
      },
    ]);
    expect(data.blocks).toMatchObject([{ id: seeded.blockId, linkId: seeded.linkId, personId: null }]);
    expect(seeded.secrets).toHaveLength(6);
    for (const secret of seeded.secrets) expect(exported.stdout()).not.toContain(secret);
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

/** A card, a one-time link of it (blocked) and an introduction of the first two people, straight into the store. */
async function seedContactExchange(folder: string) {
  const owner = 'owner-1' as AccountId;
  const now = '2026-03-28T19:00:00.000Z';
  const minted = () => {
    const secret = randomBytes(16).toString('base64url');
    return { secret, hash: createHash('sha256').update(secret).digest('base64url') };
  };
  const [link, a, b] = [minted(), minted(), minted()];
  const store = await openStore({ sqliteFile: join(folder, 'rapport.sqlite') });
  try {
    const people = (await store.people.list(owner, { limit: 10, offset: 0 })).map((person) => person.id);
    const card = await store.cards.create(owner, {
      id: 'card-1' as CardId,
      label: 'Full',
      name: 'Alex',
      phone: '+491707654321',
      email: null,
      note: null,
      handles: [],
      shows: { name: true, phone: true, email: false, note: false, handles: [] },
      now,
    });
    const linkId = 'link-1' as ExchangeLinkId;
    await store.exchangeLinks.create(owner, {
      id: linkId,
      cardId: card.id,
      encounterId: null,
      tokenHash: link.hash,
      oneTime: true,
      expiresAt: '2099-01-01T00:00:00.000Z',
      now,
    });
    const blockId = 'block-1' as BlockId;
    await store.transaction((stores) =>
      stores.blocks.create(owner, { id: blockId, target: { linkId }, now }),
    );
    const introId = 'intro-1' as IntroductionId;
    await store.introductions.create(owner, {
      id: introId,
      personAId: people[0] as PersonId,
      personBId: people[1] as PersonId,
      note: 'both like jazz',
      tokenAHash: a.hash,
      tokenBHash: b.hash,
      expiresAt: '2099-01-01T00:00:00.000Z',
      now,
    });
    const secrets = [link, a, b].flatMap((token) => [token.secret, token.hash]);
    return { people, cardId: card.id, linkId, blockId, introId, secrets };
  } finally {
    await store.close();
  }
}
