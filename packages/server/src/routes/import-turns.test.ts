import { afterEach, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { generateCards } from './generate-cards.ts';

/**
 * A big import never holds the event loop: parsing, reading the cards and writing them are done in
 * slices, and other work runs between them. Counted as turns of the loop while the import runs.
 */

let current: TestApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

test('the event loop turns again and again while 20,000 cards import, and every card is stored', async () => {
  current = await createTestApp({ owner: { phoneRegion: 'DE' } });
  const { app, cookie } = current;
  const body = Buffer.from(generateCards(20_000));
  let running = true;
  let turns = 0;
  const turn = () => {
    turns++;
    if (running) setImmediate(turn);
  };
  const imported = app
    .inject({
      method: 'POST',
      url: '/api/people/import',
      headers: { cookie, 'content-type': 'text/vcard' },
      payload: body,
    })
    .finally(() => {
      running = false;
    });
  setImmediate(turn);
  const response = await imported;
  expect(response.json()).toMatchObject({ added: 20_000, merged: 0, skipped: [] });
  // One slice per few hundred cards for each stage: a loop held for the whole import turns a few times.
  expect(turns).toBeGreaterThanOrEqual(40);
});
