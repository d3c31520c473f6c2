import fc from 'fast-check';
import { expect, test } from 'vitest';
import { nameProblem } from './name-problem.ts';

const INVISIBLE = [
  '\u200B', // zero width space
  '\u200C\u200D', // zero width non-joiner, joiner
  '\u2060', // word joiner
  '\uFEFF', // byte order mark
  '\u00AD', // soft hyphen
  '\u3164', // Hangul filler
  '\u2800', // braille blank
  '\u180E', // Mongolian vowel separator
  ' \u00A0\u3000 ', // spaces of several kinds
  '\u200E\u200F', // left-to-right and right-to-left marks
];
const BIDI_CONTROLS = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];

test('a name of invisible characters only is refused, saying a visible character is needed', () => {
  for (const name of INVISIBLE) {
    expect(nameProblem(name), JSON.stringify(name)).toMatch(/visible/);
    expect(nameProblem(`${name}${name}`), JSON.stringify(name)).toMatch(/visible/);
  }
});

test('a name carrying a text-direction override or isolate is refused, naming the controls', () => {
  for (const control of BIDI_CONTROLS) {
    expect(nameProblem(`Ren${control}é Dupré`)).toMatch(/text-direction/);
    expect(nameProblem(`${control}evil.exe`)).toMatch(/U\+202A–U\+202E, U\+2066–U\+2069/);
  }
});

test('names as people write them pass, joiners and marks inside them included', () => {
  const names = [
    'René Dupré',
    'Zoë O’Brien-Łukasiewicz',
    'محمد',
    'שרה לוי',
    '李小龍',
    'नमस्ते', // Devanagari with a virama: needs nothing invisible, yet must pass
    'क्‍ष', // with a zero width joiner inside a Devanagari conjunct
    '👩‍👩‍👧', // a family emoji held together by zero width joiners
    'Ana\u200FRuiz', // a right-to-left mark between words is not an override
  ];
  for (const name of names) expect(nameProblem(name), name).toBeUndefined();
});

test('any name with a visible letter and no direction control passes', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom('a', 'Ж', '名', 'é'),
      (text, letter) => {
        const name = `${text}${letter}`.replace(/[\u202A-\u202E\u2066-\u2069]/g, '');
        expect(nameProblem(name)).toBeUndefined();
      },
    ),
  );
});
