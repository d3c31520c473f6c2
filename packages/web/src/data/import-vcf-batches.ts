/**
 * Splits a .vcf file into batches of whole cards, so an import can go up in several requests and its
 * progress bar shows cards the server has really stored. The split is done on the bytes, at the line
 * after each END:VCARD, so no card is cut and a file in any ASCII-compatible charset stays as it was.
 */

export interface VcfBatch {
  body: Blob;
  /** 0-based position in the whole file of this batch's first card. */
  firstIndex: number;
  /** Cards in this batch (END:VCARD lines; a file with none is one batch of 0, for the server to judge). */
  cards: number;
}

export const CARDS_PER_BATCH = 200;

const END = 'END:VCARD';
const NEWLINE = 0x0a;

export function splitVcfIntoBatches(bytes: Uint8Array, cardsPerBatch = CARDS_PER_BATCH): VcfBatch[] {
  const batches: VcfBatch[] = [];
  let batchStart = 0;
  let batchFirst = 0;
  let inBatch = 0;
  let total = 0;
  let lineStart = 0;
  for (let at = 0; at <= bytes.length; at += 1) {
    if (at < bytes.length && bytes[at] !== NEWLINE) continue;
    const lineEnd = at < bytes.length ? at + 1 : at;
    if (isEndLine(bytes, lineStart, at)) {
      inBatch += 1;
      total += 1;
      if (inBatch === cardsPerBatch) {
        batches.push({
          body: new Blob([bytes.slice(batchStart, lineEnd)]),
          firstIndex: batchFirst,
          cards: inBatch,
        });
        batchStart = lineEnd;
        batchFirst = total;
        inBatch = 0;
      }
    }
    lineStart = lineEnd;
  }
  // What follows the last full batch: the rest of the cards, or trailing text that goes with the
  // last batch, so the server judges it exactly as it would in one upload.
  const rest = bytes.slice(batchStart);
  const last = batches.at(-1);
  if (inBatch > 0 || !last) batches.push({ body: new Blob([rest]), firstIndex: batchFirst, cards: inBatch });
  else if (hasText(rest)) last.body = new Blob([last.body, rest]);
  return batches;
}

/** Whether bytes[from, to) is an END:VCARD line, ignoring case and surrounding whitespace. */
function isEndLine(bytes: Uint8Array, from: number, to: number): boolean {
  let start = from;
  let end = to;
  while (start < end && isSpace(bytes[start])) start += 1;
  while (end > start && isSpace(bytes[end - 1])) end -= 1;
  if (end - start !== END.length) return false;
  for (let offset = 0; offset < END.length; offset += 1) {
    const byte = bytes[start + offset] ?? 0;
    const upper = byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte;
    if (upper !== END.charCodeAt(offset)) return false;
  }
  return true;
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === NEWLINE;
}

function hasText(bytes: Uint8Array): boolean {
  return bytes.some((byte) => !isSpace(byte));
}

/**
 * A skipped card's reason as the server gave it for its batch ("card 3 has no name…"), renumbered
 * for the whole file, as people count (from 1).
 */
export function renumberReason(reason: string, fileIndex: number): string {
  return reason.replace(/^card \d+/i, `card ${fileIndex + 1}`);
}
