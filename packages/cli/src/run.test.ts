import { PRACTICE_SCENARIOS, VERDICTS } from '@rapport/core';
import { describe, expect, test } from 'vitest';
import { run } from './run.ts';
import { createTestIo } from './test-io.ts';

async function runJson(args: string[], options: Parameters<typeof createTestIo>[0] = {}) {
  const test = createTestIo(options);
  const code = await run([...args, '--json'], test.io);
  expect(test.stderr()).toBe('');
  expect(code).toBe(0);
  return JSON.parse(test.stdout());
}

async function runBad(args: string[], options: Parameters<typeof createTestIo>[0] = {}) {
  const test = createTestIo(options);
  const code = await run(args, test.io);
  expect(code).toBe(2);
  expect(test.stdout()).toBe('');
  expect(test.errLines()).toHaveLength(1);
  const line = test.errLines()[0] ?? '';
  expect(line).not.toMatch(/\n|at .*\(.*:\d+:\d+\)/);
  return line;
}

describe('rapport moment', () => {
  test('--json prints one object with verdict, reasons and next', async () => {
    const advice = await runJson([
      'moment',
      '--minutes',
      '12',
      '--phase',
      'flowing',
      '--cues',
      'laughing,questions-back',
    ]);
    expect(Object.keys(advice)).toEqual(['verdict', 'reasons', 'next']);
    expect(advice.verdict).toBe('ask-now');
    expect(advice.reasons.map((reason: { id: string }) => reason.id)).toEqual([
      'rapport-flowing',
      'laughing',
      'questions-back',
    ]);
  });

  test('human output leads with the verdict and what to do next', async () => {
    const { io, stdout } = createTestIo();
    expect(await run(['moment', '--minutes', '2', '--phase', 'flowing', '--cues', 'smiling'], io)).toBe(0);
    expect(stdout()).toMatch(/^Wait \(wait\): It is only the first few minutes\./);
    expect(stdout()).toContain('Next: Keep talking');
    expect(stdout()).not.toContain('\u001b[');
  });

  test('bad input exits 2 with one line naming the flag, the value and what is allowed', async () => {
    expect(
      await runBad(['moment', '--minutes', '5', '--phase', 'flowing', '--cues', 'smiling,winking']),
    ).toBe(
      "rapport moment: --cues: unknown cue 'winking': allowed are eye-contact, smiling, laughing, questions-back, leaning-in, shared-interest, lingering, short-answers, looking-away, checking-phone, closed-posture, in-a-hurry, mentions-partner, uncomfortable",
    );
    expect(await runBad(['moment', '--minutes', '5', '--phase', 'middle'])).toBe(
      "rapport moment: unknown --phase 'middle': allowed are opening, flowing, winding-down",
    );
    expect(await runBad(['moment', '--minutes', '-3', '--phase', 'flowing'])).toBe(
      'rapport moment: --minutes must be a number of minutes, 0 or more (got -3)',
    );
    expect(await runBad(['moment', '--minutes', 'ten', '--phase', 'flowing'])).toBe(
      "rapport moment: --minutes must be a number of minutes, 0 or more (got 'ten')",
    );
    expect(await runBad(['moment', '--phase', 'flowing'])).toBe('rapport moment: --minutes <n> is required');
    expect(await runBad(['moment', '--minutes', '4', '--phase', 'flowing', '--mood', 'x'])).toBe(
      'rapport moment: unknown flag --mood: allowed are --minutes, --phase, --cues, --json',
    );
    expect(await runBad(['moment', '--minutes'])).toBe('rapport moment: --minutes needs a value');
  });
});

describe('rapport ask', () => {
  test('--json prints the line, tips and both answers', async () => {
    const ask = await runJson([
      'ask',
      '--name',
      'Sam',
      '--reason',
      'activity',
      '--activity',
      'the jazz night',
      '--seed',
      '0',
    ]);
    expect(Object.keys(ask)).toEqual(['line', 'tips', 'ifDeclined', 'ifAccepted']);
    expect(ask.line).toBe(
      "Sam, I'm planning to check out the jazz night. Can I get your number so we can coordinate?",
    );
    expect(ask.ifDeclined).toBe('No worries, maybe another time.');
  });

  test('offer, social and friend approaches use their flags', async () => {
    expect((await runJson(['ask', '--approach', 'offer', '--my-name', 'Priya'])).line).toContain(
      "I'm Priya, here's my number",
    );
    expect((await runJson(['ask', '--approach', 'social', '--platform', 'Signal'])).line).toContain('Signal');
    expect((await runJson(['ask', '--approach', 'friend', '--friend', 'Robin'])).line).toMatch(/^Hi Robin/);
  });

  test('bad reason, approach, seed, and activity without --activity exit 2 naming the flag', async () => {
    expect(await runBad(['ask', '--reason', 'flirt'])).toBe(
      "rapport ask: unknown --reason 'flirt': allowed are continue, activity",
    );
    expect(await runBad(['ask', '--approach', 'shout'])).toBe(
      "rapport ask: unknown --approach 'shout': allowed are direct, offer, social, friend",
    );
    expect(await runBad(['ask', '--reason', 'activity'])).toBe(
      'rapport ask: --activity is required with reason \'activity\': name the plan, e.g. "that new cafe next week"',
    );
    expect(await runBad(['ask', '--seed', '-1'])).toBe(
      'rapport ask: --seed must be a whole number, 0 or more (got -1)',
    );
  });
});

