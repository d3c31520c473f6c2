import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeVCardBytes } from './decode-vcard-bytes.ts';
import { parseVCards, type VCardEntry } from './parse-vcards.ts';

const card = (...lines: string[]) =>
  `BEGIN:VCARD\r\nVERSION:3.0\r\n${lines.map((line) => `${line}\r\n`).join('')}END:VCARD\r\n`;

function entriesOf(text: string): VCardEntry[] {
  const parsed = parseVCards(text);
  if (!parsed.ok) throw new Error(`expected a vCard, got ${JSON.stringify(parsed.problems)}`);
  return parsed.value.entries;
}

function contactOf(text: string) {
  const [entry] = entriesOf(text);
  if (!entry?.ok) throw new Error(`expected one good card, got ${JSON.stringify(entry)}`);
  return entry.contact;
}

describe('parseVCards', () => {
  test('refuses text without BEGIN:VCARD, naming the file', () => {
    for (const text of [
      '',
      'Name,Phone\r\nAna,+34600112233\r\n',
      '\u0089PNG\r\n\u001a\n\u0000\u0000IHDR',
      'END:VCARD',
    ]) {
      expect(parseVCards(text)).toEqual({
        ok: false,
        problems: [
          {
            field: 'file',
            message: 'this file is not a vCard: it has no BEGIN:VCARD line (export contacts as .vcf)',
          },
        ],
      });
    }
  });

  test('reads name, phones with their types, emails, org, note and links', () => {
    const contact = contactOf(
      card(
        'FN:Ana Ruiz',
        'TEL;TYPE=CELL:+34 600 11 22 33',
        'TEL;type=HOME;type=VOICE:+34 91 555 01 02',
        'EMAIL;TYPE=INTERNET:ana@ruiz.example',
        'ORG:Ruiz & Hijas;Ventas',
        'NOTE:Likes jazz\\, hates mornings\\; call after 10\\nReally.',
        'URL:https://ruiz.example',
        'X-SOCIALPROFILE;type=twitter:https://twitter.com/anaruiz',
        'IMPP;X-SERVICE-TYPE=Skype:skype:ana.ruiz',
      ),
    );
    expect(contact).toEqual({
      name: 'Ana Ruiz',
      phones: [
        { value: '+34 600 11 22 33', types: ['cell'] },
        { value: '+34 91 555 01 02', types: ['home', 'voice'] },
      ],
      emails: ['ana@ruiz.example'],
      org: 'Ruiz & Hijas, Ventas',
      note: 'Likes jazz, hates mornings; call after 10\nReally.',
      urls: ['https://ruiz.example', 'https://twitter.com/anaruiz', 'skype:ana.ruiz'],
    });
  });

  test('builds the name from N when FN is missing, and from ORG when both are', () => {
    expect(contactOf(card('N:Okoro;Benedict;Chidi;Dr.;', 'TEL:+234 1 111')).name).toBe(
      'Benedict Chidi Okoro',
    );
    expect(contactOf(card('ORG:Bakery Sonnenschein', 'TEL:+49 89 222')).name).toBe('Bakery Sonnenschein');
  });

  test('keeps the extension of a tel URI and drops its other parameters', () => {
    const contact = contactOf(
      card(
        'FN:Dana Fox',
        'TEL;VALUE=uri:tel:+1-201-555-0123;ext=45',
        'TEL:tel:863-1234;phone-context=+1-914-555',
      ),
    );
    expect(contact.phones.map((phone) => phone.value)).toEqual(['+1-201-555-0123;ext=45', '863-1234']);
  });

  test('reads 2.1 bare types, 4.0 tel URIs and grouped labels', () => {
    const contact = contactOf(
      card(
        'TEL;CELL;PREF:+1 555 0100',
        'TEL;VALUE=uri;TYPE="work,voice":tel:+1-555-0199;ext=12',
        'item3.TEL:+1 555 0142',
        'item3.X-ABLabel:_$!<Mobile>!$_',
        'FN:Cleo Park',
      ),
    );
    expect(contact.phones).toEqual([
      { value: '+1 555 0100', types: ['cell', 'pref'] },
      { value: '+1-555-0199;ext=12', types: ['work', 'voice'] },
      { value: '+1 555 0142', types: ['mobile'] },
    ]);
  });

  test('decodes quoted-printable in UTF-8 and Latin-1, across soft line breaks', () => {
    const utf8 =
      'BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jos=C3=\r\n=A9 M=C3=BCller\r\nEND:VCARD\r\n';
    const latin1 =
      'BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Fran=E7oise Dupr=E9\r\nEND:VCARD\r\n';
    expect(contactOf(utf8).name).toBe('José Müller');
    expect(contactOf(latin1).name).toBe('Françoise Dupré');
  });

  test('skips a photo folded over many lines, indented or 2.1-style bare', () => {
    const base64 = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo'.repeat(40);
    const folded = `PHOTO;ENCODING=b;TYPE=JPEG:${base64.slice(0, 60)}\r\n${base64.match(/.{1,74}/g)?.join('\r\n ')}`;
    const bare = `PHOTO;ENCODING=BASE64;JPEG:\r\n${base64.match(/.{1,76}/g)?.join('\r\n')}\r\n`;
    for (const photo of [folded, bare]) {
      const contact = contactOf(card('FN:Mira Sato', photo, 'TEL:+81 3 1234 5678'));
      expect(contact).toEqual({
        name: 'Mira Sato',
        phones: [{ value: '+81 3 1234 5678', types: [] }],
        emails: [],
        urls: [],
      });
    }
  });

  test('ends a card at END:VCARD even after a quoted-printable value that ends in a soft break', () => {
    const text =
      'BEGIN:VCARD\r\nFN;QUOTED-PRINTABLE:Y=C3=BBki=\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Zed\r\nEND:VCARD\r\n';
    expect(entriesOf(text).map((entry) => entry.ok && entry.contact.name)).toEqual(['Yûki', 'Zed']);
  });

  test('reports unusable cards by index and keeps the good ones', () => {
    const text = `${card('FN:Lena Vogt')}${card('NOTE:no name here')}garbage between cards\r\n${card('EMAIL:kai@example.org')}`;
    expect(
      entriesOf(text).map((entry) => (entry.ok ? entry.contact.name || entry.contact.emails[0] : entry)),
    ).toEqual([
      'Lena Vogt',
      { ok: false, index: 1, reason: 'card 2 has no name, phone or email' },
      'kai@example.org',
    ]);
  });

  test('reports a card that never ends before the next one begins', () => {
    const text = `BEGIN:VCARD\r\nFN:Half Card\r\n${card('FN:Whole Card')}`;
    expect(entriesOf(text)).toEqual([
      { ok: false, index: 0, reason: 'card 1 has no END:VCARD before the next BEGIN:VCARD' },
      { ok: true, index: 1, contact: { name: 'Whole Card', phones: [], emails: [], urls: [] } },
    ]);
  });

  test('forgives a missing final END:VCARD, lowercase names, a BOM and mixed line ends', () => {
    const text =
      '\uFEFFbegin:vcard\nfn:Tove Lind\r\ntel;type=cell:+46 70 000 11 22\nBEGIN:VCARD\r\nFN:Ulf Berg\nTEL:+46 8 000';
    expect(
      entriesOf(text).map((entry) => entry.ok && [entry.contact.name, entry.contact.phones[0]?.value]),
    ).toEqual([false, ['Ulf Berg', '+46 8 000']]);
    expect(
      contactOf('\uFEFFbegin:vcard\nfn:Tove Lind\r\ntel;type=cell:+46 70 000 11 22\nend:vcard').phones,
    ).toEqual([{ value: '+46 70 000 11 22', types: ['cell'] }]);
  });

  test('reads a file whose lines end in CR alone (classic Mac OS)', () => {
    expect(contactOf('BEGIN:VCARD\rFN:Wren Ito\rTEL:+81 3 0000 1111\rEND:VCARD\r').name).toBe('Wren Ito');
  });

  test('never throws and never returns a contact without a name, phone or email', () => {
    const line = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        'BEGIN:VCARD',
        'END:VCARD',
        'FN:',
        'TEL;CELL:',
        ' ',
        '=',
        'N;ENCODING=QUOTED-PRINTABLE:=C3=',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 30 }),
        fc.constantFrom('\r\n', '\n', '\r'),
        (lines, newline) => {
          const parsed = parseVCards(lines.join(newline));
          if (!parsed.ok) return;
          for (const entry of parsed.value.entries) {
            if (entry.ok)
              expect(entry.contact.name || entry.contact.phones[0] || entry.contact.emails[0]).toBeTruthy();
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('reads at least 5,000 cards a second (the import budget)', () => {
    const text = Array.from({ length: 10_000 }, (_, i) =>
      card(`FN:Person ${i}`, `TEL;TYPE=CELL:+49 170 ${1_000_000 + i}`, `EMAIL:p${i}@example.com`),
    ).join('');
    const started = Date.now();
    const entries = entriesOf(text);
    const seconds = Math.max(Date.now() - started, 1) / 1000;
    expect(entries).toHaveLength(10_000);
    expect(10_000 / seconds).toBeGreaterThan(5_000);
  });
});

describe('decodeVCardBytes', () => {
  test('reads UTF-8, falls back to Latin-1, and honours a UTF-16 byte order mark', () => {
    expect(decodeVCardBytes(new Uint8Array([0x46, 0x4e, 0x3a, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]))).toBe(
      'FN:é😀',
    );
    expect(decodeVCardBytes(new Uint8Array([0x46, 0x4e, 0x3a, 0xe9, 0x74, 0xe9]))).toBe('FN:été');
    expect(decodeVCardBytes(new Uint8Array([0xff, 0xfe, 0x46, 0x00, 0xe9, 0x00]))).toBe('Fé');
    expect(decodeVCardBytes(new Uint8Array([0xfe, 0xff, 0x00, 0x46, 0x00, 0xe9]))).toBe('Fé');
  });
});
