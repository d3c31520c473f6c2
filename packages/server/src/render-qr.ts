/// <reference path="./qrcode-renderers.d.ts" />
import { Ecc, QrCode, QrSegment } from '@sec-ant/qr-code-generator';
import QRCode from 'qrcode';
import * as svgRenderer from 'qrcode/lib/renderer/svg-tag.js';
import * as terminalRenderer from 'qrcode/lib/renderer/terminal.js';
import * as textRenderer from 'qrcode/lib/renderer/utf8.js';

/**
 * Where a QR code is drawn: `svg` for pages and the API; `terminal` for a colour terminal (dark on a
 * forced light background, two rows per line); `text` for anywhere else (no escape codes).
 */
export type QrTarget = 'svg' | 'terminal' | 'text';

/** Error correction M: readable with a smudge or a cracked screen, still a small code. */
const ERROR_CORRECTION = 'M';

/** ECI assignment number 26: the bytes that follow are UTF-8 (ISO/IEC 18004, AIM ECI). */
const ECI_UTF8 = 26;

/** Draws `text` as a QR code. */
export async function renderQr(text: string, target: QrTarget): Promise<string> {
  const symbol = encode(text);
  const options = { errorCorrectionLevel: ERROR_CORRECTION };
  if (target === 'svg') return svgRenderer.render(symbol, options);
  if (target === 'terminal') return terminalRenderer.render(symbol, { ...options, small: true });
  return textRenderer.render(symbol, options);
}

/** The QR code of `text` as rows of modules (true is dark), without the quiet zone: for checks and figures. */
export function qrMatrix(text: string): boolean[][] {
  const { modules } = encode(text);
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => modules.data[row * modules.size + col] === 1),
  );
}

/**
 * ASCII is encoded by the qrcode package, which mixes numeric, alphanumeric and byte segments into
 * the smallest code. Any other text is UTF-8 bytes, and a reader that is not told so guesses: ZBar
 * reads "René" as Shift JIS ("Ren矇"). The qrcode package cannot write the ECI designator that
 * tells it, so such text is encoded here as one ECI 26 segment and one byte segment, at the same
 * error correction (not raised, which would enlarge the code).
 */
function encode(text: string): { modules: { size: number; data: Uint8Array } } {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is exactly U+0000–U+007F
  if (/^[\u0000-\u007f]*$/.test(text)) {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION });
    return { modules: { size: modules.size, data: Uint8Array.from(modules.data, (dark) => (dark ? 1 : 0)) } };
  }
  const segments = [QrSegment.makeEci(ECI_UTF8), QrSegment.makeBytes([...Buffer.from(text, 'utf8')])];
  const symbol = QrCode.encodeSegments(
    segments,
    Ecc.MEDIUM,
    QrCode.MIN_VERSION,
    QrCode.MAX_VERSION,
    -1,
    false,
  );
  const data = new Uint8Array(symbol.size * symbol.size);
  for (let row = 0; row < symbol.size; row++)
    for (let col = 0; col < symbol.size; col++)
      data[row * symbol.size + col] = symbol.getModule(col, row) ? 1 : 0;
  return { modules: { size: symbol.size, data } };
}
