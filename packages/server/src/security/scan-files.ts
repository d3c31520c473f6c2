import { existsSync, readFileSync } from 'node:fs';

/**
 * Searches files byte for byte for each needle, as UTF-8 and as UTF-16LE (SQLite may store either).
 * Answers the bytes read and one line per hit; a missing file (no WAL yet) is read as empty.
 */
export function scanFiles(files: string[], needles: string[]): { bytes: number; hits: string[] } {
  let bytes = 0;
  const hits: string[] = [];
  for (const file of files.filter((path) => existsSync(path))) {
    const content = readFileSync(file);
    bytes += content.length;
    for (const needle of needles) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        if (content.includes(Buffer.from(needle, encoding))) hits.push(`${needle} (${encoding}) in ${file}`);
      }
    }
  }
  return { bytes, hits };
}
