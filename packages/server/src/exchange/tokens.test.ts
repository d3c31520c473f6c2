import { expect, test } from 'vitest';
import { hashSecret, mintSecret } from '../secret-tokens.ts';

test('a million minted tokens hold no duplicate, each 128 bits in base64url, stored only as a hash', () => {
  const started = performance.now();
  const seen = new Set<string>();
  const count = 1_000_000;
  for (let i = 0; i < count; i++) seen.add(mintSecret().secret);
  const elapsedMs = Math.round(performance.now() - started);
  console.log(
    JSON.stringify({ test: 'million-tokens', tokens: count, duplicates: count - seen.size, elapsedMs }),
  );
  expect(seen.size).toBe(count);

  const { secret, hash } = mintSecret();
  expect(secret).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(Buffer.from(secret, 'base64url')).toHaveLength(16);
  expect(hash).toBe(hashSecret(secret));
  expect(hash).not.toContain(secret);
});
