import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type CardContent, cardQrPayload, visibleCardFields } from './card-fields.ts';
import { parseVCards } from './parse-vcards.ts';
import type { SocialPlatform } from './social-handles.ts';

/** One distinct value per field, none a part of another, so a leak cannot hide behind a coincidence. */
const CANARY = {
  name: 'Nadia Canaryname',
  phone: '+4917055501234',
  email: 'canary.mail@example.org',
  note: 'canarynote jazz',
} as const;
const HANDLE_CANARY: Record<SocialPlatform, string> = {
  instagram: 'ig.canary',
  tiktok: 'tt.canary',
  x: 'xcanary',
  snapchat: 'snapcanary',
  linkedin: 'li-canary',
  telegram: 'tgcanary',
  signal: 'sigcanary.42',
  // A stored WhatsApp number other than the phone: it must never show, WhatsApp is the phone's
  whatsapp: '+4915199988877',
};
const PLATFORMS = Object.keys(HANDLE_CANARY) as SocialPlatform[];

const FULL: CardContent = {
  name: 'Alex Kim',
  phone: '+4917012345678',
  email: 'alex@example.org',
  note: 'Jazz, piano; and: café',
  handles: [
    { platform: 'instagram', handle: 'alex.kim' },
    { platform: 'whatsapp', handle: '+4917012345678' },
  ],
  shows: { name: true, phone: true, email: true, note: true, handles: ['instagram', 'whatsapp'] },
};

const randomCard = fc.record({
  name: fc.constantFrom(null, CANARY.name),
  phone: fc.constantFrom(null, CANARY.phone),
  email: fc.constantFrom(null, CANARY.email),
  note: fc.constantFrom(null, CANARY.note),
  handles: fc
    .subarray(PLATFORMS)
    .map((platforms) => platforms.map((platform) => ({ platform, handle: HANDLE_CANARY[platform] }))),
  shows: fc.record({
    name: fc.boolean(),
    phone: fc.boolean(),
    email: fc.boolean(),
    note: fc.boolean(),
    handles: fc.subarray(PLATFORMS),
  }),
}) satisfies fc.Arbitrary<CardContent>;

/** Every text a card could be seen through: the fields, the QR payloads (vCard unfolded). */
function everythingRevealed(card: CardContent): string {
  return [
    JSON.stringify(visibleCardFields(card)),
    cardQrPayload(card, 'vcard').replaceAll('\r\n ', ''),
    cardQrPayload(card, 'mecard'),
  ].join('\n');
}

describe('visibleCardFields', () => {
  test('a value whose flag is off never appears in the fields nor in either QR payload', () => {
    fc.assert(
      fc.property(randomCard, (card) => {
        const revealed = everythingRevealed(card);
        for (const field of ['name', 'phone', 'email', 'note'] as const) {
          if (!card.shows[field]) expect(revealed).not.toContain(CANARY[field]);
        }
        // The phone hidden hides its digits too, as in the wa.me link
        if (!card.shows.phone) expect(revealed).not.toContain(CANARY.phone.slice(1));
        for (const platform of PLATFORMS) {
          if (!card.shows.handles.includes(platform)) expect(revealed).not.toContain(HANDLE_CANARY[platform]);
        }
        expect(revealed).not.toContain(HANDLE_CANARY.whatsapp);
      }),
      { numRuns: 500 },
    );
  });

  test('a value whose flag is on and that is there does appear, and nothing else', () => {
    fc.assert(
      fc.property(randomCard, (card) => {
        const visible = visibleCardFields(card);
        for (const field of ['name', 'phone', 'email', 'note'] as const) {
          expect(visible[field]).toBe(card.shows[field] && card[field] ? card[field] : undefined);
        }
        const expected = card.handles
          .filter((entry) => card.shows.handles.includes(entry.platform))
          .filter((entry) => entry.platform !== 'whatsapp' || (card.shows.phone && card.phone))
          .map((entry) => entry.platform);
        expect(visible.handles.map((handle) => handle.platform)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  test('shows WhatsApp only with the phone, and then as the phone number', () => {
    const hiddenPhone = { ...FULL, shows: { ...FULL.shows, phone: false } };
    expect(visibleCardFields(hiddenPhone).handles.map((handle) => handle.platform)).toEqual(['instagram']);
    expect(visibleCardFields(FULL).handles).toEqual([
      { platform: 'instagram', handle: 'alex.kim', url: 'https://instagram.com/alex.kim' },
      { platform: 'whatsapp', handle: '+4917012345678', url: 'https://wa.me/4917012345678' },
    ]);
  });

  test('leaves out empty values and platforms it does not know', () => {
    const card: CardContent = {
      ...FULL,
      name: '',
      handles: [{ platform: 'myspace', handle: 'alex' }],
      shows: { ...FULL.shows, handles: ['myspace'] },
    };
    expect(visibleCardFields(card)).toEqual({
      phone: '+4917012345678',
      email: 'alex@example.org',
      note: 'Jazz, piano; and: café',
      handles: [],
    });
  });
});

describe('cardQrPayload', () => {
  test('writes a small vCard 3.0 of the shown fields, with handles as profile links', () => {
    expect(cardQrPayload(FULL)).toBe(
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex Kim\r\nN:Kim;Alex;;;\r\nTEL;TYPE=CELL:+4917012345678\r\n' +
        'EMAIL:alex@example.org\r\nNOTE:Jazz\\, piano\\; and: café\r\nURL:https://instagram.com/alex.kim\r\n' +
        'URL:https://wa.me/4917012345678\r\nEND:VCARD\r\n',
    );
  });

  test('writes a MeCard with its separators and backslashes escaped', () => {
    expect(cardQrPayload({ ...FULL, note: 'a\\b;c,d:e\nf' }, 'mecard')).toBe(
      'MECARD:N:Alex Kim;TEL:+4917012345678;EMAIL:alex@example.org;' +
        'URL:https\\://instagram.com/alex.kim;URL:https\\://wa.me/4917012345678;NOTE:a\\\\b\\;c\\,d\\:e f;;',
    );
  });

  test('with the name hidden, the first shown handle names the contact', () => {
    const card: CardContent = {
      ...FULL,
      shows: { name: false, phone: false, email: false, note: false, handles: ['instagram'] },
    };
    expect(cardQrPayload(card, 'mecard')).toBe('MECARD:N:alex.kim;URL:https\\://instagram.com/alex.kim;;');
    expect(cardQrPayload(card)).toContain('\r\nFN:alex.kim\r\n');
  });

  test('our own vCard reader reads back what the payload shows', () => {
    fc.assert(
      fc.property(randomCard, (card) => {
        const visible = visibleCardFields(card);
        const parsed = parseVCards(cardQrPayload(card));
        if (!parsed.ok) throw new Error('the payload is not a vCard');
        const entry = parsed.value.entries[0];
        if (!entry?.ok) return; // a card showing nothing at all has no name: nothing to save
        expect(entry.contact.phones.map((phone) => phone.value)).toEqual(
          visible.phone ? [visible.phone] : [],
        );
        expect(entry.contact.emails).toEqual(visible.email ? [visible.email] : []);
        expect(entry.contact.urls).toEqual(visible.handles.map((handle) => handle.url));
        expect(entry.contact.note).toBe(visible.note);
        if (visible.name) expect(entry.contact.name).toBe(visible.name);
      }),
      { numRuns: 300 },
    );
  });
});
