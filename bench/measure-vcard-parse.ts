import { parseVCards } from '../packages/core/src/index.ts';
import { generateCards } from '../packages/server/src/routes/generate-cards.ts';

export interface ParseScaling {
  input: string;
  /** Median milliseconds to parse the input once, and the same input ten times over. */
  onceMs: number;
  tenTimesMs: number;
}

/** One card whose value is made of `lines` physical lines of the given kind. */
const ADVERSARIAL: Record<string, (lines: number) => string> = {
  'quoted-printable soft breaks': (lines) =>
    `BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE:${'caf=C3=A9 =\r\n'.repeat(lines)}end\r\nEND:VCARD\r\n`,
  'folded lines': (lines) =>
    `BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:start${'\r\n  folded'.repeat(lines)}\r\nEND:VCARD\r\n`,
  'huge PHOTO': (lines) =>
    `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Photo\r\nPHOTO;ENCODING=b;TYPE=JPEG:${'\r\n '.concat('A'.repeat(72)).repeat(lines)}\r\nEND:VCARD\r\n`,
  'bare 2.1 base64 PHOTO': (lines) =>
    `BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Photo\r\nPHOTO;BASE64:\r\n${`${'A'.repeat(76)}\r\n`.repeat(lines)}\r\nEND:VCARD\r\n`,
};

function medianMs(run: () => void, times: number): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0;
}

/** parseVCards at 1x and 10x input: ordinary cards, and single cards built to be slow. */
export function measureVCardParse(): ParseScaling[] {
  const cases: [string, (scale: number) => string][] = [
    ['10,000 ordinary cards', (scale) => generateCards(10_000 * scale)],
    ...Object.entries(ADVERSARIAL).map(
      ([name, build]) =>
        [`${name} (50,000 lines)`, (scale: number) => build(50_000 * scale)] as [
          string,
          (scale: number) => string,
        ],
    ),
  ];
  return cases.map(([input, build]) => {
    const once = build(1);
    const tenTimes = build(10);
    parseVCards(once); // warm up
    return {
      input,
      onceMs: medianMs(() => parseVCards(once), 5),
      tenTimesMs: medianMs(() => parseVCards(tenTimes), 3),
    };
  });
}
