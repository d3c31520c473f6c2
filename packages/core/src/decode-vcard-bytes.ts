/** Bytes of .vcf files and of their encoded values (quoted-printable, base64) to text. */

/** Bytes of a quoted-printable value, in one buffer sized up front (no array grown byte by byte). */
export function quotedPrintableBytes(raw: string): Uint8Array {
  // Each UTF-16 unit gives at most 3 bytes (a stray BMP character); a surrogate pair gives 4
  const bytes = new Uint8Array(raw.length * 3);
  let length = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    const byte = code === 61 ? hexDigit(raw.charCodeAt(i + 1)) * 16 + hexDigit(raw.charCodeAt(i + 2)) : -1;
    if (byte >= 0) {
      bytes[length++] = byte;
      i += 2;
    } else if (code === 61 && i === raw.length - 1) {
      // a soft line break with nothing after it
    } else if (code < 0x80) bytes[length++] = code;
    else {
      // A stray non-ASCII character (the exporter forgot to encode it): keep it as its UTF-8 bytes
      const point = raw.codePointAt(i) ?? code;
      if (point > 0xffff) i++;
      length = writeUtf8(point, bytes, length);
    }
  }
  return bytes.subarray(0, length);
}

/** 0–15, or a negative number large enough that a byte built from it stays negative. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -256;
}

/** Writes a code point's UTF-8 bytes at `at`; answers where the next byte goes. */
function writeUtf8(point: number, bytes: Uint8Array, at: number): number {
  let next = at;
  if (point < 0x800) {
    bytes[next++] = 0xc0 | (point >> 6);
  } else if (point < 0x10000) {
    bytes[next++] = 0xe0 | (point >> 12);
    bytes[next++] = 0x80 | ((point >> 6) & 0x3f);
  } else {
    bytes[next++] = 0xf0 | (point >> 18);
    bytes[next++] = 0x80 | ((point >> 12) & 0x3f);
    bytes[next++] = 0x80 | ((point >> 6) & 0x3f);
  }
  bytes[next++] = 0x80 | (point & 0x3f);
  return next;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Bytes(raw: string): Uint8Array {
  const bytes = new Uint8Array(Math.ceil((raw.length * 3) / 4));
  let length = 0;
  let bits = 0;
  let buffer = 0;
  for (const char of raw) {
    const sextet = BASE64.indexOf(char);
    if (sextet === -1) continue; // whitespace, padding and line breaks carry no bits
    buffer = ((buffer << 6) | sextet) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, length);
}

/** Bytes to text in the card's CHARSET; unlabelled bytes that are not valid UTF-8 are read as Latin-1. */
export function decodeBytes(bytes: ArrayLike<number>, charset: string): string {
  if (/8859-1|LATIN|1252|ASCII/.test(charset)) return decodeLatin1(bytes);
  return decodeUtf8(bytes) ?? decodeLatin1(bytes);
}

function decodeLatin1(bytes: ArrayLike<number>): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    text += String.fromCharCode(...Array.prototype.slice.call(bytes, i, i + 4096));
  }
  return text;
}

/** The platform's strict UTF-8 decoder (Node and every browser have one): native, so linear and fast. */
const NativeDecoder = (
  globalThis as {
    TextDecoder?: new (
      label: string,
      options: { fatal: boolean; ignoreBOM: boolean },
    ) => { decode(bytes: Uint8Array): string };
  }
).TextDecoder;
const nativeUtf8 = NativeDecoder ? new NativeDecoder('utf-8', { fatal: true, ignoreBOM: true }) : undefined;

/** Strict UTF-8: undefined on any malformed, overlong or surrogate sequence. */
function decodeUtf8(bytes: ArrayLike<number>): string | undefined {
  if (nativeUtf8) {
    try {
      return nativeUtf8.decode(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
    } catch (_error: unknown) {
      return undefined; // not UTF-8: the caller falls back to Latin-1
    }
  }
  return decodeUtf8Slowly(bytes);
}

function decodeUtf8Slowly(bytes: ArrayLike<number>): string | undefined {
  let text = '';
  const points: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i] ?? 0;
    const extra =
      lead < 0x80 ? 0 : lead < 0xc2 ? -1 : lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : lead < 0xf5 ? 3 : -1;
    if (extra === -1 || i + extra >= bytes.length) return undefined;
    let point = extra === 0 ? lead : lead & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k] ?? 0;
      if ((next & 0xc0) !== 0x80) return undefined;
      point = (point << 6) | (next & 0x3f);
    }
    const overlong = (extra === 2 && point < 0x800) || (extra === 3 && point < 0x10000);
    if (overlong || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return undefined;
    points.push(point);
    i += extra + 1;
    if (points.length === 4096) text += String.fromCodePoint(...points.splice(0));
  }
  return text + String.fromCodePoint(...points);
}

/**
 * Turns the bytes of an uploaded .vcf into text: UTF-16 when it starts with a UTF-16 byte order
 * mark (Outlook), else UTF-8, else Latin-1 (old phones that wrote 8-bit text without saying so).
 * @example parseVCards(decodeVCardBytes(new Uint8Array(await file.arrayBuffer())))
 */
export function decodeVCardBytes(bytes: Uint8Array): string {
  const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (bigEndian || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    let text = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) {
      const [high, low] = bigEndian ? [bytes[i], bytes[i + 1]] : [bytes[i + 1], bytes[i]];
      text += String.fromCharCode(((high ?? 0) << 8) | (low ?? 0));
    }
    return text;
  }
  return decodeUtf8(bytes) ?? decodeLatin1(bytes);
}
