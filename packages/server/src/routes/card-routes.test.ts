import { afterEach, describe, expect, test } from 'vitest';
import { asUser, createTestApp, type TestApp } from '../testing/test-app.ts';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function start() {
  current = await createTestApp({ owner: { timeZone: 'Europe/Berlin', phoneRegion: 'DE' } });
  return { ...current, owner: asUser(current.app, current.cookie) };
}

const FULL = {
  label: 'Full',
  name: 'Alex Kim',
  phone: '0170 1234567',
  email: 'alex@example.org',
  note: 'jazz piano on Thursdays',
  handles: [
    { platform: 'instagram', handle: '@alex.kim' },
    { platform: 'linkedin', handle: 'https://www.linkedin.com/in/alex-kim/' },
    { platform: 'whatsapp' },
  ],
};

describe('my cards', () => {
  test('a new card holds the phone in E.164 but does not show it, nor the email, until turned on', async () => {
    const { owner } = await start();
    const created = await owner.post('/api/cards', FULL);
    expect(created.statusCode).toBe(201);
    const { card } = created.json();
    expect(card).toMatchObject({
      label: 'Full',
      name: 'Alex Kim',
      phone: '+491701234567',
      phoneDisplay: '0170 1234567',
      email: 'alex@example.org',
      handles: [
        { platform: 'instagram', handle: 'alex.kim', url: 'https://instagram.com/alex.kim' },
        { platform: 'linkedin', handle: 'alex-kim', url: 'https://www.linkedin.com/in/alex-kim' },
        { platform: 'whatsapp', handle: '+491701234567', url: 'https://wa.me/491701234567' },
      ],
      shows: {
        name: true,
        phone: false,
        email: false,
        note: true,
        handles: ['instagram', 'linkedin', 'whatsapp'],
      },
    });
    // WhatsApp is the phone number: hidden with it
    expect(card.visible).toEqual({
      name: 'Alex Kim',
      note: 'jazz piano on Thursdays',
      handles: [
        { platform: 'instagram', handle: 'alex.kim', url: 'https://instagram.com/alex.kim' },
        { platform: 'linkedin', handle: 'alex-kim', url: 'https://www.linkedin.com/in/alex-kim' },
      ],
    });
  });

  test('turning the phone on shows it, and WhatsApp with it; the rest stays as it was', async () => {
    const { owner, clock } = await start();
    const { card } = (await owner.post('/api/cards', FULL)).json();
    clock.advance(60_000);
    const patched = await owner.patch(`/api/cards/${card.id}`, { shows: { phone: true } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().card.visible).toMatchObject({ name: 'Alex Kim', phone: '+491701234567' });
    expect(patched.json().card.visible.handles.map((h: { platform: string }) => h.platform)).toEqual([
      'instagram',
      'linkedin',
      'whatsapp',
    ]);
    expect(patched.json().card.updatedAt).toBe('2026-03-28T19:01:00.000Z');
    expect((await owner.get(`/api/cards/${card.id}`)).json().card).toEqual(patched.json().card);
  });

  test('a changed phone takes WhatsApp along; a removed phone removes it', async () => {
    const { owner } = await start();
    const { card } = (await owner.post('/api/cards', FULL)).json();
    const moved = (await owner.patch(`/api/cards/${card.id}`, { phone: '+44 7911 123456' })).json().card;
    expect(moved.handles[2]).toEqual({
      platform: 'whatsapp',
      handle: '+447911123456',
      url: 'https://wa.me/447911123456',
    });
    const removed = (await owner.patch(`/api/cards/${card.id}`, { phone: null })).json().card;
    expect(removed.phone).toBeNull();
    expect(removed.handles.map((h: { platform: string }) => h.platform)).toEqual(['instagram', 'linkedin']);
    expect(removed.shows.handles).toEqual(['instagram', 'linkedin']);
  });

  test('several cards list oldest first, and a deleted one is gone', async () => {
    const { owner, clock } = await start();
    const full = (await owner.post('/api/cards', FULL)).json().card;
    clock.advance(1000);
    const insta = await owner.post('/api/cards', {
      label: 'Just Instagram',
      handles: [{ platform: 'instagram', handle: 'alex.kim' }],
      shows: { name: false },
    });
    expect(insta.json().card.visible).toEqual({
      handles: [{ platform: 'instagram', handle: 'alex.kim', url: 'https://instagram.com/alex.kim' }],
    });
    const listed = (await owner.get('/api/cards')).json().cards;
    expect(listed.map((card: { label: string }) => card.label)).toEqual(['Full', 'Just Instagram']);
    expect((await owner.delete(`/api/cards/${full.id}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/cards/${full.id}`)).statusCode).toBe(404);
    expect((await owner.get('/api/cards')).json().cards).toHaveLength(1);
  });

  test('bad input answers 400 naming the field, and stores nothing', async () => {
    const { owner } = await start();
    const cases: [object, string][] = [
      [{ ...FULL, label: '' }, 'label'],
      [{ ...FULL, label: 'x'.repeat(41) }, 'label'],
      [{ ...FULL, phone: '12' }, 'phone'],
      [{ ...FULL, email: 'not an email' }, 'email'],
      [{ ...FULL, note: 'n'.repeat(281) }, 'note'],
      [{ ...FULL, handles: [{ platform: 'instagram', handle: 'not a handle!' }] }, 'handles.0.handle'],
      [{ ...FULL, handles: [{ platform: 'x', handle: 'ok' }, { platform: 'tiktok' }] }, 'handles.1.handle'],
      [{ ...FULL, handles: [{ platform: 'myspace', handle: 'alex' }] }, 'handles.0.platform'],
      [{ ...FULL, phone: null, handles: [{ platform: 'whatsapp' }] }, 'handles.0.handle'],
      [{ ...FULL, handles: [{ platform: 'whatsapp', handle: '+44 7911 123456' }] }, 'handles.0.handle'],
      [
        {
          ...FULL,
          handles: [
            { platform: 'x', handle: 'one' },
            { platform: 'x', handle: 'two' },
          ],
        },
        'handles.1.platform',
      ],
      [{ ...FULL, shows: { handles: ['tiktok'] } }, 'shows.handles.0'],
      [{ ...FULL, shows: { phone: 'yes' } }, 'shows.phone'],
      [{ ...FULL, shows: { photo: true } }, 'shows.photo'],
      [{ ...FULL, photo: 'data:' }, 'photo'],
    ];
    for (const [payload, field] of cases) {
      const response = await owner.post('/api/cards', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error, JSON.stringify(payload)).toMatchObject({ code: 'invalid-input', field });
    }
    expect((await owner.get('/api/cards')).json().cards).toEqual([]);
  });

  test('a label is unique among my cards, whatever its case; a bad change leaves the card as it was', async () => {
    const { owner } = await start();
    const card = (await owner.post('/api/cards', FULL)).json().card;
    const other = (await owner.post('/api/cards', { label: 'Work' })).json().card;
    const twice = await owner.post('/api/cards', { label: 'FULL' });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error).toMatchObject({ field: 'label', message: expect.stringContaining("'Full'") });
    expect((await owner.patch(`/api/cards/${other.id}`, { label: 'full' })).statusCode).toBe(400);
    expect((await owner.patch(`/api/cards/${card.id}`, { label: 'full' })).statusCode).toBe(200);
    expect((await owner.patch(`/api/cards/${card.id}`, { phone: 'nope' })).json().error.field).toBe('phone');
    expect((await owner.get(`/api/cards/${card.id}`)).json().card.phone).toBe('+491701234567');
  });

  test("another account's card answers 404 everywhere and is left unchanged", async () => {
    const { owner, app, signUp } = await start();
    const card = (await owner.post('/api/cards', FULL)).json().card;
    const stranger = asUser(app, await signUp('sam@example.org'));
    const before = (await owner.get(`/api/cards/${card.id}`)).json();
    for (const response of [
      await stranger.get(`/api/cards/${card.id}`),
      await stranger.patch(`/api/cards/${card.id}`, { shows: { phone: true } }),
      await stranger.get(`/api/cards/${card.id}/qr.svg?mode=offline`),
      await stranger.delete(`/api/cards/${card.id}`),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: { code: 'not-found', message: 'card not found' } });
    }
    expect((await stranger.get('/api/cards')).json().cards).toEqual([]);
    expect((await owner.get(`/api/cards/${card.id}`)).json()).toEqual(before);
  });

  test('cards need a signed-in owner', async () => {
    const { app } = await start();
    const response = await app.inject({ method: 'GET', url: '/api/cards' });
    expect(response.statusCode).toBe(401);
  });
});
