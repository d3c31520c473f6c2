import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { CONSENT_COMMANDS } from './consent-commands.ts';
import { type ConsentModel, checkInvariants } from './consent-model.ts';
import { type ConsentApp, forBothStores } from './consent-test-kit.ts';

/** CI runs the long version; a developer's `npm test` a quicker one. */
const RUNS = process.env.CI ? 50 : 10;
const MAX_COMMANDS = process.env.CI ? 40 : 15;
const SEED_PEOPLE = [
  { name: 'Dana Seed', phone: '+49 170 5550101', handles: [{ platform: 'instagram', handle: 'pool.one' }] },
  { name: 'Sam Seed', phone: '+49 170 5550102' },
  { name: 'Kai Seed', handles: [{ platform: 'x', handle: 'pooltwo' }] },
];

/**
 * The consent rules over every write path at once: random sequences of outcomes, person edits,
 * share-backs, "not now", imports, merges, blocks, introduction answers and reviews, each on a fresh
 * account, with every invariant checked after every step (see consent-model.ts).
 */
forBothStores((storeName, open) => {
  describe(`the consent model on ${storeName}`, () => {
    let t: ConsentApp;
    beforeAll(async () => {
      t = await open();
    });
    afterAll(async () => {
      await t?.close();
    });

    test('every step keeps every consent invariant', { timeout: 600_000 }, async () => {
      let steps = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.commands(CONSENT_COMMANDS, { maxCommands: MAX_COMMANDS, size: 'max' }),
          async (commands) => {
            const real = await t.another();
            const model: ConsentModel = { people: [], reviews: [], intros: [], eventsExpected: 0 };
            // A book to start from: people with numbers and handles, one with a plan under way.
            for (const seed of SEED_PEOPLE) {
              const id = await real.addPerson(seed);
              model.people.push({ id, askStatus: null, blocked: false });
            }
            await real.meet(model.people[0]?.id ?? null, { outcome: 'gave-number' });
            for (const command of commands) {
              if (!command.check(model)) continue;
              await command.run(model, real);
              await checkInvariants(model, real);
              steps += 1;
            }
            // One live event per share-back that was not blocked, and none for those that were.
            const sharedBack = () =>
              real.events.filter((event) => event.type.startsWith('shared-back')).length;
            await vi.waitFor(() => expect(sharedBack()).toBe(model.eventsExpected));
          },
        ),
        { numRuns: RUNS },
      );
      console.log(JSON.stringify({ test: 'consent-model', store: storeName, runs: RUNS, steps }));
      expect(steps).toBeGreaterThan(RUNS);
    });
  });
});
