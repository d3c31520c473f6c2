import { cardQrPayload, parseVCards, visibleCardFields } from '@rapport/core';
import type { AccountId, Card, CardId } from '@rapport/db';
import fc from 'fast-check';
import ICAL from 'ical.js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { qrMatrix } from '../render-qr.ts';
import { asUser, createTestApp, type TestApp } from '../testing/test-app.ts';
import { zbarDecode } from './zbar-decode.ts';

/** A real decoder's reading of a PNG: the bytes of the QR code's payload, as UTF-8 text. */
function decodePng(png: Buffer): string {
  return Buffer.from(readPng(png).binaryData).toString('utf8');
}

/** jsQR's reading of a PNG, with its chunks (ECI designators among them). */
function readPng(png: Buffer) {
  const image = PNG.sync.read(png);
  const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!found) throw new Error('no QR code found in the image');
  return found;
}

/** The dark modules of an SVG drawn by the qrcode package: one stroke path of M, m and h commands. */
function svgModules(svg: string): { side: number; dark: Set<string> } {
  const side = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const path = /<path stroke="#000000" d="([^"]*)"/.exec(svg)?.[1] ?? '';
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of path.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (command === 'M') [x, y] = [Number(a), Number(b)];
    else if (command === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else for (let end = x + Number(a); x < end; x++) dark.add(`${x},${Math.floor(y)}`);
  }
  return { side, dark };
}

/** Paints the SVG's modules into a PNG (4 px each, as the SVG lays them out) for the decoder. */
function svgToPng(svg: string): Buffer {
  const { side, dark } = svgModules(svg);
  const scale = 4;
  const png = new PNG({ width: side * scale, height: side * scale });
  for (let py = 0; py < png.height; py++) {
    for (let px = 0; px < png.width; px++) {
      const value = dark.has(`${Math.floor(px / scale)},${Math.floor(py / scale)}`) ? 0 : 255;
      png.data.set([value, value, value, 255], (py * png.width + px) * 4);
    }
  }
  return PNG.sync.write(png);
}

/** A MeCard's fields as a reader splits them: on unescaped ';', then the escapes removed. */
function readMeCard(text: string): [string, string][] {
  expect(text.startsWith('MECARD:') && text.endsWith(';;')).toBe(true);
  const body = text.slice('MECARD:'.length, -1);
  return [...body.matchAll(/((?:\\.|[^;\\])*);/g)].map(([, field = '']) => {
    const colon = field.indexOf(':');
    return [field.slice(0, colon), field.slice(colon + 1).replace(/\\(.)/g, '$1')];
  });
}

let current: TestApp;
let owner: ReturnType<typeof asUser>;
beforeAll(async () => {
  current = await createTestApp({ owner: { timeZone: 'Europe/Berlin', phoneRegion: 'DE' } });
  owner = asUser(current.app, current.cookie);
});
afterAll(() => current.close());

/** A typical full card, every field shown. */
const TYPICAL = {
  label: 'Full',
  name: 'Jordan Alexandra Lee',
  phone: '+49 170 1234567',
  email: 'jordan.lee@example.org',
  note: 'Met at the jazz night: ask me about the piano trio, or that café by the river',
  handles: [
    { platform: 'instagram', handle: 'jordan.lee' },
    { platform: 'linkedin', handle: 'jordan-alexandra-lee' },
    { platform: 'whatsapp' },
  ],
  shows: { phone: true, email: true },
};

async function storedCard(id: string): Promise<Card> {
  const account = await current.store.accounts.findForAdmin();
  const card = await current.store.cards.get(account?.id as AccountId, id as CardId);
  if (!card) throw new Error('card not stored');
  return card;
}

