/** What we write about a person; phones are E.164 (`+4917012345678`), `;ext=45` after it for an extension. */
export interface VCardInput {
  name: string;
  phones?: string[];
  emails?: string[];
  note?: string;
  urls?: string[];
  org?: string;
  uid?: string;
}

/** 4.0 for exports; 3.0 for offline QR codes, which older phones read. */
export type VCardVersion = '4.0' | '3.0';

/** RFC 6350 §3.2: lines longer than 75 octets, CRLF excluded, are folded. */
const MAX_LINE_OCTETS = 75;

/**
 * Writes one card (RFC 6350): CRLF line endings, escaped text, lines folded at 75 UTF-8 octets.
 * @example
 * formatVCard({ name: 'Ana Ruiz', phones: ['+34600112233'] })
 * // 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Ruiz\r\nN:Ruiz;Ana;;;\r\n'
 * // + 'TEL;VALUE=uri;TYPE=cell:tel:+34600112233\r\nEND:VCARD\r\n'
 */
export function formatVCard(contact: VCardInput, version: VCardVersion = '4.0'): string {
  // 4.0 escapes ';' only in compound values (N, ORG): strict 4.0 readers keep '\;' in FN as is.
  // 3.0 escapes it in every text value.
  const text = (value: string) => escapeText(value, version === '3.0');
  const compound = (value: string) => escapeText(value, true);
  const lines = [
    'BEGIN:VCARD',
    `VERSION:${version}`,
    `FN:${text(contact.name)}`,
    `N:${formatN(contact.name)}`,
  ];
  for (const phone of contact.phones ?? []) {
    // RFC 3966 characters only: the number, and `;ext=` with an extension. A 3.0 TEL is a
    // phone-number value, not text, so its ';' is not escaped either.
    const number = phone.replace(/[^0-9A-Za-z+*#().;=-]/g, '');
    lines.push(version === '4.0' ? `TEL;VALUE=uri;TYPE=cell:tel:${number}` : `TEL;TYPE=CELL:${number}`);
  }
  for (const email of contact.emails ?? []) lines.push(`EMAIL:${text(email)}`);
  if (contact.note !== undefined) lines.push(`NOTE:${text(contact.note)}`);
  // URIs are not text: RFC 6350 does not escape them, but they may hold no whitespace at all
  for (const url of contact.urls ?? []) lines.push(`URL:${cleanText(url).replace(/\s/g, '')}`);
  if (contact.org !== undefined) lines.push(`ORG:${compound(contact.org)}`);
  if (contact.uid !== undefined) lines.push(`UID:${cleanText(contact.uid).replace(/\s/g, '')}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('');
}

/**
 * Writes several cards into one .vcf text.
 * @example formatVCards([{ name: 'Ana Ruiz' }, { name: 'Ben Okoro' }]) // two BEGIN:VCARD…END:VCARD blocks
 */
export function formatVCards(contacts: readonly VCardInput[], version: VCardVersion = '4.0'): string {
  return contacts.map((contact) => formatVCard(contact, version)).join('');
}

/** N is family;given;additional;prefix;suffix. We only hold one name, so guess: the last word is the family. */
function formatN(name: string): string {
  const words = cleanText(name).trim().split(/\s+/).filter(Boolean);
  const family = words.length > 1 ? (words.pop() ?? '') : '';
  return `${escapeText(family, true)};${escapeText(words.join(' '), true)};;;`;
}

/** Control characters other than tab and newlines are not allowed in a vCard; lone surrogates have no UTF-8. */
function cleanText(value: string): string {
  return value.replace(/(?![\t\n\r])\p{Cc}/gu, '').replace(/\p{Cs}/gu, '\uFFFD');
}

function escapeText(value: string, semicolons: boolean): string {
  return cleanText(value).replace(semicolons ? /\r\n|[\r\n\\,;]/g : /\r\n|[\r\n\\,]/g, (char) =>
    char === '\\' || char === ',' || char === ';' ? `\\${char}` : '\\n',
  );
}

/** Folds at 75 octets without splitting a UTF-8 sequence; each continuation starts with one space. */
function foldLine(line: string): string {
  let folded = '';
  let from = 0;
  let octets = 0;
  for (let i = 0; i < line.length; ) {
    const point = line.codePointAt(i) ?? 0;
    const width = point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    if (octets + width > MAX_LINE_OCTETS) {
      folded += `${line.slice(from, i)}\r\n `;
      from = i;
      octets = 1;
    }
    octets += width;
    i += point > 0xffff ? 2 : 1;
  }
  return `${folded}${line.slice(from)}\r\n`;
}
