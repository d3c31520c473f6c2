import { expect, test } from 'vitest';
import { readConfig } from './config.ts';

test('TRUST_PROXY is off by default, and takes addresses, networks or a hop count', () => {
  expect(readConfig({}).trustProxy).toBe(false);
  expect(readConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  expect(readConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
  expect(readConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual([
    '127.0.0.1',
    '10.0.0.0/8',
    'fd00::/8',
  ]);
});

test.each(['true', '0', '11', 'caddy', '10.0.0.0/33', '127.0.0.1/8/1', '::1/129'])(
  'TRUST_PROXY=%s is refused with the way to set it',
  (value) => {
    expect(() => readConfig({ TRUST_PROXY: value })).toThrow(
      /^configuration: TRUST_PROXY: .*give the proxy addresses or networks/,
    );
  },
);

test("the hosts served are PUBLIC_URL's and the loopback names", () => {
  expect(readConfig({ PUBLIC_URL: 'https://Rapport.Example.org/' }).allowedHosts).toEqual([
    'rapport.example.org',
    'localhost',
    '127.0.0.1',
    '[::1]',
  ]);
  expect(readConfig({}).allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
});
