import { expect, test } from 'vitest';
import { scanFiles } from '../security/scan-files.ts';
import { asUser } from '../testing/test-app.ts';
import { createCard, createExchangeApp, createLink, visit } from './exchange-test-kit.ts';

/**
 * RELIABILITY.md, consent: a decline stores nothing about the person who declined, and neither does
 * a share-back that failed its checks. Their canary details are typed into the form and posted; then
 * the SQLite file and its WAL are searched byte for byte, and so is every log line.
 */

const CANARY = {
  name: 'Zebulon Quarternight',
  phone: '07911 123999',
  e164: '+447911123999',
  digits: '7911123999',
  note: 'canary-note-qx81',
  handle: 'canary.handle.qx81',
};

test('a decliner and a failed share-back leave no byte of their details in the database or the logs', async () => {
  const logLines: string[] = [];
  const t = await createExchangeApp({ logLines });
  const cardId = await createCard(t.app, t.cookie);
  const oneTime = await createLink(t.app, t.cookie, cardId, { oneTime: true });
  const reusable = await createLink(t.app, t.cookie, cardId);
  const typed = {
    name: CANARY.name,
    phone: CANARY.phone,
    note: CANARY.note,
    platform: 'instagram',
    handle: CANARY.handle,
  };

  expect((await visit(t.app, `/x/${oneTime.token}`)).statusCode).toBe(200);
  // They typed everything into the share form, then pressed "Not now" (the form rides along).
  const declined = await visit(t.app, `/x/${oneTime.token}/decline`, { form: { ...typed, consent: 'yes' } });
  expect(declined.statusCode).toBe(200);
  // Someone else fills the form but leaves the consent box unticked: refused, nothing kept.
  const refused = await visit(t.app, `/x/${reusable.token}/share`, { form: typed });
  expect(refused.statusCode).toBe(400);
  // And one whose handle is not an Instagram handle, consent ticked.
  const invalid = await visit(t.app, `/x/${reusable.token}/share`, {
    form: { ...typed, handle: `${CANARY.handle}!!`, consent: 'yes' },
  });
  expect(invalid.statusCode).toBe(400);
  expect((await asUser(t.app, t.cookie).get('/api/people')).json().people).toEqual([]);
  const links = (await asUser(t.app, t.cookie).get('/api/links')).json().links;
  expect(links.find((link: { id: string }) => link.id === oneTime.id)).toMatchObject({
    state: 'declined',
    personId: null,
  });

  // The control: someone who did share back is found by the same scan, so the scan can see.
  const control = { name: 'Wilhelmina Controlla', phone: '+49 1512 3456789', consent: 'yes' };
  expect((await visit(t.app, `/x/${reusable.token}/share`, { form: control })).statusCode).toBe(200);

  const needles = Object.values(CANARY).concat([oneTime.token, reusable.token]);
  const scanWhileOpen = scanFiles([t.sqliteFile, `${t.sqliteFile}-wal`], Object.values(CANARY));
  const controlScan = scanFiles([t.sqliteFile, `${t.sqliteFile}-wal`], [control.name]);
  await t.app.close();
  await t.store.close();
  const scanAfterClose = scanFiles([t.sqliteFile, `${t.sqliteFile}-wal`], Object.values(CANARY));
  const logHits = logLines.filter((line) => needles.some((needle) => line.includes(needle)));
  await t.close().catch(() => undefined); // closed above already; this removes the folder
  console.log(
    JSON.stringify({
      test: 'decliner-canary',
      needles: Object.keys(CANARY).length,
      bytesScannedOpen: scanWhileOpen.bytes,
      bytesScannedClosed: scanAfterClose.bytes,
      hits: scanWhileOpen.hits.length + scanAfterClose.hits.length,
      controlHits: controlScan.hits.length,
      logLines: logLines.length,
      logHits: logHits.length,
    }),
  );
  expect(controlScan.hits.length).toBeGreaterThan(0);
  expect(logLines.length).toBeGreaterThan(0);
  expect([...scanWhileOpen.hits, ...scanAfterClose.hits]).toEqual([]);
  expect(logHits).toEqual([]);
});
