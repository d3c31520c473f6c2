import { expect, test } from 'vitest';
import { clientBudgetKey } from './client-budget-key.ts';

test('IPv4 addresses are their own budget', () => {
  expect(clientBudgetKey('203.0.113.7')).toBe('203.0.113.7');
  expect(clientBudgetKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
});

test('IPv6 addresses share a budget per /64, however they are written', () => {
  const keys = [
    '2001:db8:aa:bb::1',
    '2001:0db8:00aa:00bb:ffff:ffff:ffff:ffff',
    '2001:db8:aa:bb:1:2:3:4',
    '2001:DB8:AA:BB::1.2.3.4',
    'fe80::1%eth0'.replace('fe80::1', '2001:db8:aa:bb::9'),
  ].map(clientBudgetKey);
  expect(new Set(keys)).toEqual(new Set(['2001:db8:aa:bb::/64']));
  expect(clientBudgetKey('2001:db8:aa:bc::1')).toBe('2001:db8:aa:bc::/64');
  expect(clientBudgetKey('::1')).toBe('0:0:0:0::/64');
  expect(clientBudgetKey('2001:db8::')).toBe('2001:db8:0:0::/64');
});
