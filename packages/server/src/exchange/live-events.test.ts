import { afterEach, beforeEach, expect, test } from 'vitest';
import { asUser } from '../testing/test-app.ts';
import { openEventStream } from './event-stream-reader.ts';
import {
  createCard,
  createExchangeApp,
  createLink,
  type ExchangeApp,
  SHARE_FORM,
  visit,
} from './exchange-test-kit.ts';

let t: ExchangeApp;
let base: string;

beforeEach(async () => {
  t = await createExchangeApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});

afterEach(async () => {
  await t.close();
});

test('my open event stream hears "shared their number" the moment someone shares back, over a real socket', async () => {
  const cardId = await createCard(t.app, t.cookie);
  const link = await createLink(t.app, t.cookie, cardId);
  const stream = await openEventStream(`${base}/api/events`, t.cookie);
  try {
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('cache-control')).toBe('no-store');
    const started = performance.now();
    const shared = await fetch(`${base}/x/${link.token}/share`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: new URLSearchParams(SHARE_FORM),
    });
    expect(shared.status).toBe(200);
    const event = await stream.next();
    const latencyMs = Math.round(performance.now() - started);
    const person = (await asUser(t.app, t.cookie).get('/api/people')).json().people[0];
    expect(event).toEqual({
      type: 'shared-back',
      data: {
        type: 'shared-back',
        personId: person.id,
        name: 'Jordan Lee',
        message: 'Jordan Lee shared their number',
      },
    });
    // A decline on another link comes through too, saying nothing of who.
    const other = await createLink(t.app, t.cookie, cardId, { oneTime: true });
    await visit(t.app, `/x/${other.token}/decline`, { form: {} });
    expect(await stream.next()).toEqual({
      type: 'link-declined',
      data: { type: 'link-declined', linkId: other.id },
    });
    console.log(JSON.stringify({ test: 'live-event-sqlite', events: 2, shareToEventMs: latencyMs }));
  } finally {
    stream.close();
  }
});

test("another account's stream hears nothing of my links", async () => {
  const cardId = await createCard(t.app, t.cookie);
  const link = await createLink(t.app, t.cookie, cardId);
  await t.app.inject({
    method: 'POST',
    url: '/api/accounts',
    payload: { email: 'bea@example.org', password: 'correct horse battery' },
  });
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/sessions',
    payload: { email: 'bea@example.org', password: 'correct horse battery' },
  });
  const beaCookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
  const bea = await openEventStream(`${base}/api/events`, beaCookie);
  const mine = await openEventStream(`${base}/api/events`, t.cookie);
  try {
    await visit(t.app, `/x/${link.token}/share`, { form: SHARE_FORM });
    expect((await mine.next())?.type).toBe('shared-back');
    expect(await bea.next(300)).toBeUndefined();
  } finally {
    bea.close();
    mine.close();
  }
});

test('the stream asks for Accept: text/event-stream and a signed-in owner', async () => {
  const noAccept = await asUser(t.app, t.cookie).get('/api/events');
  expect(noAccept.statusCode).toBe(400);
  expect(noAccept.json().error).toMatchObject({ code: 'invalid-input', field: 'accept' });
  const anonymous = await fetch(`${base}/api/events`, { headers: { accept: 'text/event-stream' } });
  expect(anonymous.status).toBe(401);
});

test('closing the server ends the open streams instead of waiting for the clients', async () => {
  const stream = await openEventStream(`${base}/api/events`, t.cookie);
  const started = performance.now();
  await t.app.close();
  const closeMs = performance.now() - started;
  expect(await stream.next(2_000)).toBeUndefined();
  stream.close();
  expect(closeMs).toBeLessThan(2_000);
});
