import { generateCards } from '../packages/server/src/routes/generate-cards.ts';
import { createTestApp } from '../packages/server/src/testing/test-app.ts';

export interface ImportFigures {
  cards: number;
  cardsPerSecond: number;
}

/** POST /api/people/import of a 10,000-card file into a fresh SQLite account, through the whole HTTP stack. */
export async function measureImport(cards = 10_000): Promise<ImportFigures> {
  const test = await createTestApp();
  try {
    const body = Buffer.from(generateCards(cards));
    const started = performance.now();
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/people/import',
      headers: { cookie: test.cookie, 'content-type': 'text/vcard' },
      payload: body,
    });
    const seconds = (performance.now() - started) / 1000;
    if (response.statusCode !== 200 || response.json().added !== cards)
      throw new Error(`import answered ${response.statusCode}: ${response.body.slice(0, 200)}`);
    return { cards, cardsPerSecond: cards / seconds };
  } finally {
    await test.close();
  }
}
