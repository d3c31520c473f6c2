import { createSeededRandom } from '@rapport/core';
import type { IntroductionId } from '@rapport/db';
import { type PostgresCluster, postgresSuite, startPostgres } from '@rapport/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type IntroApp, startIntroApp } from './intro-test-kit.ts';

const RACERS = 50;
const MIXED_ROUNDS = 12;

/**
 * RELIABILITY.md: accept, decline, revoke and expire are one guarded transaction each, so fifty
 * racing requests give exactly one outcome. On SQLite the writes queue behind one connection; on
 * PostgreSQL they run on a pool of ten connections at once, which is where a weak guard would show.
 */
function raceSuite(name: string, open: () => Promise<IntroApp>) {
  describe(`racing answers on ${name}`, () => {
    let t: IntroApp;
    beforeAll(async () => {
      t = await open();
    });
    afterAll(async () => {
      await t?.close();
    });

    const rowOf = async (id: string) =>
      (await t.query('SELECT * FROM introductions WHERE id = ?', [id]))[0] as Record<string, unknown>;
    // Each race starts a new minute for the public pages' overall rate limit, and stays under it.
    const race = <T>(count: number, request: (index: number) => Promise<T>) => {
      t.clock.advance(60_000);
      return Promise.all(Array.from({ length: count }, (_unused, index) => request(index)));
    };

    test('fifty racing accepts on one side change the record once', async () => {
      const intro = await t.introduce();
      const answers = await race(RACERS, () =>
        t.page('POST', `/i/${intro.tokens.a}/accept`, { form: 'share=phone' }),
      );
      // The same guarded UPDATE, raced below the HTTP layer, counts its winners directly.
      const direct = await t.introduce();
      const results = await race(RACERS, () =>
        t.store.transaction((stores) =>
          stores.introductions.accept(direct.id as IntroductionId, 'a', {
            shares: ['name'],
            reveal: { name: 'Someone', phone: null, handles: [] },
            now: t.clock.now().toISOString(),
            revealUntil: t.clock.now().toISOString(),
            consentIds: [crypto.randomUUID(), crypto.randomUUID()],
          }),
        ),
      );
      const winners = results.filter((result) => result.changed).length;
      const row = await rowOf(intro.id);
      console.log(
        JSON.stringify({
          test: 'racing-accepts-one-side',
          store: name,
          requests: RACERS,
          answered303: answers.filter((answer) => answer.statusCode === 303).length,
          directWinners: winners,
          finalState: row.state,
        }),
      );
      expect(answers.every((answer) => answer.statusCode === 303)).toBe(true);
      expect(winners).toBe(1);
      expect(row).toMatchObject({ state: 'pending', answer_a: 'accepted', answer_b: 'pending' });
    });

    test('fifty racing accepts of the second side complete it once, with one consent row per side', async () => {
      const intro = await t.introduce();
      await t.page('POST', `/i/${intro.tokens.a}/accept`, { form: 'share=phone' });
      const consentBefore = (await t.consentRows()).length;
      const answers = await race(RACERS, () =>
        t.page('POST', `/i/${intro.tokens.b}/accept`, { form: 'share=handles' }),
      );
      const consentAdded = (await t.consentRows()).length - consentBefore;
      const row = await rowOf(intro.id);
      console.log(
        JSON.stringify({
          test: 'racing-accepts-completing',
          store: name,
          requests: RACERS,
          answered303: answers.filter((answer) => answer.statusCode === 303).length,
          consentRowsAdded: consentAdded,
          finalState: row.state,
        }),
      );
      expect(row.state).toBe('completed');
      expect(consentAdded).toBe(2);
    });

    test('mixed accepts and declines across both sides always end in one consistent state', async () => {
      const outcomes = { completed: 0, declined: 0, inconsistent: 0 };
      let requests = 0;
      for (let round = 0; round < MIXED_ROUNDS; round++) {
        const intro = await t.introduce();
        const consentBefore = (await t.consentRows()).length;
        // 20 accept-a, 20 accept-b, 5 decline-a, 5 decline-b, in an order that changes each round
        const plan = shuffled(
          Array.from({ length: RACERS }, (_unused, index) => {
            const side = index % 2 === 0 ? 'a' : 'b';
            return { side, action: index >= 40 ? 'decline' : 'accept' } as const;
          }),
          round,
        );
        const answers = await race(RACERS, (index) => {
          const step = plan[index] ?? { side: 'a', action: 'accept' };
          return t.page('POST', `/i/${intro.tokens[step.side]}/${step.action}`, { form: 'share=phone' });
        });
        requests += answers.length;
        const row = await rowOf(intro.id);
        const consentAdded = (await t.consentRows()).length - consentBefore;
        const declineWins = answers.filter((answer) => answer.statusCode === 200).length;
        const pages = await Promise.all(
          (['a', 'b'] as const).map((side) => t.page('GET', `/i/${intro.tokens[side]}`)),
        );
        const consistent =
          row.state === 'completed'
            ? declineWins === 0 && consentAdded === 2 && pages.every((page) => page.statusCode === 200)
            : row.state === 'declined' &&
              declineWins === 1 &&
              consentAdded === 0 &&
              pages.every((page) => page.statusCode === 404);
        if (!consistent) outcomes.inconsistent += 1;
        else if (row.state === 'completed') outcomes.completed += 1;
        else outcomes.declined += 1;
      }
      console.log(
        JSON.stringify({ test: 'racing-mixed', store: name, rounds: MIXED_ROUNDS, requests, ...outcomes }),
      );
      expect(outcomes.inconsistent).toBe(0);
      expect(outcomes.completed + outcomes.declined).toBe(MIXED_ROUNDS);
    });

    test('racing blocks of a person and accepts of their introduction leave one block and a dead introduction', async () => {
      const intro = await t.introduce();
      const answers = await race(RACERS, (index) =>
        index % 2 === 0
          ? t.api('POST', '/api/blocks', { personId: t.people.a })
          : t.page('POST', `/i/${intro.tokens.a}/accept`, { form: 'share=phone' }),
      );
      const blocks = answers.filter((_answer, index) => index % 2 === 0);
      const created = blocks.filter((answer) => answer.statusCode === 201);
      const blockRows = await t.query('SELECT id FROM blocks WHERE person_id = ?', [t.people.a]);
      const row = await rowOf(intro.id);
      const page = await t.page('GET', `/i/${intro.tokens.b}`);
      console.log(
        JSON.stringify({
          test: 'racing-blocks',
          store: name,
          requests: RACERS,
          blocksCreated: created.length,
          blockRows: blockRows.length,
          finalState: row.state,
          pageAfter: page.statusCode,
        }),
      );
      expect(created).toHaveLength(1);
      expect(blocks.every((answer) => [200, 201].includes(answer.statusCode))).toBe(true);
      expect(blockRows).toHaveLength(1);
      expect(row.state).toBe('revoked');
      expect(page.statusCode).toBe(404);
      await t.api('DELETE', `/api/blocks/${created[0]?.json().block.id}`);
    });
  });
}

/** A fixed shuffle per round, so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const random = createSeededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

raceSuite('SQLite', () => startIntroApp());

const pg = postgresSuite();
describe.skipIf(!pg.available)('PostgreSQL', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  raceSuite('PostgreSQL', () => startIntroApp({ databaseUrl: cluster.url }));
});
