import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { asUser } from '../testing/test-app.ts';
import {
  createCard,
  createExchangeApp,
  type ExchangeApp,
  SHARE_FORM,
  tokenOf,
  visit,
} from './exchange-test-kit.ts';

/**
 * RELIABILITY.md, tokens and links: a fast-check model of exchange links. Commands create, reset,
 * revoke, view, share back, decline and move the clock; after every step every token minted so far is
 * opened: a dead one (revoked, reset away, expired, used one-time, declined one-time) never answers
 * 200, and a live one always does.
 */

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

interface ModelLink {
  id: string;
  oneTime: boolean;
  expiresAt: number;
  state: 'active' | 'shared-back' | 'declined' | 'revoked';
  token: string;
  oldTokens: string[];
}
interface Model {
  links: ModelLink[];
  now: number;
}
type Command = fc.AsyncCommand<Model, ExchangeApp>;

const figures = { runs: 0, commands: 0, tokenChecks: 0, deadAnswered200: 0, liveAnswered404: 0 };
let t: ExchangeApp;
let cardId: string;

beforeAll(async () => {
  t = await createExchangeApp();
  cardId = await createCard(t.app, t.cookie);
});

afterAll(async () => {
  await t.close();
});

const isLive = (link: ModelLink, now: number) => link.state === 'active' && now < link.expiresAt;

/** Opens every token of the run (after a new rate window) and compares with the model. */
async function checkEveryToken(model: Model, real: ExchangeApp): Promise<void> {
  model.now += 61_000;
  real.clock.advance(61_000);
  for (const link of model.links) {
    for (const token of [link.token, ...link.oldTokens]) {
      const expected = token === link.token && isLive(link, model.now) ? 200 : 404;
      const status = (await visit(real.app, `/x/${token}`)).statusCode;
      figures.tokenChecks++;
      if (expected === 404 && status === 200) figures.deadAnswered200++;
      if (expected === 200 && status !== 200) figures.liveAnswered404++;
      expect(status, `${link.state} link, ${token === link.token ? 'current' : 'old'} token`).toBe(expected);
    }
  }
}

/** A command on one of the model's links, picked by `pick`; `act` answers the status it expects. */
function onLink(
  name: string,
  pick: number,
  act: (link: ModelLink, model: Model, real: ExchangeApp) => Promise<void>,
): Command {
  return {
    check: (model) => model.links.length > 0,
    async run(model, real) {
      figures.commands++;
      const link = model.links[pick % model.links.length];
      if (!link) throw new Error('no link');
      await act(link, model, real);
      await checkEveryToken(model, real);
    },
    toString: () => `${name}(${pick})`,
  };
}

const create = (oneTime: boolean, days: number): Command => ({
  check: () => true,
  async run(model, real) {
    figures.commands++;
    const response = await asUser(real.app, real.cookie).post(`/api/cards/${cardId}/links`, {
      oneTime,
      expiresInDays: days,
    });
    expect(response.statusCode).toBe(201);
    const { id, url } = response.json();
    model.links.push({
      id,
      oneTime,
      expiresAt: model.now + days * DAY,
      state: 'active',
      token: tokenOf(url),
      oldTokens: [],
    });
    await checkEveryToken(model, real);
  },
  toString: () => `create(${oneTime ? 'one-time' : 'reusable'}, ${days}d)`,
});

const reset = (pick: number) =>
  onLink('reset', pick, async (link, model, real) => {
    const response = await asUser(real.app, real.cookie).post(`/api/links/${link.id}/reset`);
    expect(response.statusCode).toBe(isLive(link, model.now) ? 200 : 400);
    if (response.statusCode === 200) {
      link.oldTokens.push(link.token);
      link.token = tokenOf(response.json().url);
    }
  });

const revoke = (pick: number) =>
  onLink('revoke', pick, async (link, _model, real) => {
    expect((await asUser(real.app, real.cookie).post(`/api/links/${link.id}/revoke`)).statusCode).toBe(200);
    if (link.state === 'active') link.state = 'revoked';
  });

const view = (pick: number, old: boolean) =>
  onLink(old ? 'view-old' : 'view', pick, async (link, model, real) => {
    const token = old ? (link.oldTokens[0] ?? link.token) : link.token;
    const live = token === link.token && isLive(link, model.now);
    expect((await visit(real.app, `/x/${token}`)).statusCode).toBe(live ? 200 : 404);
  });

const answer = (kind: 'share' | 'decline', pick: number) =>
  onLink(kind, pick, async (link, model, real) => {
    const live = isLive(link, model.now);
    const form = kind === 'share' ? SHARE_FORM : {};
    expect((await visit(real.app, `/x/${link.token}/${kind}`, { form })).statusCode).toBe(live ? 200 : 404);
    if (live && link.oneTime) link.state = kind === 'share' ? 'shared-back' : 'declined';
  });

const advance = (hours: number): Command => ({
  check: () => true,
  async run(model, real) {
    figures.commands++;
    model.now += hours * HOUR;
    real.clock.advance(hours * HOUR);
    await checkEveryToken(model, real);
  },
  toString: () => `advance(${hours}h)`,
});

test('a dead token never answers 200 and a live one always does, after every step', async () => {
  // FC_SEED replays a failing run.
  const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
  const commands = fc.commands(
    [
      // Twice: a run needs links before most commands apply.
      fc.tuple(fc.boolean(), fc.constantFrom(1, 2, 30)).map(([oneTime, days]) => create(oneTime, days)),
      fc.tuple(fc.boolean(), fc.constantFrom(1, 2, 30)).map(([oneTime, days]) => create(oneTime, days)),
      fc.nat().map(reset),
      fc.nat().map(revoke),
      fc.tuple(fc.nat(), fc.boolean()).map(([pick, old]) => view(pick, old)),
      fc.nat().map((pick) => answer('share', pick)),
      fc.nat().map((pick) => answer('decline', pick)),
      fc.integer({ min: 1, max: 30 }).map(advance),
    ],
    { maxCommands: 24, size: 'large' },
  );
  await fc.assert(
    fc.asyncProperty(commands, async (cmds) => {
      figures.runs++;
      await fc.asyncModelRun(() => ({ model: { links: [], now: t.clock.now().getTime() }, real: t }), cmds);
    }),
    { numRuns: 60, seed },
  );
  console.log(JSON.stringify({ test: 'link-model', seed, ...figures }));
  expect(figures.deadAnswered200).toBe(0);
});