describe('rapport coach', () => {
  const GOOD =
    'Hey Sam, it was great meeting you earlier! I was just thinking about what you said about the jazz festival. How did you first get into jazz?';

  test('--json coaches the text argument with its context', async () => {
    const coaching = await runJson([
      'coach',
      '--name',
      'Sam',
      '--topic',
      'jazz festival',
      '--hours-since-meeting',
      '5',
      GOOD,
    ]);
    expect(coaching).toEqual({ verdict: 'send', score: 100, flags: [] });
  });

  test('reads the message from stdin when no text is given, and lists each flag with its words', async () => {
    const test = createTestIo({ stdin: 'Why haven’t you answered?? sorry to bother you' });
    expect(await run(['coach', '--unanswered', '2'], test.io)).toBe(0);
    expect(test.stdout()).toMatch(/^Revise \(revise, score \d+\/100\)/);
    for (const code of ['pressure', 'double-text', 'apologetic'])
      expect(test.stdout()).toContain(`${code}: `);
    expect(test.stdout()).toContain('“sorry to bother you”');
  });

  test('text after -- may start with a dash', async () => {
    const { io, stdout } = createTestIo();
    expect(
      await run(['coach', '--json', '--topic', 'chess', '--', '--so what got you into chess?'], io),
    ).toBe(0);
    const codes = JSON.parse(stdout()).flags.map((flag: { code: string }) => flag.code);
    expect(codes).not.toContain('no-shared-topic');
    expect(codes).not.toContain('no-open-question');
  });

  test('an empty message, or none at a terminal, exits 2', async () => {
    expect(await runBad(['coach', '   '])).toBe(
      'rapport coach: the message <text> is empty: give the text to check as an argument or on stdin',
    );
    expect(await runBad(['coach'])).toBe(
      'rapport coach: no message <text>: give the text to check as an argument, or pipe it on stdin',
    );
  });

  test('bad numbers name their flag and value', async () => {
    expect(await runBad(['coach', '--hours-since-meeting', '-2', 'hi'])).toBe(
      'rapport coach: --hours-since-meeting must be a number of hours, 0 or more (got -2)',
    );
    expect(await runBad(['coach', '--unanswered', 'two', 'hi'])).toBe(
      "rapport coach: --unanswered must be a whole number of messages, 0 or more (got 'two')",
    );
  });
});

describe('rapport plan', () => {
  test('--json plans across the spring daylight-saving change in the given zone', async () => {
    const plan = await runJson([
      'plan',
      '--met',
      '2026-03-28T20:00',
      '--tz',
      'Europe/Berlin',
      '--topic',
      'jazz piano',
    ]);
    expect(Object.keys(plan)).toEqual(['status', 'advice', 'firstMessage', 'cadence']);
    expect(plan.firstMessage.earliest).toBe('2026-03-29T08:00:00+02:00');
    expect(plan.firstMessage.latest).toBe('2026-03-29T21:59:00+02:00');
    expect(plan.firstMessage.draft).toContain('jazz piano');
    expect(plan.cadence.map((step: { kind: string }) => step.kind)).toContain('suggest-meetup');
  });

  test('defaults to the system zone and quiet hours 22:00-08:00', async () => {
    const plan = await runJson(['plan', '--met', '2026-07-10T21:00'], { timeZone: 'America/New_York' });
    expect(plan.firstMessage.earliest).toBe('2026-07-11T08:00:00-04:00');
  });

  test('an offset in --met wins over the zone it is shown in', async () => {
    const plan = await runJson([
      'plan',
      '--met',
      '2026-07-10T12:00Z',
      '--tz',
      'Asia/Kolkata',
      '--quiet',
      '23:00-07:00',
    ]);
    expect(plan.firstMessage.earliest).toBe('2026-07-10T20:30:00+05:30');
  });

  test('an unknown zone, an unreadable date and bad quiet hours exit 2 naming the flag', async () => {
    expect(await runBad(['plan', '--met', '2026-03-28T20:00', '--tz', 'Mars/Base'])).toBe(
      "rapport plan: --tz 'Mars/Base' is not a known IANA time zone, e.g. Europe/Berlin",
    );
    expect(await runBad(['plan', '--met', 'yesterday'])).toBe(
      "rapport plan: --met 'yesterday' is not a date-time: use e.g. 2026-03-28T20:00 or 2026-03-28T20:00+01:00",
    );
    expect(await runBad(['plan', '--met', '2026-03-28T20:00', '--quiet', '22-8'])).toBe(
      "rapport plan: --quiet must look like 22:00-08:00 (start-end, 24-hour clock; got '22-8')",
    );
    expect(await runBad(['plan'])).toBe(
      'rapport plan: --met <date-time> is required, e.g. --met 2026-03-28T20:00',
    );
  });
});

