import { base64Bytes, decodeBytes, quotedPrintableBytes } from './decode-vcard-bytes.ts';
import type { Parsed } from './domain-error.ts';

/** One usable card. Phones are raw as written (not E.164 yet); types are lowercased. */
export interface VCardContact {
  /** FN, else built from N (given, middle, family), else ORG; '' when the card has only phones or emails. */
  name: string;
  phones: { value: string; types: string[] }[];
  emails: string[];
  org?: string;
  note?: string;
  /** URL, X-SOCIALPROFILE and IMPP values. */
  urls: string[];
}

/** One card of the file by its 0-based position: the contact, or why the card cannot be used. */
export type VCardEntry =
  | { ok: true; index: number; contact: VCardContact }
  | { ok: false; index: number; reason: string };

export interface VCardParse {
  entries: VCardEntry[];
}

const NOT_A_VCARD = 'this file is not a vCard: it has no BEGIN:VCARD line (export contacts as .vcf)';

/** The properties we read. Every other one, PHOTO included, is skipped along with its folded lines. */
const READ = new Set([
  'FN',
  'N',
  'ORG',
  'NOTE',
  'TEL',
  'EMAIL',
  'URL',
  'X-SOCIALPROFILE',
  'IMPP',
  'X-ABLABEL',
]);

interface CardDraft {
  index: number;
  fn: string;
  nameFromN: string;
  org: string | undefined;
  note: string | undefined;
  phones: { value: string; types: string[]; group: string }[];
  emails: string[];
  urls: string[];
  /** Apple and Google put a phone's label on a sibling line: `item1.X-ABLabel:Studio`. */
  labels: Map<string, string>;
}

/**
 * Reads every card of a .vcf file (2.1, 3.0 or 4.0, as phones, Google and Apple export them).
 * A card that cannot be used becomes an `ok: false` entry and never spoils the others.
 * @example
 * const parsed = parseVCards('BEGIN:VCARD\r\nFN:Ana Ruiz\r\nTEL;TYPE=CELL:+34 600 11 22 33\r\nEND:VCARD\r\n');
 * // parsed.ok && parsed.value.entries[0] → { ok: true, index: 0, contact: { name: 'Ana Ruiz',
 * //   phones: [{ value: '+34 600 11 22 33', types: ['cell'] }], emails: [], urls: [] } }
 */
export function parseVCards(input: string): Parsed<VCardParse> {
  const entries: VCardEntry[] = [];
  const cards = readVCards(input);
  for (let next = cards.next(); ; next = cards.next()) {
    if (next.done) return next.value === 0 ? notAVCard() : { ok: true, value: { entries } };
    entries.push(next.value);
  }
}

/** Continuation lines gathered before they are joined onto the value being unfolded. */
const JOIN_EVERY = 1024;

/**
 * The cards of a .vcf file one by one, as `parseVCards` reads them; answers how many cards there
 * were. Linear in the input, so a caller can read a file of any size in slices and let other work
 * run between them.
 */
