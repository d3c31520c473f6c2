import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConsentApp, forBothStores } from './consent-test-kit.ts';

/** An introduction reveals what each side agreed to at the moment they said yes, not later edits. */
forBothStores((storeName, open) => {
  describe(`introductions reveal a snapshot, on ${storeName}`, () => {
    let t: ConsentApp;
    beforeAll(async () => {
      t = await open();
    });
    afterAll(async () => {
      await t?.close();
    });

    const page = (path: string, form?: string) =>
      t.publicPage(form === undefined ? 'GET' : 'POST', path, form);

    test('details edited or added after a yes never reach the other side', async () => {
      const ana = await t.addPerson({
        name: 'Ana Snapshot',
        phone: '+49 151 23456701',
        handles: [{ platform: 'instagram', handle: 'ana.then' }],
      });
      const ben = await t.addPerson({ name: 'Ben Snapshot', phone: '+49 151 23456702' });
      const intro = await t.api('POST', '/api/intros', { a: ana, b: ben });
      expect(intro.status).toBe(201);
      const tokenOf = (url: string) => url.split('/i/')[1] as string;
      const [tokenA, tokenB] = [tokenOf(intro.body.links.a), tokenOf(intro.body.links.b)];

      expect((await page(`/i/${tokenA}/accept`, 'share=phone&share=handles')).statusCode).toBe(303);
      // After Ana's yes the owner edits her: a new number, another handle, a new name.
      const edited = await t.api('PATCH', `/api/people/${ana}`, {
        name: 'Ana Renamed',
        phone: '+49 151 98765432',
        handles: [
          { platform: 'instagram', handle: 'ana.now' },
          { platform: 'x', handle: 'ana_added' },
        ],
      });
      expect(edited.status).toBe(200);
      expect((await page(`/i/${tokenB}/accept`, 'share=phone')).statusCode).toBe(303);

      const seenByBen = (await page(`/i/${tokenB}`)).body;
      expect(seenByBen).toContain('Ana Snapshot');
      expect(seenByBen).toContain('ana.then');
      expect(seenByBen.replace(/\D/g, '')).toContain('15123456701');
      for (const later of ['Ana Renamed', 'ana.now', 'ana_added', '98765432'])
        expect(seenByBen).not.toContain(later);
      const card = (await page(`/i/${tokenB}/contact.vcf`)).body;
      expect(card).toContain('Ana Snapshot');
      expect(card.replace(/\D/g, '')).toContain('15123456701');
      expect(card).not.toContain('98765432');

      // Ben's side: what he had when he said yes, even if he is deleted afterwards.
      expect((await t.api('PATCH', `/api/people/${ben}`, { phone: '+49 151 87654321' })).status).toBe(200);
      const seenByAna = (await page(`/i/${tokenA}`)).body;
      expect(seenByAna.replace(/\D/g, '')).toContain('15123456702');
      expect(seenByAna).not.toContain('87654321');
    });
  });
});
