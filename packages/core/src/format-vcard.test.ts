import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatVCard, formatVCards, type VCardVersion } from './format-vcard.ts';
import { parseVCards } from './parse-vcards.ts';

/** UTF-8 length without Node's Buffer; encodeURIComponent also throws on a split surrogate pair. */
const octets = (line: string) => encodeURIComponent(line).replace(/%[0-9A-F]{2}/g, '.').length;
const physicalLines = (output: string) => output.split('\r\n').slice(0, -1);

/** Text as people type it: any printable code point, plus the characters vCard must escape. */
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom(',', ';', '\\', '\n', '\r\n', ':', '"', ' ', '\t', 'é', '日本', '😀', '👩🏽‍💻', '\\n'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((char) => !/[\p{Cc}\p{Cs}]/u.test(char)),
  ),
  maxLength: 120,
});
/** As phones are stored: E.164, and `;ext=` with the extension when there is one (RFC 3966). */
const e164 = fc.stringMatching(/^\+[1-9][0-9]{6,14}(;ext=[0-9]{1,6})?$/);
/** We write newlines as \n, so a CRLF typed in a note comes back as LF. */
const asRead = (value: string) => value.replaceAll('\r\n', '\n');
const version = fc.constantFrom<VCardVersion>('4.0', '3.0');

describe('formatVCard', () => {
  test('writes a 4.0 card with tel URIs, CRLF line ends and an N guessed from the name', () => {
    expect(
      formatVCard({
        name: 'Ana María Ruiz',
        phones: ['+34600112233'],
        emails: ['ana@ruiz.example'],
        note: 'Met at the jazz bar',
        urls: ['https://ruiz.example/ana'],
        org: 'Ruiz & Hijas',
        uid: 'urn:uuid:7d2b0c1e-51f4-4d38-9a57-0b7c6f3f2a10',
      }),
    ).toBe(
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana María Ruiz\r\nN:Ruiz;Ana María;;;\r\n' +
        'TEL;VALUE=uri;TYPE=cell:tel:+34600112233\r\nEMAIL:ana@ruiz.example\r\nNOTE:Met at the jazz bar\r\n' +
        'URL:https://ruiz.example/ana\r\nORG:Ruiz & Hijas\r\nUID:urn:uuid:7d2b0c1e-51f4-4d38-9a57-0b7c6f3f2a10\r\n' +
        'END:VCARD\r\n',
    );
  });

  test('writes a minimal 3.0 card for QR codes', () => {
    expect(formatVCard({ name: 'Ben', phones: ['+2348031234567'] }, '3.0')).toBe(
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben\r\nN:;Ben;;;\r\nTEL;TYPE=CELL:+2348031234567\r\nEND:VCARD\r\n',
    );
  });

  test('keeps a phone extension: a tel URI with ;ext= in 4.0, the same number and ;ext= in 3.0', () => {
    const card = { name: 'Dana Fox', phones: ['+12015550123;ext=45'] };
    expect(formatVCard(card)).toContain('\r\nTEL;VALUE=uri;TYPE=cell:tel:+12015550123;ext=45\r\n');
    expect(formatVCard(card, '3.0')).toContain('\r\nTEL;TYPE=CELL:+12015550123;ext=45\r\n');
  });

  test('escapes backslashes, commas and newlines in text, and semicolons where 4.0 or 3.0 needs them', () => {
    const card = { name: 'Kit Lo', note: 'a\\b, c; d\r\ne\nf', org: 'Lo; Sons' };
    expect(formatVCard(card)).toContain('\r\nNOTE:a\\\\b\\, c; d\\ne\\nf\r\n');
    expect(formatVCard(card)).toContain('\r\nORG:Lo\\; Sons\r\n');
    expect(formatVCard(card, '3.0')).toContain('\r\nNOTE:a\\\\b\\, c\\; d\\ne\\nf\r\n');
    expect(formatVCard({ name: 'Mo;Ng Li' })).toContain('\r\nFN:Mo;Ng Li\r\nN:Li;Mo\\;Ng;;;\r\n');
  });

  test('drops control characters, which a vCard cannot hold, and keeps properties on their own lines', () => {
    const output = formatVCard({
      name: 'Eve\u0000\u0007',
      note: 'x\u001b[31m',
      urls: ['https://e.example/\r\nNOTE:injected'],
    });
    expect(output).toContain('\r\nFN:Eve\r\n');
    expect(output).toContain('\r\nNOTE:x[31m\r\n');
    expect(output).toContain('\r\nURL:https://e.example/NOTE:injected\r\n');
  });

  test('folds at 75 octets, counting UTF-8 bytes, never inside a character', () => {
    const note = `a${'é'.repeat(40)}${'😀'.repeat(20)}`;
    const output = formatVCard({ name: 'Zoë', note });
    const lines = physicalLines(output);
    expect(lines.filter((line) => line.startsWith('NOTE:') || line.startsWith(' ')).map(octets)).toEqual([
      74, 73, 21,
    ]);
    expect(output.replaceAll('\r\n ', '')).toContain(`\r\nNOTE:${note}\r\n`);
  });
});

describe('formatVCards', () => {
  test('writes one card after another', () => {
    const parsed = parseVCards(
      formatVCards([{ name: 'Ida Berg' }, { name: 'Jon Ek', emails: ['jon@ek.example'] }]),
    );
    expect(parsed.ok && parsed.value.entries.map((entry) => entry.ok && entry.contact.name)).toEqual([
      'Ida Berg',
      'Jon Ek',
    ]);
  });
});

describe('formatVCard then parseVCards', () => {
  test('round-trips name, phones, emails and note for any text', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(e164, { maxLength: 3 }),
        fc.array(
          text.filter((email) => !/^\s*mailto:/i.test(email)),
          { maxLength: 3 },
        ),
        fc.option(text, { nil: undefined }),
        version,
        (name, phones, emails, note, cardVersion) => {
          const parsed = parseVCards(formatVCard({ name, phones, emails, note }, cardVersion));
          const entry = parsed.ok ? parsed.value.entries[0] : undefined;
          const expectedEmails = emails.map((email) => asRead(email).trim()).filter((email) => email !== '');
          if (asRead(name).trim() === '' && phones.length === 0 && expectedEmails.length === 0) {
            expect(entry?.ok).toBe(false);
            return;
          }
          expect(entry).toEqual({
            ok: true,
            index: 0,
            contact: {
              name: asRead(name).trim(),
              phones: phones.map((phone) => ({ value: phone, types: ['cell'] })),
              emails: expectedEmails,
              urls: [],
              ...(note === undefined ? {} : { note: asRead(note) }),
            },
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('writes only CRLF line ends and lines of at most 75 octets', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(text, { maxLength: 3 }),
        text,
        version,
        (name, emails, note, cardVersion) => {
          const output = formatVCard({ name, emails, note, org: note, urls: [name] }, cardVersion);
          expect(output.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
          for (const line of physicalLines(output)) expect(octets(line)).toBeLessThanOrEqual(75);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