export function* readVCards(input: string): Generator<VCardEntry, number, undefined> {
  // Classic Mac OS ended lines with CR alone
  const text = input.includes('\n') ? input : input.replaceAll('\r', '\n');
  let card: CardDraft | undefined;
  let cards = 0;
  // The logical line being unfolded, only for properties we read: skipped ones never build a string.
  // Its last physical line is kept apart (`tail`) so that a soft break drops that line's '=' without
  // copying everything before it: each line is appended once, and the whole stays linear.
  let pending: string | undefined;
  const pieces: string[] = [];
  let tail = '';
  let quotedPrintable = false;
  let softBreak = false; // quoted-printable line ended with '=': the next physical line continues it
  let bareBase64 = false; // 2.1 base64 may continue on unindented lines, up to a blank line
  let nextColon = -1;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const lineStart = start;
    start = end + 1;
    if (end > lineStart && text.charCodeAt(end - 1) === 13) end--;
    if (end === lineStart) {
      bareBase64 = false;
      softBreak = false;
      continue;
    }
    const first = text.charCodeAt(lineStart);
    if (bareBase64 && nextColon < lineStart) nextColon = text.indexOf(':', lineStart) >>> 0;
    // A buggy exporter may end a quoted-printable value with '=': END:VCARD still ends the card
    const continuesValue = softBreak && !/^END:VCARD\s*$/i.test(text.slice(lineStart, end));
    if (first === 32 || first === 9 || continuesValue || (bareBase64 && nextColon >= end)) {
      if (pending !== undefined) {
        pieces.push(softBreak ? tail.slice(0, -1) : tail);
        // Joined a thousand at a time: a chain of millions of short strings would keep the garbage
        // collector copying it, and a value of many lines would cost more than linear time.
        if (pieces.length === JOIN_EVERY) pending += pieces.splice(0).join('');
        tail = softBreak ? text.slice(lineStart, end) : text.slice(lineStart + 1, end);
      }
      softBreak = quotedPrintable && text.charCodeAt(end - 1) === 61;
      continue;
    }
    if (card && pending !== undefined) readProperty(card, pending + pieces.splice(0).join('') + tail);
    pending = undefined;
    pieces.length = 0;
    quotedPrintable = softBreak = bareBase64 = false;
    const line = text.slice(lineStart, end);
    const marker = line.length <= 16 ? line.trimEnd().toUpperCase() : '';
    if (marker === 'BEGIN:VCARD') {
      if (card) yield broken(card.index, 'has no END:VCARD before the next BEGIN:VCARD');
      card = newCard(cards++);
    } else if (marker === 'END:VCARD') {
      if (card) yield finishCard(card);
      card = undefined;
    } else if (card) {
      let nameEnd = 0;
      while (nameEnd < line.length) {
        const code = line.charCodeAt(nameEnd);
        if (code === 58 || code === 59) break;
        nameEnd++;
      }
      const head = line.slice(0, nameEnd);
      if (READ.has(head.slice(head.indexOf('.') + 1).toUpperCase())) {
        pending = '';
        tail = line;
      }
      const colon = line.indexOf(':', nameEnd);
      if (colon > nameEnd) {
        const params = line.slice(nameEnd, colon).toUpperCase();
        quotedPrintable = params.includes('QUOTED-PRINTABLE');
        softBreak = quotedPrintable && line.charCodeAt(line.length - 1) === 61;
        bareBase64 = pending === undefined && (params.includes('BASE64') || params.includes('ENCODING=B'));
      }
    }
  }
  if (card) {
    if (pending !== undefined) readProperty(card, pending + pieces.join('') + tail);
    yield finishCard(card); // a missing final END:VCARD is common enough to forgive
  }
  return cards;
}

/** The answer for a file without a single card. */
export function notAVCard(): Extract<Parsed<never>, { ok: false }> {
  return { ok: false, problems: [{ field: 'file', message: NOT_A_VCARD }] };
}

function newCard(index: number): CardDraft {
  return {
    index,
    fn: '',
    nameFromN: '',
    org: undefined,
    note: undefined,
    phones: [],
    emails: [],
    urls: [],
    labels: new Map(),
  };
}

function broken(index: number, why: string): VCardEntry {
  return { ok: false, index, reason: `card ${index + 1} ${why}` };
}

function finishCard(card: CardDraft): VCardEntry {
  const name = card.fn || card.nameFromN || card.org || '';
  if (!name && card.phones.length === 0 && card.emails.length === 0) {
    return broken(card.index, 'has no name, phone or email');
  }
  const phones = card.phones.map(({ value, types, group }) => {
    const label = card.labels.get(group);
    return { value, types: label && !types.includes(label) ? [...types, label] : types };
  });
  const contact: VCardContact = { name, phones, emails: card.emails, urls: card.urls };
  if (card.org) contact.org = card.org;
  if (card.note !== undefined) contact.note = card.note;
  return { ok: true, index: card.index, contact };
}

