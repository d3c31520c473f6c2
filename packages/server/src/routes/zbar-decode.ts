import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The text of the one QR code in a PNG, as ZBar's zbarimg (Debian's zbar-tools) reads it: a strict
 * reader that takes bytes without an ECI designator for Shift JIS or Latin-1, not UTF-8.
 */
export function zbarDecode(png: Buffer): string {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-zbar-'));
  try {
    const file = join(folder, 'code.png');
    writeFileSync(file, png);
    let output: string;
    try {
      output = execFileSync('zbarimg', ['--quiet', '--raw', '-Sqrcode.enable', file], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 20_000,
      });
    } catch (error: unknown) {
      if ((error as { code?: string }).code === 'ENOENT')
        throw new Error("zbarimg is missing: install Debian's zbar-tools (.ci/run does)");
      throw error;
    }
    // --raw ends each symbol with a newline of its own
    return output.endsWith('\n') ? output.slice(0, -1) : output;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
