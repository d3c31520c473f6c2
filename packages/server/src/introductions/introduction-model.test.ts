import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  comparable,
  type Intro,
  type IntroApp,
  PEOPLE,
  revealsDetailsOf,
  startIntroApp,
} from './intro-test-kit.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const EXPIRES_IN_DAYS = 14;
const REVEAL_DAYS = 14;

type Side = 'a' | 'b';
type Share = 'phone' | 'handles';
type Command =
  | { kind: 'accept'; side: Side; shares: Share[] }
  | { kind: 'decline'; side: Side }
  | { kind: 'revoke' }
  | { kind: 'view'; side: Side }
  | { kind: 'advance-clock'; ms: number };

/** What the introduction should be, by the rules alone. */
interface Model {
  state: 'pending' | 'completed' | 'declined' | 'revoked';
  answers: Record<Side, 'pending' | 'accepted'>;
  shares: Record<Side, Share[]>;
  expiresAt: number;
}

const side = fc.constantFrom<Side>('a', 'b');
// Weighted towards saying yes, so that many runs reach the reveal before something closes them.
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('accept' as const),
      side,
      shares: fc.subarray<Share>(['phone', 'handles']),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decline' as const), side }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'revoke' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('view' as const), side }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('advance-clock' as const),
      ms: fc.constantFrom(HOUR, DAY, 7 * DAY, 15 * DAY),
    }),
  },
);

let t: IntroApp;
let common404: string;
const figures = {
  runs: 0,
  steps: 0,
  requests: 0,
  checksBeforeReveal: 0,
  checksRevealed: 0,
  checksDead: 0,
  completed: 0,
  declined: 0,
  revoked: 0,
  expired: 0,
};

beforeAll(async () => {
  t = await startIntroApp();
  common404 = comparable(await t.page('GET', '/i/AAAAAAAAAAAAAAAAAAAAAA'));
});
afterAll(async () => {
  await t.close();
});

test('no page reveals the other before both said yes, and dead tokens answer the common 404, after every step', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 16 }), async (commands) => {
      figures.runs += 1;
      // A new minute for the public pages' overall rate limit: each run stays well under it.
      t.clock.advance(60_000);
      const intro = await t.introduce({ expiresInDays: EXPIRES_IN_DAYS });
      const consentBefore = (await t.consentRows()).length;
      const model: Model = {
        state: 'pending',
        answers: { a: 'pending', b: 'pending' },
        shares: { a: [], b: [] },
        expiresAt: t.clock.now().getTime() + EXPIRES_IN_DAYS * DAY,
      };
      for (const step of commands) {
        figures.steps += 1;
        await runStep(step, intro, model);
        await checkInvariant(intro, model);
      }
      const consentAdded = (await t.consentRows()).length - consentBefore;
      expect(consentAdded).toBe(model.state === 'completed' ? 2 : 0);
      tally(model);
    }),
    { numRuns: 100 },
  );
  console.log(JSON.stringify({ test: 'introduction-model', ...figures }));
}, 240_000);

async function runStep(step: Command, intro: Intro, model: Model): Promise<void> {
  const now = t.clock.now().getTime();
  const open = isOpen(model, now);
  figures.requests += step.kind === 'advance-clock' ? 0 : 1;
  switch (step.kind) {
    case 'accept': {
      const form = step.shares.map((share) => `share=${share}`).join('&');
      const answer = await t.page('POST', `/i/${intro.tokens[step.side]}/accept`, { form });
      expect(answer.statusCode).toBe(open ? 303 : 404);
      if (open && model.state === 'pending' && model.answers[step.side] === 'pending') {
        model.answers[step.side] = 'accepted';
        model.shares[step.side] = step.shares;
        if (model.answers.a === 'accepted' && model.answers.b === 'accepted') {
          model.state = 'completed';
          model.expiresAt = Math.max(model.expiresAt, now + REVEAL_DAYS * DAY);
        }
      }
      return;
    }
    case 'decline': {
      const answer = await t.page('POST', `/i/${intro.tokens[step.side]}/decline`, { form: '' });
      const declines = open && model.state === 'pending';
      expect(answer.statusCode).toBe(declines ? 200 : open ? 303 : 404);
      if (declines) model.state = 'declined';
      return;
    }
    case 'revoke': {
      expect((await t.api('POST', `/api/intros/${intro.id}/revoke`)).statusCode).toBe(200);
      if (model.state === 'pending' && now < model.expiresAt) model.state = 'revoked';
      else if (model.state === 'completed' && now < model.expiresAt) model.expiresAt = now;
      return;
    }
    case 'view': {
      const page = await t.page('GET', `/i/${intro.tokens[step.side]}`);
      expect(page.statusCode).toBe(open ? 200 : 404);
      return;
    }
    case 'advance-clock':
      t.clock.advance(step.ms);
      return;
  }
}

/** Checked after every step, on both pages, the vCard and my own view. */
async function checkInvariant(intro: Intro, model: Model): Promise<void> {
  const open = isOpen(model, t.clock.now().getTime());
  for (const viewer of ['a', 'b'] as const) {
    const other = viewer === 'a' ? 'b' : 'a';
    const page = await t.page('GET', `/i/${intro.tokens[viewer]}`);
    const vcf = await t.page('GET', `/i/${intro.tokens[viewer]}/contact.vcf`);
    figures.requests += 2;
    if (!open) {
      figures.checksDead += 1;
      expect(comparable(page)).toBe(common404);
      expect(comparable(vcf)).toBe(common404);
      continue;
    }
    expect(page.statusCode).toBe(200);
    if (model.state !== 'completed') {
      figures.checksBeforeReveal += 1;
      expect(revealsDetailsOf(page.body, other)).toBe(false);
      expect(comparable(vcf)).toBe(common404);
      continue;
    }
    // Revealed: the other's name, and of the rest exactly what the other chose.
    figures.checksRevealed += 1;
    const chosen = model.shares[other];
    expect(page.body).toContain(PEOPLE[other].name);
    expect(page.body.includes(PEOPLE[other].phone)).toBe(chosen.includes('phone'));
    expect(page.body.includes(PEOPLE[other].handle.handle)).toBe(chosen.includes('handles'));
    expect(vcf.statusCode).toBe(200);
    expect(vcf.body.includes(PEOPLE[other].phone)).toBe(chosen.includes('phone'));
  }
  const mine = (await t.api('GET', `/api/intros/${intro.id}`)).json().intro.state;
  figures.requests += 1;
  expect(['pending', 'completed', 'not-completed']).toContain(mine);
  expect(mine).toBe(introducerState(model, t.clock.now().getTime()));
}

function isOpen(model: Model, now: number): boolean {
  return (model.state === 'pending' || model.state === 'completed') && now < model.expiresAt;
}

function introducerState(model: Model, now: number): string {
  if (model.state === 'completed') return 'completed';
  return isOpen(model, now) ? 'pending' : 'not-completed';
}

function tally(model: Model): void {
  const now = t.clock.now().getTime();
  if (model.state === 'pending' && !isOpen(model, now)) figures.expired += 1;
  else if (model.state !== 'pending') figures[model.state] += 1;
}