describe('offline QR', () => {
  test('the SVG route draws exactly the QR code of the payload, and a real decoder reads it back byte for byte', async () => {
    const { card } = (await owner.post('/api/cards', TYPICAL)).json();
    const payload = cardQrPayload(await storedCard(card.id));
    const response = await owner.get(`/api/cards/${card.id}/qr.svg?mode=offline`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.body).toContain('<svg');

    // The same matrix as the payload's QR code (4 modules of quiet zone each side)…
    const model = qrMatrix(payload);
    const { side, dark } = svgModules(response.body);
    expect(side).toBe(model.length + 8);
    const expected = new Set<string>();
    for (const [row, modules] of model.entries())
      for (const [col, isDark] of modules.entries()) if (isDark) expected.add(`${col + 4},${row + 4}`);
    expect(dark).toEqual(expected);
    // …which decodes, from the route's own SVG and from a PNG of the same payload, to the payload
    expect(decodePng(svgToPng(response.body))).toBe(payload);
    expect(decodePng(await QRCode.toBuffer(payload, { errorCorrectionLevel: 'M' }))).toBe(payload);
  });

  test('a name that is not ASCII is declared UTF-8 (ECI 26), so a strict reader decodes "René Dupré"', async () => {
    const { card } = (await owner.post('/api/cards', { label: 'Accents', name: 'René Dupré' })).json();
    const payload = cardQrPayload(await storedCard(card.id));
    expect(payload).toContain('FN:René Dupré');
    const png = svgToPng((await owner.get(`/api/cards/${card.id}/qr.svg?mode=offline`)).body);
    expect(zbarDecode(png)).toBe(payload);
    expect(readPng(png).chunks).toContainEqual(
      expect.objectContaining({ type: 'eci', assignmentNumber: 26 }),
    );
    // An ASCII payload needs no designator, and keeps the code as small as it was.
    const ascii = (await owner.post('/api/cards', { label: 'Plain', name: 'Rene Dupre' })).json().card;
    const plain = svgToPng((await owner.get(`/api/cards/${ascii.id}/qr.svg?mode=offline`)).body);
    expect(readPng(plain).chunks.map((chunk) => chunk.type)).not.toContain('eci');
    expect(zbarDecode(plain)).toBe(cardQrPayload(await storedCard(ascii.id)));
  });

  test('the decoded vCard, read by ical.js and by our reader, is the card as shown', async () => {
    const { card } = (await owner.post('/api/cards', { ...TYPICAL, label: 'Read me' })).json();
    const decoded = decodePng(svgToPng((await owner.get(`/api/cards/${card.id}/qr.svg?mode=offline`)).body));
    const vcard = new ICAL.Component(ICAL.parse(decoded));
    expect(vcard.getFirstPropertyValue('version')).toBe('3.0');
    expect(vcard.getFirstPropertyValue('fn')).toBe('Jordan Alexandra Lee');
    expect(vcard.getFirstPropertyValue('tel')).toBe('+491701234567');
    expect(vcard.getFirstPropertyValue('email')).toBe('jordan.lee@example.org');
    expect(vcard.getAllProperties('url').map((url) => url.getFirstValue())).toEqual([
      'https://instagram.com/jordan.lee',
      'https://www.linkedin.com/in/jordan-alexandra-lee',
      'https://wa.me/491701234567',
    ]);
    expect(vcard.getFirstProperty('photo')).toBeNull();

    const ours = parseVCards(decoded);
    expect(ours.ok && ours.value.entries).toEqual([
      {
        ok: true,
        index: 0,
        contact: {
          name: card.visible.name,
          phones: [{ value: card.visible.phone, types: ['cell'] }],
          emails: [card.visible.email],
          note: card.visible.note,
          urls: card.visible.handles.map((handle: { url: string }) => handle.url),
        },
      },
    ]);
  });

  test('format=mecard draws a MeCard that decodes to the card as shown', async () => {
    const { card } = (await owner.post('/api/cards', { ...TYPICAL, label: 'MeCard' })).json();
    const response = await owner.get(`/api/cards/${card.id}/qr.svg?mode=offline&format=mecard`);
    const decoded = decodePng(svgToPng(response.body));
    expect(decoded).toBe(cardQrPayload(await storedCard(card.id), 'mecard'));
    expect(readMeCard(decoded)).toEqual([
      ['N', 'Jordan Alexandra Lee'],
      ['TEL', '+491701234567'],
      ['EMAIL', 'jordan.lee@example.org'],
      ['URL', 'https://instagram.com/jordan.lee'],
      ['URL', 'https://www.linkedin.com/in/jordan-alexandra-lee'],
      ['URL', 'https://wa.me/491701234567'],
      ['NOTE', TYPICAL.note],
    ]);
  });

  test('a typical full card stays a small code: under 400 bytes of vCard, under 300 of MeCard', async () => {
    const { card } = (await owner.post('/api/cards', { ...TYPICAL, label: 'Size' })).json();
    const stored = await storedCard(card.id);
    expect(Buffer.byteLength(cardQrPayload(stored, 'vcard'))).toBeLessThan(400);
    expect(Buffer.byteLength(cardQrPayload(stored, 'mecard'))).toBeLessThan(300);
    // Version 15 (77 modules) or less: a phone camera reads it from a screen at arm's length
    expect(qrMatrix(cardQrPayload(stored, 'vcard')).length).toBeLessThanOrEqual(77);
  });

  test('a card too long for a readable QR code is refused naming its longest field; the longest allowed still scans', async () => {
    const wide = {
      label: 'Wide',
      name: 'Jordan Alexandra Lee',
      phone: '+49 170 1234567',
      email: `${'a'.repeat(60)}@${'e'.repeat(60)}.example.org`,
      note: '日'.repeat(280),
      handles: [{ platform: 'linkedin', handle: 'l'.repeat(100) }, { platform: 'whatsapp' }],
      shows: { phone: true, email: true },
    };
    const refused = await owner.post('/api/cards', wide);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      field: 'note',
      message: expect.stringContaining('of 1024 bytes'),
    });
    expect((await owner.get('/api/cards')).json().cards.map((c: { label: string }) => c.label)).not.toContain(
      'Wide',
    );

    // Shorten the note until it fits: the biggest card there can be still draws and decodes
    let note = wide.note;
    let created = refused;
    while (created.statusCode === 400 && created.json().error.field === 'note') {
      note = note.slice(0, -1);
      created = await owner.post('/api/cards', { ...wide, note });
    }
    expect(created.statusCode).toBe(201);
    for (const format of ['vcard', 'mecard']) {
      const svg = await owner.get(
        `/api/cards/${created.json().card.id}/qr.svg?mode=offline&format=${format}`,
      );
      expect(svg.statusCode).toBe(200);
      expect(decodePng(svgToPng(svg.body))).toBe(
        cardQrPayload(await storedCard(created.json().card.id), format as 'vcard'),
      );
    }
  });

  test('the query is checked: mode is required and offline for now, format vcard or mecard, nothing else', async () => {
    const { card } = (await owner.post('/api/cards', { label: 'Query' })).json();
    const cases: [string, string][] = [
      ['', 'mode'],
      ['?mode=online', 'mode'],
      ['?mode=offline&format=png', 'format'],
      ['?mode=offline&size=9', 'size'],
    ];
    for (const [query, field] of cases) {
      const response = await owner.get(`/api/cards/${card.id}/qr.svg${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error, query).toMatchObject({ code: 'invalid-input', field });
    }
  });

  test("the QR code never carries a hidden field's value, whatever the card shows", async () => {
    const canaries = {
      name: 'Quinn Canaryname',
      phone: '+4915112345678',
      email: 'canary.qr@example.org',
      note: 'canarynote vinyl',
      instagram: 'quinn.canary',
      telegram: 'quinncanary',
    };
    const { card } = (
      await owner.post('/api/cards', {
        label: 'Canary',
        name: canaries.name,
        phone: canaries.phone,
        email: canaries.email,
        note: canaries.note,
        handles: [
          { platform: 'instagram', handle: canaries.instagram },
          { platform: 'telegram', handle: canaries.telegram },
          { platform: 'whatsapp' },
        ],
      })
    ).json();
    const shows = fc.record({
      name: fc.boolean(),
      phone: fc.boolean(),
      email: fc.boolean(),
      note: fc.boolean(),
      handles: fc.subarray(['instagram', 'telegram', 'whatsapp']),
    });
    await fc.assert(
      fc.asyncProperty(shows, fc.constantFrom('vcard', 'mecard'), async (flags, format) => {
        expect((await owner.patch(`/api/cards/${card.id}`, { shows: flags })).statusCode).toBe(200);
        const svg = (await owner.get(`/api/cards/${card.id}/qr.svg?mode=offline&format=${format}`)).body;
        const decoded = decodePng(svgToPng(svg)).replaceAll('\r\n ', '');
        const hidden = [
          ...(['name', 'phone', 'email', 'note'] as const).filter((field) => !flags[field]),
          ...(['instagram', 'telegram'] as const).filter((platform) => !flags.handles.includes(platform)),
        ];
        for (const field of hidden) expect(decoded).not.toContain(canaries[field]);
        if (!flags.phone) expect(decoded).not.toContain(canaries.phone.slice(1));
        const visible = visibleCardFields(await storedCard(card.id));
        if (visible.phone) expect(decoded).toContain(canaries.phone);
      }),
      { numRuns: 40 },
    );
  });
});
