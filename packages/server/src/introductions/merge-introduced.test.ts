import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { comparable, type IntroApp, startIntroApp } from './intro-test-kit.ts';

let t: IntroApp;
beforeEach(async () => {
  t = await startIntroApp();
});
afterEach(async () => {
  await t.close();
});

const introOf = async (id: string) => (await t.api('GET', `/api/intros/${id}`)).json().intro;

describe('merging the two people of an introduction', () => {
  test('drops their introductions to each other, and keeps every consent row, on the kept person', async () => {
    const completed = await t.introduce({ note: 'You should meet' });
    await t.page('POST', `/i/${completed.tokens.a}/accept`, { form: 'share=phone' });
    await t.page('POST', `/i/${completed.tokens.b}/accept`, { form: 'share=handles' });
    const pending = await t.introduce();
    expect((await t.page('GET', `/i/${completed.tokens.a}`)).statusCode).toBe(200);
    expect((await t.page('GET', `/i/${pending.tokens.b}`)).statusCode).toBe(200);
    const common404 = comparable(await t.page('GET', '/i/AAAAAAAAAAAAAAAAAAAAAA'));

    t.clock.advance(60_000);
    const merged = await t.api('POST', '/api/people/merge', { keep: t.people.a, other: t.people.b });
    expect(merged.statusCode).toBe(200);

    // One cannot be introduced to oneself: the pending one is not completed, the completed one
    // stays completed (it happened) but every page of both answers the common 404.
    const mergedAt = t.clock.now().toISOString();
    expect(await introOf(pending.id)).toMatchObject({ a: t.people.a, b: t.people.a, state: 'not-completed' });
    expect(await introOf(completed.id)).toMatchObject({
      a: t.people.a,
      b: t.people.a,
      state: 'completed',
      expiresAt: mergedAt,
    });
    const pages = [
      await t.page('GET', `/i/${completed.tokens.a}`),
      await t.page('GET', `/i/${completed.tokens.b}`),
      await t.page('GET', `/i/${pending.tokens.a}`),
      await t.page('POST', `/i/${pending.tokens.b}/accept`, { form: 'share=phone' }),
    ];
    expect(pages.map(comparable)).toEqual(pages.map(() => common404));
    // Both disclosures are still on record, now of the one person they were.
    const rows = await t.consentRows();
    expect(rows.sort((x, y) => x.fields.join().localeCompare(y.fields.join()))).toEqual([
      { personId: t.people.a, kind: 'introduction-revealed', fields: ['name', 'handles'] },
      { personId: t.people.a, kind: 'introduction-revealed', fields: ['name', 'phone'] },
    ]);
  });
});
