import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@rapport/db';
import SqliteDatabase from 'better-sqlite3';
import ICAL from 'ical.js';
import { afterEach, describe, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';
import { sessionCookie } from '../testing/test-app.ts';

const PUBLIC_URL = 'https://rapport.example.org';
// Long, escaped characters and multi-byte text: folding must not split a character
const MEETUP_DRAFT =
  'Pottery class at Töpferei Ünal; bring the 陶器 glaze notes, 7 pm 🎨🎨🎨 — and the apron';
const PASSWORD = 'calendar-test-password';
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/**
 * The app on a SQLite file this test knows, logging at info into `logs`: reminders are seeded
 * straight into the file, as no route writes them yet.
 */
async function start() {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-calendar-'));
  const file = join(folder, 'rapport.sqlite');
  const store = await openStore({ sqliteFile: file });
  const logs: string[] = [];
  let now = new Date('2026-03-28T19:00:00.000Z');
  const app = await buildApp({
    store,
    config: readConfig({ LOG_LEVEL: 'info', ALLOW_SIGNUPS: 'true', PUBLIC_URL }),
    now: () => now,
    logStream: { write: (line) => logs.push(line) },
  });
  close = async () => {
    await app.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  };
  const signUp = async (email: string) => {
    await app.inject({ method: 'POST', url: '/api/accounts', payload: { email, password: PASSWORD } });
    const session = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      payload: { email, password: PASSWORD },
    });
    return {
      accountId: session.json().account.id as string,
      cookie: sessionCookie(session.headers['set-cookie']),
    };
  };
  const owner = await signUp('owner@example.org');
  const addPerson = async (cookie: string, name: string) =>
    (
      await app.inject({
        method: 'POST',
        url: '/api/people',
        headers: { cookie },
        payload: { name, consent: { kind: 'told-me-and-agreed' } },
      })
    ).json().person.id as string;
  const reset = async (cookie: string) =>
    (await app.inject({ method: 'POST', url: '/api/calendar/reset', headers: { cookie } })).json()
      .url as string;
  const fetchFeed = (url: string) => app.inject({ url: url.replace(PUBLIC_URL, '') });
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return { app, file, logs, owner, signUp, addPerson, reset, fetchFeed, advance };
}

interface SeedReminder {
  id: string;
  accountId: string;
  personId: string | null;
  kind: string;
  draft?: string | null;
  dueAt: string;
  snoozedUntil?: string | null;
  doneAt?: string | null;
}

function seedReminders(file: string, reminders: SeedReminder[]): void {
  const sqlite = new SqliteDatabase(file);
  const insert = sqlite.prepare(
    `insert into reminders (id, account_id, person_id, kind, title, draft, due_at, snoozed_until, done_at, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-03-28T18:00:00.000Z')`,
  );
  for (const r of reminders) {
    insert.run(
      r.id,
      r.accountId,
      r.personId,
      r.kind,
      `${r.kind} reminder`,
      r.draft ?? null,
      r.dueAt,
      r.snoozedUntil ?? null,
      r.doneAt ?? null,
    );
  }
  sqlite.close();
}

function readEvents(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
  return {
    calendar,
    events: events.map((event) => ({
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toJSDate().toISOString(),
      utc: event.startDate.zone === ICAL.Timezone.utcTimezone,
    })),
  };
}

async function seedOwnerFeed() {
  const context = await start();
  const { file, owner, addPerson, signUp } = context;
  const jordan = await addPerson(owner.cookie, 'Jordan');
  const sam = await addPerson(owner.cookie, 'Sam Okoro');
  const other = await signUp('other@example.org');
  const stranger = await addPerson(other.cookie, 'Stranger');
  seedReminders(file, [
    {
      id: 'r-text',
      accountId: owner.accountId,
      personId: jordan,
      kind: 'first-text',
      dueAt: '2026-03-29T10:00:00.000Z',
      draft: 'Hey Jordan, how did the climbing go?',
    },
    {
      id: 'r-check',
      accountId: owner.accountId,
      personId: jordan,
      kind: 'check-in',
      dueAt: '2026-04-05T17:30:00.000Z',
    },
    {
      id: 'r-meet',
      accountId: owner.accountId,
      personId: sam,
      kind: 'meetup',
      dueAt: '2026-04-02T18:00:00.000Z',
      draft: MEETUP_DRAFT,
    },
    {
      id: 'r-suggest',
      accountId: owner.accountId,
      personId: sam,
      kind: 'suggest-meetup',
      dueAt: '2026-03-30T09:00:00.000Z',
      snoozedUntil: '2026-03-31T09:15:00.000Z',
    },
    {
      id: 'r-done',
      accountId: owner.accountId,
      personId: jordan,
      kind: 'check-in',
      dueAt: '2026-03-28T09:00:00.000Z',
      doneAt: '2026-03-28T10:00:00.000Z',
    },
    {
      id: 'r-custom',
      accountId: owner.accountId,
      personId: null,
      kind: 'custom',
      dueAt: '2026-03-29T12:00:00.000Z',
    },
    {
      id: 'r-foreign',
      accountId: other.accountId,
      personId: stranger,
      kind: 'first-text',
      dueAt: '2026-03-29T11:00:00.000Z',
    },
  ]);
  return { ...context, other };
}

