import { afterEach } from 'vitest';
import { createExchangeApp, type ExchangeApp } from '../exchange/exchange-test-kit.ts';
import { asUser } from '../testing/test-app.ts';

/**
 * For a test file whose tests each want a fresh app on a real SQLite file: answers `start`, which
 * opens one with the owner signed in (`owner` sends as them); it is closed after each test.
 */
export function exchangeAppPerTest(): () => Promise<ExchangeApp & { owner: ReturnType<typeof asUser> }> {
  let current: ExchangeApp | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async () => {
    current = await createExchangeApp();
    return { ...current, owner: asUser(current.app, current.cookie) };
  };
}
