import { afterEach, describe, expect, test } from 'vitest';
import type { TestApp } from '../testing/test-app.ts';
import { forEachStoreApp, OWNER_PASSWORD, signIn } from './credential-test-kit.ts';

const HOUR_MS = 60 * 60 * 1000;
/** Where the owner signed up and signs in from. */
const OWNERS_ADDRESS = '127.0.0.1';

/** A different address for each of `count` attackers. */
const attacker = (index: number) => `10.9.${Math.floor(index / 250)}.${index % 250}`;

forEachStoreApp((storeName, open) => {
  describe(`sign-in and sign-up limits on ${storeName}`, () => {
    let t: TestApp | undefined;
    afterEach(async () => {
      await t?.close();
      t = undefined;
    });

    test('a thousand failed sign-ins from elsewhere leave the owner their correct password from their own address', async () => {
      t = await open();
      const failures = 1000;
      const statuses: Record<number, number> = {};
      for (let index = 0; index < failures; index++) {
        const response = await signIn(t.app, `wrong password ${index}`, attacker(index));
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      }
      const owner = await signIn(t.app, OWNER_PASSWORD, OWNERS_ADDRESS);
      // The backstop: an address the account never signed in from waits, even with the right password.
      const stranger = await signIn(t.app, OWNER_PASSWORD, '10.200.0.1');
      console.log(
        JSON.stringify({
          test: 'sign-in-lockout',
          store: storeName,
          failedAttempts: failures,
          statuses,
          owner: owner.statusCode,
          newAddress: stranger.statusCode,
        }),
      );
      expect(owner.statusCode).toBe(200);
      expect(stranger.statusCode).toBe(429);
      expect(stranger.headers['retry-after']).toBe(String(HOUR_MS / 1000));
      expect(statuses[401]).toBe(100);
    });

    test('one address guessing one email is refused after ten failures, with the right password too, for an hour', async () => {
      t = await open();
      for (let index = 0; index < 10; index++) {
        expect((await signIn(t.app, `wrong password ${index}`, '10.3.0.1')).statusCode).toBe(401);
      }
      const refused = await signIn(t.app, OWNER_PASSWORD, '10.3.0.1');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error).toMatchObject({ code: 'rate-limited' });
      expect(refused.json().error.message).toMatch(/from this address/);
      expect((await signIn(t.app, OWNER_PASSWORD, OWNERS_ADDRESS)).statusCode).toBe(200);
      expect((await signIn(t.app, OWNER_PASSWORD, '10.3.0.2')).statusCode).toBe(200);
      t.clock.advance(HOUR_MS + 1000);
      expect((await signIn(t.app, OWNER_PASSWORD, '10.3.0.1')).statusCode).toBe(200);
    });

    test('an unknown email is limited exactly like a known one', async () => {
      t = await open();
      const { app } = t;
      const answers = async (email: string, address: string) => {
        const seen: string[] = [];
        for (let index = 0; index < 11; index++) {
          const response = await signIn(app, `wrong password ${index}`, address, email);
          seen.push(`${response.statusCode} ${response.body}`);
        }
        return seen;
      };
      expect(await answers('nobody@example.org', '10.4.0.1')).toEqual(
        await answers('owner@example.org', '10.4.0.2'),
      );
    });

    test('sign-ups are limited per address, and a refused one creates nothing', async () => {
      t = await open();
      const { app, store } = t;
      const signUp = (serial: number, address: string) =>
        app.inject({
          method: 'POST',
          url: '/api/accounts',
          payload: { email: `new-${serial}@example.org`, password: 'long enough pass phrase' },
          remoteAddress: address,
        });
      for (let serial = 0; serial < 10; serial++) {
        expect((await signUp(serial, '10.5.0.1')).statusCode).toBe(202);
      }
      const refused = await signUp(10, '10.5.0.1');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate-limited');
      expect(refused.headers['retry-after']).toBeDefined();
      expect(await store.accounts.findForAdmin('new-10@example.org')).toBeUndefined();
      expect((await signUp(11, '10.5.0.2')).statusCode).toBe(202);
      expect(await store.accounts.count()).toBe(12);
    });
  });
});