describe('calendar feed', () => {
  test('one event per pending follow-up or meetup, with its due time in UTC and a stable UID', async () => {
    const { owner, reset, fetchFeed, advance } = await seedOwnerFeed();
    const url = await reset(owner.cookie);
    expect(url).toMatch(/^https:\/\/rapport\.example\.org\/calendar\/[A-Za-z0-9_-]{22}\.ics$/);
    const first = await fetchFeed(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers['referrer-policy']).toBe('no-referrer');
    const { calendar, events } = readEvents(first.body);
    expect(events).toEqual([
      {
        uid: 'r-text@rapport',
        summary: 'Text Jordan',
        description: 'Hey Jordan, how did the climbing go?',
        start: '2026-03-29T10:00:00.000Z',
        utc: true,
      },
      {
        uid: 'r-suggest@rapport',
        summary: 'Suggest meeting up to Sam Okoro',
        description: 'suggest-meetup reminder',
        start: '2026-03-31T09:15:00.000Z',
        utc: true,
      },
      {
        uid: 'r-meet@rapport',
        summary: 'Meet Sam Okoro',
        description: MEETUP_DRAFT,
        start: '2026-04-02T18:00:00.000Z',
        utc: true,
      },
      {
        uid: 'r-check@rapport',
        summary: 'Check in with Jordan',
        description: 'check-in reminder',
        start: '2026-04-05T17:30:00.000Z',
        utc: true,
      },
    ]);
    expect(calendar.getFirstProperty('refresh-interval')?.getFirstValue()?.toString()).toBe('PT1H');
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
    // RFC 5545: CRLF line endings, no line over 75 octets
    expect(first.body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = first.body.split('\r\n');
    expect(lines.every((line) => !line.includes('\n') && Buffer.byteLength(line) <= 75)).toBe(true);

    advance(60 * 60 * 1000);
    const second = readEvents((await fetchFeed(url)).body);
    expect(second.events.map((event) => event.uid)).toEqual(events.map((event) => event.uid));
  });

  test('a reset kills the old address at once; the new one works', async () => {
    const { owner, reset, fetchFeed } = await seedOwnerFeed();
    const old = await reset(owner.cookie);
    expect((await fetchFeed(old)).statusCode).toBe(200);
    const fresh = await reset(owner.cookie);
    expect(fresh).not.toBe(old);
    const dead = await fetchFeed(old);
    expect(dead.statusCode).toBe(404);
    expect(dead.json()).toEqual({ error: { code: 'not-found', message: 'not found' } });
    expect((await fetchFeed(fresh)).statusCode).toBe(200);
  });

  test('unknown, reset and malformed addresses answer the same 404', async () => {
    const { owner, reset, fetchFeed } = await seedOwnerFeed();
    const old = await reset(owner.cookie);
    await reset(owner.cookie);
    const answers = await Promise.all(
      [old, `${PUBLIC_URL}/calendar/AAAAAAAAAAAAAAAAAAAAAA.ics`, `${PUBLIC_URL}/calendar/nope`].map(
        fetchFeed,
      ),
    );
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toBe(answers[0]?.body);
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  test("another account's feed shows only its own reminders; mine is not theirs to read", async () => {
    const { app, owner, other, reset, fetchFeed } = await seedOwnerFeed();
    const mine = await reset(owner.cookie);
    const theirs = await reset(other.cookie);
    expect(readEvents((await fetchFeed(theirs)).body).events.map((event) => event.uid)).toEqual([
      'r-foreign@rapport',
    ]);
    expect(readEvents((await fetchFeed(mine)).body).events.map((event) => event.uid)).not.toContain(
      'r-foreign@rapport',
    );
    // Their session is no key to my feed: only the secret address is, and theirs is not mine
    const guessed = await app.inject({
      url: `/calendar/${'B'.repeat(22)}.ics`,
      headers: { cookie: other.cookie },
    });
    expect(guessed.statusCode).toBe(404);
    const unauthenticated = await app.inject({ method: 'POST', url: '/api/calendar/reset' });
    expect(unauthenticated.statusCode).toBe(401);
  });

  test('the feed secret never reaches a log line', async () => {
    const { owner, reset, fetchFeed, logs } = await seedOwnerFeed();
    const old = await reset(owner.cookie);
    const fresh = await reset(owner.cookie);
    await fetchFeed(old);
    await fetchFeed(fresh);
    const secrets = [old, fresh].map((url) => /\/calendar\/([^.]+)\.ics$/.exec(url)?.[1] ?? 'missing');
    expect(logs.some((line) => line.includes('/calendar/[secret]'))).toBe(true);
    for (const secret of secrets) {
      expect(logs.filter((line) => line.includes(secret))).toEqual([]);
    }
  });
});
