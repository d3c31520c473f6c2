import { describe, expect, test } from 'vitest';
import { renumberReason, splitVcfIntoBatches } from './import-vcf-batches.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const card = (name: string, end = 'END:VCARD') => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\n${end}\r\n`;
const texts = async (bytes: Uint8Array, size?: number) =>
  Promise.all(
    splitVcfIntoBatches(bytes, size).map(async (batch) => ({ ...batch, text: await batch.body.text() })),
  );

describe('splitVcfIntoBatches', () => {
  test('cuts 450 cards into whole batches of 200, 200 and 50, numbered from the file start', async () => {
    const file = Array.from({ length: 450 }, (_, index) => card(`Person ${index}`)).join('');
    const batches = await texts(encode(file));
    expect(batches.map((batch) => [batch.firstIndex, batch.cards])).toEqual([
      [0, 200],
      [200, 200],
      [400, 50],
    ]);
    expect(batches.map((batch) => batch.text).join('')).toBe(file);
    expect(batches[1]?.text.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person 200\r\n')).toBe(true);
    for (const batch of batches) expect(batch.text.endsWith('END:VCARD\r\n')).toBe(true);
  });

  test('reads END:VCARD in any case, with LF line ends and spaces around it', async () => {
    const file = `${card('Ada', 'end:vcard')}${card('Bo', '  End:VCard ')}`.replaceAll('\r\n', '\n');
    const batches = await texts(encode(file), 1);
    expect(batches.map((batch) => batch.cards)).toEqual([1, 1]);
    expect(batches[1]?.text).toContain('FN:Bo');
  });

  test('keeps a note that merely mentions END:VCARD inside its card', async () => {
    const file = `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy\r\nNOTE:typed END:VCARD here\r\nEND:VCARD\r\n${card('Di')}`;
    const batches = await texts(encode(file), 1);
    expect(batches.map((batch) => batch.text)).toEqual([file.slice(0, file.indexOf('BEGIN', 5)), card('Di')]);
  });

  test('sends text after the last card with the last batch, not as a batch of its own', async () => {
    const file = `${card('Ed')}${card('Flo')}BEGIN:VCARD\r\nFN:Half`;
    const batches = await texts(encode(file), 2);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.text).toBe(file);
  });

  test('a file with no card at all is one batch of 0, for the server to explain', async () => {
    const batches = await texts(encode('not a vcard'));
    expect(batches.map((batch) => [batch.cards, batch.text])).toEqual([[0, 'not a vcard']]);
  });

  test('leaves the bytes of other charsets as they were', async () => {
    const latin1 = Uint8Array.from([
      ...encode('BEGIN:VCARD\r\nFN:J'),
      0xfc,
      ...encode('rgen\r\nEND:VCARD\r\n'),
    ]);
    const batches = splitVcfIntoBatches(latin1);
    expect(batches).toHaveLength(1);
    const sent = new Blob(batches.map((batch) => batch.body));
    expect(new Uint8Array(await sent.arrayBuffer())).toEqual(latin1);
  });
});

describe('renumberReason', () => {
  test('counts the card from the start of the file, as people do', () => {
    expect(renumberReason('card 118 has no name, phone or email', 317)).toBe(
      'card 318 has no name, phone or email',
    );
    expect(renumberReason('the file ended inside a card', 4)).toBe('the file ended inside a card');
  });
});
