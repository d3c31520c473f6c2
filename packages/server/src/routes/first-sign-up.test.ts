import { afterEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { forEachStoreApp } from './credential-test-kit.ts';

const RACERS = 20;

forEachStoreApp((storeName, open) => {
  describe(`sign-ups on ${storeName}`, () => {
    let t: TestApp | undefined;
    afterEach(async () => {
      await t?.close();
      t = undefined;
    });

    /** Deletes the test app's owner: the database is as empty as a new server's. */
    async function emptyServer(env: Record<string, string>): Promise<TestApp> {
      const test = await open({ env });
      const owner = await test.store.accounts.findForAdmin();
      if (owner) await test.store.accounts.delete(owner.id);
      expect(await test.store.accounts.count()).toBe(0);
      return test;
    }

    const race = (app: TestApp['app']) =>
      Promise.all(
        Array.from({ length: RACERS }, (_unused, index) =>
          app.inject({
            method: 'POST',
            url: '/api/accounts',
            payload: { email: `racer-${index}@example.org`, password: `racer ${index} pass phrase` },
            remoteAddress: `10.7.0.${index + 1}`,
          }),
        ),
      );

    for (const signups of ['false', 'true']) {
      test(`twenty simultaneous first sign-ups make exactly one owner (ALLOW_SIGNUPS=${signups})`, async () => {
        t = await emptyServer({ ALLOW_SIGNUPS: signups });
        const answers = await race(t.app);
        const statuses = answers.map((answer) => answer.statusCode).sort();
        const owners = [];
        for (let index = 0; index < RACERS; index++) {
          const account = await t.store.accounts.findForAdmin(`racer-${index}@example.org`);
          if (account?.role === 'owner') owners.push(account.email);
        }
        console.log(
          JSON.stringify({
            test: 'first-sign-up-race',
            store: storeName,
            signups,
            racers: RACERS,
            statuses,
            owners: owners.length,
          }),
        );
        expect(owners).toHaveLength(1);
        expect(statuses.filter((status) => status === 201)).toHaveLength(1);
        expect(statuses.filter((status) => status >= 500)).toEqual([]);
        expect(await t.store.accounts.count()).toBe(signups === 'true' ? RACERS : 1);
      });
    }
  });
});

describe('passwords chosen at sign-up', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  test('short and common passwords are refused with the field and the fix, and create nothing', async () => {
    t = await createTestApp();
    const { app, store } = t;
    const signUp = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/accounts',
        payload: { email: 'weak@example.org', password },
        remoteAddress: '10.8.0.1',
      });
    const short = await signUp('abc123');
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toEqual({
      code: 'invalid-input',
      message: 'password: use at least 10 characters',
      field: 'password',
    });
    for (const common of ['password123', 'qwertyuiop', '1234567890', 'Password123', 'iloveyou12']) {
      const refused = await signUp(common);
      expect(refused.statusCode, common).toBe(400);
      expect(refused.json().error.field).toBe('password');
      expect(refused.json().error.message).toMatch(/^password: that is one of the most common passwords/);
    }
    expect(await store.accounts.findForAdmin('weak@example.org')).toBeUndefined();
    expect((await signUp('tangerine velvet harbour')).statusCode).toBe(202);
  });
});