describe('rapport practice', () => {
  test('--json lists every scenario with its right verdicts', async () => {
    const { scenarios } = await runJson(['practice']);
    expect(scenarios).toHaveLength(PRACTICE_SCENARIOS.length);
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
    expect(scenarios[0]).toHaveProperty('right');
  });

  test('an interactive round scores each answer and explains the right call', async () => {
    const probe = createTestIo({ lines: [] });
    await run(['practice', '--count', '2', '--seed', '11'], probe.io);
    const titles = PRACTICE_SCENARIOS.filter((scenario) => probe.stdout().includes(scenario.title));
    expect(titles).toHaveLength(1);
    const scenario = titles[0];
    if (!scenario) return;
    const rightNumber = String(VERDICTS.indexOf(scenario.right[0] ?? 'wait') + 1);
    const round = createTestIo({ lines: ['maybe', rightNumber, 'q'] });
    expect(await run(['practice', '--count', '2', '--seed', '11'], round.io)).toBe(0);
    expect(round.stdout()).toContain('Type a number from 1 to 5');
    expect(round.stdout()).toContain(`✓ Right: ${scenario.right[0]}.`);
    expect(round.stdout()).toContain(scenario.why);
    expect(round.stdout()).toContain('You read 1 of 1 moments right.');
  });

  test('a wrong answer is explained, not just marked', async () => {
    const probe = createTestIo({ lines: [] });
    await run(['practice', '--count', '1', '--seed', '3'], probe.io);
    const scenario = PRACTICE_SCENARIOS.find((candidate) => probe.stdout().includes(candidate.title));
    const wrong = VERDICTS.find((verdict) => !scenario?.right.includes(verdict)) ?? 'wait';
    const round = createTestIo({ lines: [wrong] });
    await run(['practice', '--count', '1', '--seed', '3'], round.io);
    expect(round.stdout()).toContain(
      `✗ Not quite: ${wrong}. The right call: ${scenario?.right.join(' or ')}.`,
    );
    expect(round.stdout()).toContain('You read 0 of 1 moments right.');
  });

  test('--count must be a whole number', async () => {
    expect(await runBad(['practice', '--count', 'lots'])).toBe(
      "rapport practice: --count must be a whole number, 1 or more (got 'lots')",
    );
  });
});

describe('rapport help and unknown commands', () => {
  test.each(['moment', 'ask', 'coach', 'plan', 'practice'])(
    'rapport %s --help prints its usage',
    async (command) => {
      const { io, stdout } = createTestIo();
      expect(await run([command, '--help'], io)).toBe(0);
      expect(stdout()).toContain(`Usage: rapport ${command}`);
    },
  );

  test('rapport serve --help says when to set TRUST_PROXY, and that a bad one is refused', async () => {
    const { io, stdout } = createTestIo();
    expect(await run(['serve', '--help'], io)).toBe(0);
    expect(stdout()).toContain('Behind a reverse proxy, set TRUST_PROXY');
    expect(await runBad(['serve'], { env: { TRUST_PROXY: 'true' } })).toMatch(
      /^rapport serve: configuration: TRUST_PROXY: .*give the proxy addresses or networks/,
    );
  });

  test('rapport with no command prints the overview', async () => {
    const { io, stdout } = createTestIo();
    expect(await run([], io)).toBe(0);
    expect(stdout()).toContain('rapport moment --help');
  });

  test('an unknown command exits 2 and lists the commands', async () => {
    expect(await runBad(['flirt'])).toBe(
      "rapport: unknown command 'flirt': allowed are moment, ask, coach, plan, practice, serve, migrate, backup, import, export, card (rapport --help)",
    );
  });
});
