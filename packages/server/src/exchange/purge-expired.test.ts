import { expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';
import { purgeExpiredRecords } from '../purge-expired.ts';
import { asUser } from '../testing/test-app.ts';
import { createCard, createExchangeApp, createLink, SHARE_FORM, visit } from './exchange-test-kit.ts';

const DAY = 24 * 60 * 60 * 1000;

test('declined, revoked and unanswered expired links go after 30 days; shared-back ones stay', async () => {
  const t = await createExchangeApp();
  try {
    const owner = asUser(t.app, t.cookie);
    const cardId = await createCard(t.app, t.cookie);
    const make = (options: object) => createLink(t.app, t.cookie, cardId, options);
    const declined = await make({ oneTime: true });
    await visit(t.app, `/x/${declined.token}/decline`, { form: {} });
    const revoked = await make({});
    await owner.post(`/api/links/${revoked.id}/revoke`);
    const unanswered = await make({ expiresInDays: 1 });
    const declinedReusable = await make({ expiresInDays: 2 });
    await visit(t.app, `/x/${declinedReusable.token}/decline`, { form: {} });
    const sharedBack = await make({ oneTime: true, expiresInDays: 1 });
    await visit(t.app, `/x/${sharedBack.token}/share`, { form: SHARE_FORM });
    const sharedReusable = await make({ expiresInDays: 1 });
    await visit(t.app, `/x/${sharedReusable.token}/share`, { form: SHARE_FORM });
    const live = await make({ expiresInDays: 90 });
    const recentDecline = await make({ oneTime: true, expiresInDays: 90 });
    const account = await t.store.accounts.findForAdmin();
    if (!account) throw new Error('no owner');
    // The store answers after the session has long gone idle.
    const linkIds = async () =>
      (await t.store.exchangeLinks.list(account.id, t.clock.now().toISOString()))
        .map((link) => link.id)
        .sort();

    t.clock.advance(29 * DAY);
    await visit(t.app, `/x/${recentDecline.token}/decline`, { form: {} });
    expect((await purgeExpiredRecords(t.store, t.clock.now())).exchangeLinks).toBe(0);

    t.clock.advance(3 * DAY + 1000);
    const purged = await purgeExpiredRecords(t.store, t.clock.now());
    const left = await linkIds();
    expect(purged.exchangeLinks).toBe(4);
    expect(left).toEqual([sharedBack.id, sharedReusable.id, live.id, recentDecline.id].sort());
    expect(left).not.toContain(unanswered.id);
    console.log(
      JSON.stringify({ test: 'purge-expired', links: 8, purged: purged.exchangeLinks, kept: left.length }),
    );

    // And it runs when a server starts, on its own.
    t.clock.advance(30 * DAY);
    const second = await buildApp({
      store: t.store,
      config: readConfig({ LOG_LEVEL: 'silent' }),
      now: t.clock.now,
    });
    await second.ready();
    await second.close();
    expect(await linkIds()).toEqual([sharedBack.id, sharedReusable.id, live.id].sort());
  } finally {
    await t.close();
  }
});
