import QRCode from 'qrcode';

/**
 * Where a QR code is drawn: `svg` for pages and the API; `terminal` for a colour terminal (dark on a
 * forced light background, two rows per line); `text` for anywhere else (no escape codes).
 */
export type QrTarget = 'svg' | 'terminal' | 'text';

/** Error correction M: readable with a smudge or a cracked screen, still a small code. */
const ERROR_CORRECTION = 'M';

/** Draws `text` as a QR code. */
export async function renderQr(text: string, target: QrTarget): Promise<string> {
  if (target === 'svg') return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: ERROR_CORRECTION });
  if (target === 'terminal')
    return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: ERROR_CORRECTION });
  return QRCode.toString(text, { type: 'utf8', errorCorrectionLevel: ERROR_CORRECTION });
}

/** The QR code of `text` as rows of modules (true is dark), without the quiet zone: for checks and figures. */
export function qrMatrix(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => Boolean(modules.get(row, col))),
  );
}
