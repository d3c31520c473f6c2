/** `count` real-looking vCard 3.0 cards, each with a German mobile number, an email and a note. */
export function generateCards(count: number, first = 0): string {
  const cards: string[] = [];
  for (let i = first; i < first + count; i++) {
    cards.push(
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person ${i}\r\nN:${i};Person;;;\r\n` +
        `TEL;TYPE=CELL:+49 170 ${1_000_000 + i}\r\nEMAIL:p${i}@example.org\r\nNOTE:met at stall ${i}\r\nEND:VCARD\r\n`,
    );
  }
  return cards.join('');
}
