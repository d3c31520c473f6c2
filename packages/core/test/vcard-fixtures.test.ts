import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodeVCardBytes } from '../src/decode-vcard-bytes.ts';
import { parseVCards, type VCardContact } from '../src/parse-vcards.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/vcard/${name}`, import.meta.url), 'utf8');

function contactsOf(name: string): VCardContact[] {
  const parsed = parseVCards(fixture(name));
  if (!parsed.ok) throw new Error(`${name} is not a vCard: ${parsed.problems[0]?.message}`);
  return parsed.value.entries.map((entry) => {
    if (!entry.ok) throw new Error(`${name}: ${entry.reason}`);
    return entry.contact;
  });
}

/** Name and phone numbers of each card: what an import shows first. */
const namesAndPhones = (contacts: VCardContact[]) =>
  contacts.map((contact) => [contact.name, ...contact.phones.map((phone) => phone.value)]);

describe('vCard fixtures', () => {
  test('google-contacts-export.vcf: item1.TEL takes its X-ABLabel as a type', () => {
    const contacts = contactsOf('google-contacts-export.vcf');
    expect(namesAndPhones(contacts)).toEqual([
      ['Amara Okafor', '+44 7700 900123', '+44 20 7946 0018'],
      ['Lukas Brandt', '+49 151 23456789'],
      ['Priya Raman', '+91 98765 43210'],
    ]);
    expect(contacts[0]?.phones.map((phone) => phone.types)).toEqual([['cell'], ['studio']]);
    expect(contacts[0]?.note).toBe('Met at the pottery fair, stall 12');
    expect(contacts[1]).toMatchObject({
      emails: ['lukas@brandt.example'],
      urls: ['https://lukasbrandt.example.org'],
    });
    expect(contacts[2]?.phones[0]?.types).toEqual(['work mobile']);
  });

  test('apple-icloud-export.vcf: escaped text is read and the photo leaks into no field', () => {
    const contacts = contactsOf('apple-icloud-export.vcf');
    expect(namesAndPhones(contacts)).toEqual([
      ['Sofia Marie Lindqvist', '+46 70 123 45 67', '+46 8 123 456 78'],
      ['Mateo Rossi', '(415) 555-0142'],
    ]);
    expect(contacts[0]).toMatchObject({
      org: 'Nordlys Design AB, Studio',
      note: 'Climbing gym, Tuesdays; likes rye bread\nAsk about the Lisbon trip',
      emails: ['sofia@nordlys.example'],
      urls: ['https://nordlys.example/sofia', 'x-apple:sofia.draws'],
    });
    expect(contacts[1]).toMatchObject({ org: 'Trattoria da Gino, Milano', urls: ['skype:mateo.rossi'] });
    const everyValue = JSON.stringify(contacts);
    expect(everyValue).not.toContain('/9j/');
    expect(everyValue.length).toBeLessThan(1_000);
  });

  test('android-2.1-quoted-printable.vcf: UTF-8 names and a note whose soft break splits a character', () => {
    const contacts = contactsOf('android-2.1-quoted-printable.vcf');
    expect(namesAndPhones(contacts)).toEqual([
      ['José Müller', '+34 612 34 56 78', '+34 91 123 45 67'],
      ['田中 花子', '+81 90-1234-5678'],
      ['Søren Østergaard', '+45 32 12 34 56'],
    ]);
    expect(contacts[0]?.note).toBe(
      'Conocido en Sevilla, hablamos de fútbol y de la paella de su abuela. Quiere ir a la playa en agosto.',
    );
    expect(contacts[1]?.phones[0]?.types).toEqual(['cell', 'pref']);
  });

  test('vcard-2.1-latin1.vcf: ISO-8859-1 quoted-printable', () => {
    const contacts = contactsOf('vcard-2.1-latin1.vcf');
    expect(namesAndPhones(contacts)).toEqual([
      ['Renée Lefèvre', '+33 1 42 68 53 00', '+33 6 12 34 56 78'],
      ['Jürgen Groß', '+49 30 1234567'],
    ]);
    expect(contacts[0]?.org).toBe('Café de la Gare');
  });

  test('vcard-4.0-tel-uri.vcf: tel: URIs lose the scheme and keep their extension', () => {
    const contacts = contactsOf('vcard-4.0-tel-uri.vcf');
    expect(namesAndPhones(contacts)).toEqual([
      ['Nia Thompson', '+1-555-010-4477', '+1-555-010-9900;ext=204'],
      ['Dev Patel', '+44-20-7946-0321'],
    ]);
    expect(contacts[0]?.phones.map((phone) => phone.types)).toEqual([['cell', 'voice'], ['work']]);
    expect(contacts[0]?.urls).toEqual(['xmpp:nia@example.com', 'https://nia.example.net']);
  });

  test('folded-lines-lf.vcf: LF line ends with tab and space folds', () => {
    const contacts = contactsOf('folded-lines-lf.vcf');
    expect(namesAndPhones(contacts)).toEqual([
      ['Oluwaseun Adeyemi-Clarke', '+234 803 123 4567'],
      ['Ines Carvalho', '+351 21 345 6789'],
    ]);
    expect(contacts[0]?.emails).toEqual(['seun@adeyemi-clarke.example.ng']);
  });

  test('several-numbers.vcf: every TEL style of one card, with its types', () => {
    const [contact] = contactsOf('several-numbers.vcf');
    expect(contact?.phones).toEqual([
      { value: '+233 24 123 4567', types: ['cell'] },
      { value: '+233 20 765 4321', types: ['cell'] },
      { value: '+233 30 221 0000', types: ['home', 'voice'] },
      { value: '+233 50 111 2222', types: ['church office'] },
      { value: '+233 30 299 9999', types: ['work', 'fax'] },
      { value: '0302 555 777', types: [] },
    ]);
  });

  test('mixed-good-and-bad-cards.vcf: the two bad cards are reported, the three good ones kept', () => {
    const parsed = parseVCards(fixture('mixed-good-and-bad-cards.vcf'));
    expect(parsed.ok && parsed.value.entries).toEqual([
      {
        ok: true,
        index: 0,
        contact: {
          name: 'Hana Kobayashi',
          phones: [{ value: '+81 80-2222-3333', types: ['cell'] }],
          emails: [],
          urls: [],
        },
      },
      { ok: false, index: 1, reason: 'card 2 has no name, phone or email' },
      {
        ok: true,
        index: 2,
        contact: { name: 'Tomás Ortega', phones: [], emails: ['tomas.ortega@example.mx'], urls: [] },
      },
      { ok: false, index: 3, reason: 'card 4 has no name, phone or email' },
      { ok: true, index: 4, contact: { name: '', phones: [], emails: ['zoe.w@example.org'], urls: [] } },
    ]);
  });

  test('bom-and-lowercase.vcf: a byte order mark, lowercase names and mixed line ends', () => {
    expect(namesAndPhones(contactsOf('bom-and-lowercase.vcf'))).toEqual([
      ['Greta Halvorsen', '+47 912 34 567'],
      ['Jean Baptiste', '+33 4 91 00 11 22'],
    ]);
  });

  test('missing-final-end.vcf: the last card is kept without its END:VCARD', () => {
    expect(namesAndPhones(contactsOf('missing-final-end.vcf'))).toEqual([
      ['Aiyana Redcloud', '+1 406 555 0199'],
      ['Bartholomew Quist', '+1 406 555 0123'],
    ]);
  });

  test('not-a-vcard.csv: refused as a whole, naming the file', () => {
    const parsed = parseVCards(fixture('not-a-vcard.csv'));
    expect(parsed.ok === false && parsed.problems.map((problem) => problem.field)).toEqual(['file']);
  });

  test('an 8-bit Latin-1 file, as old phones wrote it, is read through decodeVCardBytes', () => {
    const bytes = Buffer.from(
      'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Åsa Öberg\r\nTEL;CELL:+46 70 765 43 21\r\nEND:VCARD\r\n',
      'latin1',
    );
    const parsed = parseVCards(decodeVCardBytes(new Uint8Array(bytes)));
    expect(parsed.ok && parsed.value.entries[0]).toMatchObject({ ok: true, contact: { name: 'Åsa Öberg' } });
  });
});