/** Reads one unfolded line `group.NAME;PARAM=x;BARE:value` into the card. */
function readProperty(card: CardDraft, line: string): void {
  const segments: string[] = [];
  let segmentStart = 0;
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length && colon === -1; i++) {
    const code = line.charCodeAt(i);
    if (code === 34) quoted = !quoted;
    else if (!quoted && (code === 59 || code === 58)) {
      segments.push(line.slice(segmentStart, i));
      segmentStart = i + 1;
      if (code === 58) colon = i;
    }
  }
  if (colon === -1) {
    // An unbalanced quote in the parameters: fall back to the first colon
    colon = line.indexOf(':');
    if (colon === -1) return;
    segments.splice(0, segments.length, ...line.slice(0, colon).split(';'));
  }
  const head = segments[0] ?? '';
  const dot = head.indexOf('.');
  const group = dot === -1 ? '' : head.slice(0, dot).toUpperCase();
  const name = head.slice(dot + 1).toUpperCase();
  const types: string[] = [];
  let encoding = '';
  let charset = '';
  let isUri = false;
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const eq = segment.indexOf('=');
    const key = eq === -1 ? '' : segment.slice(0, eq).trim().toUpperCase();
    const value = segment
      .slice(eq + 1)
      .replaceAll('"', '')
      .trim();
    const upper = value.toUpperCase();
    if (
      key === 'ENCODING' ||
      (key === '' && ['QUOTED-PRINTABLE', 'BASE64', '8BIT', '7BIT'].includes(upper))
    ) {
      encoding = upper;
    } else if (key === 'CHARSET') charset = upper;
    else if (key === 'VALUE') isUri = upper === 'URI';
    else if (key === 'TYPE' || key === '') {
      for (const type of value.split(',')) if (type.trim()) types.push(type.trim().toLowerCase());
    }
  }
  let raw = line.slice(colon + 1);
  if (encoding === 'QUOTED-PRINTABLE') raw = decodeBytes(quotedPrintableBytes(raw), charset);
  else if (encoding === 'BASE64' || encoding === 'B') raw = decodeBytes(base64Bytes(raw), charset);
  switch (name) {
    case 'FN':
      card.fn = unescapeText(raw).trim();
      break;
    case 'N': {
      const [family = '', given = '', middle = ''] = splitStructured(raw);
      card.nameFromN = [given, middle, family].filter((part) => part !== '').join(' ');
      break;
    }
    case 'ORG':
      card.org = splitStructured(raw)
        .filter((part) => part !== '')
        .join(', ');
      break;
    case 'NOTE':
      card.note = card.note === undefined ? unescapeText(raw) : `${card.note}\n${unescapeText(raw)}`;
      break;
    case 'TEL': {
      let value = unescapeText(raw).trim();
      if (isUri || value.toLowerCase().startsWith('tel:')) value = telUriNumber(value);
      if (value) card.phones.push({ value: value.trim(), types, group });
      break;
    }
    case 'EMAIL': {
      const value = unescapeText(raw)
        .trim()
        .replace(/^mailto:/i, '');
      if (value) card.emails.push(value);
      break;
    }
    case 'X-ABLABEL': {
      // Apple wraps its built-in labels: _$!<Mobile>!$_
      const label = unescapeText(raw).replace('_$!<', '').replace('>!$_', '').trim().toLowerCase();
      if (label && group) card.labels.set(group, label);
      break;
    }
    default: {
      const value = unescapeText(raw).trim();
      if (value) card.urls.push(value);
    }
  }
}

/** Splits a structured value (N, ORG) at unescaped ';' and unescapes each part. */
function splitStructured(raw: string): string[] {
  const parts: string[] = [];
  let partStart = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 92) i++;
    else if (code === 59) {
      parts.push(unescapeText(raw.slice(partStart, i)).trim());
      partStart = i + 1;
    }
  }
  parts.push(unescapeText(raw.slice(partStart)).trim());
  return parts;
}

function unescapeText(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(.?)/gs, (_, next: string) => (next === 'n' || next === 'N' ? '\n' : next));
}

/**
 * The number of a tel: URI (RFC 3966) and its extension, as `number;ext=123`; its other parameters
 * (phone-context=, isub=) say nothing a stored number keeps.
 */
function telUriNumber(uri: string): string {
  const [number = '', ...parameters] = uri.replace(/^tel:/i, '').split(';');
  const extension = parameters.find((parameter) => /^ext=./i.test(parameter));
  return extension ? `${number};ext=${extension.slice(4)}` : number;
}
