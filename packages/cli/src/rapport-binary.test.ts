import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const BINARY = fileURLToPath(new URL('../bin/rapport.js', import.meta.url));

function rapport(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BINARY, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1', TZ: 'America/New_York' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the rapport binary', () => {
  test('answers a moment as one JSON object and exits 0', () => {
    const result = rapport([
      'moment',
      '--minutes',
      '20',
      '--phase',
      'winding-down',
      '--cues',
      'smiling,laughing',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout).verdict).toBe('ask-before-it-ends');
  });

  test('bad usage exits 2 with one line on stderr and no stack trace', () => {
    const result = rapport(['moment', '--minutes', '5', '--phase', 'middle']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "rapport moment: unknown --phase 'middle': allowed are opening, flowing, winding-down\n",
    );
  });

  test('coaches a message piped on stdin', () => {
    const result = rapport(['coach', '--json'], 'hey\n');
    expect(result.code).toBe(0);
    const coaching = JSON.parse(result.stdout);
    expect(coaching.verdict).toBe('revise');
    expect(coaching.flags.map((flag: { code: string }) => flag.code)).toContain('generic');
  });

  test('plans in the system time zone when --tz is not given', () => {
    const result = rapport(['plan', '--met', '2026-11-01T00:30', '--json']);
    expect(result.code).toBe(0);
    // 00:30 on the night New York falls back is still daylight time, -04:00.
    expect(JSON.parse(result.stdout).firstMessage.earliest).toMatch(/-0[45]:00$/);
  });

  test('plays a practice round from answers piped on stdin, one per line', () => {
    const result = rapport(['practice', '--count', '3', '--seed', '5'], 'maybe\n1\n2\n3\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Type a number from 1 to 5');
    expect(result.stdout.match(/Score: \d\/\d/g)).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/3$/)]),
    );
    expect(result.stdout).toMatch(/You read \d of 3 moments right\./);
  });
});
