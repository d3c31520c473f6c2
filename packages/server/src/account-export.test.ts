import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@rapport/db';
import SqliteDatabase from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { sessionCookie } from './testing/test-app.ts';

const NOW = '2026-03-28T19:00:00.000Z';
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** An app on a SQLite file this test knows, so it can seed rows that no route writes yet. */
async function startOnFile() {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-export-'));
  const file = join(folder, 'rapport.sqlite');
  const store = await openStore({ sqliteFile: file });
  const app = await buildApp({
    store,
    config: readConfig({ LOG_LEVEL: 'silent', ALLOW_SIGNUPS: 'true' }),
    now: () => new Date(NOW),
  });
  close = async () => {
    await app.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  };
  return { app, store, file };
}

/** The token of a public page address (/x/<token>, /i/<token>). */
const tokenOf = (url: string) => new URL(url).pathname.split('/').at(-1) as string;

/**
 * A card, a reusable link and a one-time link of it (blocked), an introduction still pending and one
 * the other side declined: what the exchange routes write, through them.
 */
async function seedContactExchange(app: FastifyInstance, cookie: string, people: { jordan: string }) {
  const asMe = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const addPerson = async (name: string) =>
    (await asMe('POST', '/api/people', { name, consent: { kind: 'told-me-and-agreed' } })).person
      .id as string;
  const sam = await addPerson('Sam Rivera');
  const robin = await addPerson('Robin Park');
  const card = (
    await asMe('POST', '/api/cards', {
      label: 'Full',
      name: 'Alex Kim',
      phone: '0170 7654321',
      shows: { phone: true },
    })
  ).card;
  const reusable = await asMe('POST', `/api/cards/${card.id}/links`, { expiresInDays: 30 });
  const oneTime = await asMe('POST', `/api/cards/${card.id}/links`, { oneTime: true, encounterId: 'enc-1' });
  const block = (await asMe('POST', '/api/blocks', { linkId: oneTime.id })).block;
  const pending = await asMe('POST', '/api/intros', { a: people.jordan, b: sam, note: 'both climb' });
  const declined = await asMe('POST', '/api/intros', { a: people.jordan, b: robin });
  const no = await app.inject({
    method: 'POST',
    url: `/i/${tokenOf(declined.links.b)}/decline`,
    // As a browser posts the page's form.
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    payload: '',
  });
  if (no.statusCode !== 200) throw new Error(`decline: ${no.statusCode}`);
  return {
    sam,
    robin,
    card,
    links: { reusable, oneTime },
    block,
    intros: { pending, declined },
    tokens: [
      reusable.url,
      oneTime.url,
      ...[pending, declined].flatMap((intro) => [intro.links.a, intro.links.b]),
    ].map(tokenOf),
    api: { links: await asMe('GET', '/api/links'), intros: await asMe('GET', '/api/intros') },
  };
}

