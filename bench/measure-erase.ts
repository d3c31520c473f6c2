import type { PersonId } from '../packages/db/src/index.ts';
import { asUser, createTestApp } from '../packages/server/src/testing/test-app.ts';

export interface EraseFigures {
  deletes: number;
  /** DELETE /api/people/:id over the app, the WAL checkpoint and truncation included. */
  routeMedianMs: number;
  routeP95Ms: number;
  /** The store's delete alone, rows and WAL left as they are: the baseline. */
  storeDeleteMedianMs: number;
}

const quantile = (samples: number[], q: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(samples.length * q))] ?? 0;

/** Deletes people from a 2,000-person SQLite account: half through the route, half in the store alone. */
export async function measureErase(deletes = 200): Promise<EraseFigures> {
  const test = await createTestApp();
  try {
    const owner = asUser(test.app, test.cookie);
    let cards = '';
    for (let i = 0; i < 2_000; i++)
      cards += `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person ${i}\r\nNOTE:${'n'.repeat(200)}\r\nEND:VCARD\r\n`;
    await test.app.inject({
      method: 'POST',
      url: '/api/people/import',
      headers: { cookie: test.cookie, 'content-type': 'text/vcard' },
      payload: cards,
    });
    const ids = (await owner.get('/api/people?limit=500')).json().people.map((p: { id: string }) => p.id);
    const accountId = (await owner.get('/api/settings')).json().account.id;
    const route: number[] = [];
    const store: number[] = [];
    for (let i = 0; i < deletes; i++) {
      let started = performance.now();
      const response = await owner.delete(`/api/people/${ids[2 * i]}`);
      route.push(performance.now() - started);
      if (response.statusCode !== 204) throw new Error(`delete answered ${response.statusCode}`);
      started = performance.now();
      await test.store.people.delete(accountId, ids[2 * i + 1] as PersonId);
      store.push(performance.now() - started);
    }
    return {
      deletes,
      routeMedianMs: quantile(route, 0.5),
      routeP95Ms: quantile(route, 0.95),
      storeDeleteMedianMs: quantile(store, 0.5),
    };
  } finally {
    await test.close();
  }
}