describe('JSON export', () => {
  test('the JSON export holds everything of the account and no secret', async () => {
    const { app, file } = await startOnFile();
    const password = 'canary-password-7Qx2';
    const signedUp = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      payload: { email: 'alex@example.org', password, phoneRegion: 'DE', name: 'Alex Kim' },
    });
    const accountId = signedUp.json().account.id as string;
    const cookie = sessionCookie(signedUp.headers['set-cookie']);
    const signedIn = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      payload: { email: 'alex@example.org', password },
    });
    const secondCookie = sessionCookie(signedIn.headers['set-cookie']);
    const token = (
      await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie }, payload: { name: 'cli' } })
    ).json().token as string;
    const feedUrl = (
      await app.inject({ method: 'POST', url: '/api/calendar/reset', headers: { cookie } })
    ).json().url as string;
    const person = (
      await app.inject({
        method: 'POST',
        url: '/api/people',
        headers: { cookie },
        payload: { name: 'Jordan Lee', phone: '0170 1234567', consent: { kind: 'told-me-and-agreed' } },
      })
    ).json().person;
    seedTimeline(file, accountId, person.id);
    const exchange = await seedContactExchange(app, cookie, { jordan: person.id });

    const response = await app.inject({ url: '/api/export', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="rapport-export-2026-03-28.json"',
    );
    const body = response.json();
    expect(body.account).toMatchObject({
      id: accountId,
      email: 'alex@example.org',
      settings: { phoneRegion: 'DE', name: 'Alex Kim' },
    });
    expect(body.people).toHaveLength(3);
    expect(body.people.find((one: { id: string }) => one.id === person.id)).toMatchObject({
      name: 'Jordan Lee',
      phone: '+491701234567',
    });
    expect(body.encounters).toMatchObject([
      {
        id: 'enc-1',
        personId: person.id,
        topics: ['jazz', 'climbing'],
        outcome: 'gave-number',
        cueEvents: [
          { minute: 2, cue: 'smiling' },
          { minute: 5, cue: 'laughing' },
        ],
      },
    ]);
    expect(body.messages).toMatchObject([{ id: 'msg-1', direction: 'sent', text: 'How was the gig?' }]);
    expect(body.reminders).toMatchObject([{ id: 'rem-1', kind: 'check-in', draft: 'Climbing Thursday?' }]);
    expect(body.reflections).toMatchObject([{ id: 'ref-1', answers: { 'enough-rapport': 'yes' } }]);
    expect(body.apiTokens).toMatchObject([{ name: 'cli' }]);
    expect(body.calendarFeed).toEqual({ active: true });

    expect(body.cards).toEqual([exchange.card]);
    expect(body.cards[0]).toMatchObject({ label: 'Full', phone: '+491707654321', shows: { phone: true } });
    // Links and introductions exactly as GET /api/links and GET /api/intros show them to me.
    expect(body.links).toEqual(exchange.api.links.links);
    const linkById = new Map(body.links.map((link: { id: string }) => [link.id, link]));
    expect(linkById.get(exchange.links.reusable.id)).toMatchObject({
      cardId: exchange.card.id,
      cardLabel: 'Full',
      state: 'active',
      oneTime: false,
      encounterId: null,
      expiresAt: '2026-04-27T19:00:00.000Z',
    });
    expect(linkById.get(exchange.links.oneTime.id)).toMatchObject({
      state: 'revoked',
      oneTime: true,
      encounterId: 'enc-1',
    });
    expect(body.intros).toEqual(exchange.api.intros.intros);
    const introById = new Map(body.intros.map((intro: { id: string }) => [intro.id, intro]));
    expect(introById.get(exchange.intros.pending.id)).toMatchObject({ b: exchange.sam, state: 'pending' });
    // Robin said no: the export says only "not completed", never who, nor anyone's answer.
    expect(introById.get(exchange.intros.declined.id)).toEqual({
      id: exchange.intros.declined.id,
      a: person.id,
      b: exchange.robin,
      note: null,
      state: 'not-completed',
      expiresAt: '2026-04-11T19:00:00.000Z',
      completedAt: null,
      createdAt: NOW,
    });
    expect(body.blocks).toEqual([
      { id: exchange.block.id, personId: null, linkId: exchange.links.oneTime.id, createdAt: NOW },
    ]);

    const sqlite = new SqliteDatabase(file, { readonly: true });
    const column = (sql: string) => sqlite.prepare(sql).pluck().all() as string[];
    const storedTokenHashes = [
      ...column('select token_hash from exchange_links'),
      ...column('select token_a_hash from introductions'),
      ...column('select token_b_hash from introductions'),
    ];
    expect(storedTokenHashes).toHaveLength(6);
    const secrets = [
      password,
      sqlite.prepare('select password_hash from accounts').pluck().get() as string,
      ...column('select token_hash from sessions'),
      sqlite.prepare('select token_hash from api_tokens').pluck().get() as string,
      sqlite.prepare('select token_hash from calendar_feeds').pluck().get() as string,
      cookie.split('=')[1] as string,
      secondCookie.split('=')[1] as string,
      token,
      /\/calendar\/([^.]+)\.ics$/.exec(feedUrl)?.[1] as string,
      ...exchange.tokens,
      ...storedTokenHashes,
    ];
    sqlite.close();
    expect(exchange.tokens).toHaveLength(6);
    expect(secrets.every((secret) => typeof secret === 'string' && secret.length >= 10)).toBe(true);
    for (const secret of secrets) expect(response.body).not.toContain(secret);
  });
});

/** An encounter with cue events, a message, a reminder and a reflection, as later routes will write them. */
function seedTimeline(file: string, accountId: string, personId: string): void {
  const sqlite = new SqliteDatabase(file);
  const at = '2026-03-27T20:00:00.000Z';
  sqlite
    .prepare(
      `insert into encounters (id, account_id, person_id, place, started_at, phase, topics, ask_minute,
        ask_approach, ask_reason, outcome, outcome_at, created_at)
       values ('enc-1', ?, ?, 'Jazz bar', ?, 'winding-down', '["jazz","climbing"]', 12, 'direct', 'continue',
        'gave-number', ?, ?)`,
    )
    .run(accountId, personId, at, at, at);
  const cue = sqlite.prepare(
    `insert into cue_events (id, encounter_id, account_id, minute, cue, created_at) values (?, 'enc-1', ?, ?, ?, ?)`,
  );
  cue.run('cue-2', accountId, 5, 'laughing', at);
  cue.run('cue-1', accountId, 2, 'smiling', at);
  sqlite
    .prepare(
      `insert into messages (id, account_id, person_id, direction, at, text, created_at)
       values ('msg-1', ?, ?, 'sent', ?, 'How was the gig?', ?)`,
    )
    .run(accountId, personId, at, at);
  sqlite
    .prepare(
      `insert into reminders (id, account_id, person_id, kind, title, draft, due_at, snoozed_until, done_at, created_at)
       values ('rem-1', ?, ?, 'check-in', 'Check in', 'Climbing Thursday?', '2026-03-30T17:00:00.000Z', null, null, ?)`,
    )
    .run(accountId, personId, at);
  sqlite
    .prepare(
      `insert into reflections (id, account_id, encounter_id, outcome, answers, note, created_at)
       values ('ref-1', ?, 'enc-1', 'gave-number', '{"enough-rapport":"yes"}', null, ?)`,
    )
    .run(accountId, at);
  sqlite.close();
}
