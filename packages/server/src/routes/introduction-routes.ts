import { DomainError } from '@rapport/core';
import type { AccountId, Introduction, IntroductionId, PersonId } from '@rapport/db';
import { z } from 'zod';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { mintSecret } from '../secret-tokens.ts';
import { idParams } from './people-routes.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const personRef = z.string().min(1).max(64);

/** What the introducer may learn: whether it happened. Never who declined, nor who has answered. */
const INTRODUCER_STATES = ['pending', 'completed', 'not-completed'] as const;
type IntroducerState = (typeof INTRODUCER_STATES)[number];

export const introSchema = z.object({
  id: z.string(),
  a: z.string().describe('one of my people'),
  b: z.string().describe('the other one'),
  note: z.string().nullable(),
  state: z
    .enum(INTRODUCER_STATES)
    .describe('pending, completed, or not completed (declined, revoked or expired, alike)'),
  expiresAt: z.string().describe('the pages answer until then'),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
});

export function registerIntroductionRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/intros',
    {
      schema: {
        summary:
          'Introduce two of my people (double opt-in). Answers one link for each, which I send them ' +
          'myself; only hashes of their tokens are kept, so the links are shown once.',
        body: z.strictObject({
          a: personRef.describe('one of my people'),
          b: personRef.describe('another of my people'),
          note: z.string().trim().max(280).nullable().optional().describe('why: both pages show it'),
          expiresInDays: z.number().int().min(1).max(30).default(14),
        }),
        response: {
          201: z.object({
            id: z.string(),
            expiresAt: z.string(),
            links: z.object({ a: z.string(), b: z.string() }),
          }),
        },
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const { a, b, note, expiresInDays } = request.body;
      if (a === b) throw new DomainError('invalid-input', 'b must be a different person than a', 'b');
      const account = await deps.store.accounts.get(accountId);
      if (!account?.settings.name) {
        throw new DomainError(
          'invalid-input',
          'set your name first (PATCH /api/settings { "name": … }): each page says who introduces them',
          'name',
        );
      }
      for (const [field, personId] of [
        ['a', a],
        ['b', b],
      ] as const) {
        await checkIntroducible(accountId, field, personId as PersonId, deps);
      }
      const now = deps.now();
      const tokenA = mintSecret();
      const tokenB = mintSecret();
      const intro = await deps.store.introductions.create(accountId, {
        id: deps.newId() as IntroductionId,
        personAId: a as PersonId,
        personBId: b as PersonId,
        note: note || null,
        tokenAHash: tokenA.hash,
        tokenBHash: tokenB.hash,
        expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS).toISOString(),
        now: now.toISOString(),
      });
      const link = (secret: string) => `${deps.config.publicUrl}/i/${secret}`;
      return reply.status(201).send({
        id: intro.id,
        expiresAt: intro.expiresAt,
        links: { a: link(tokenA.secret), b: link(tokenB.secret) },
      });
    },
  );

  app.get(
    '/api/intros',
    {
      schema: {
        summary: 'My introductions, newest first: whether each happened, never who said no.',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ intros: z.array(introSchema) }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const intros = await deps.store.introductions.list(accountId, request.query);
      const now = deps.now().toISOString();
      return { intros: intros.map((intro) => presentIntro(intro, now)) };
    },
  );

  app.get(
    '/api/intros/:id',
    {
      schema: {
        summary: 'One of my introductions.',
        params: idParams,
        response: { 200: z.object({ intro: introSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const intro = await deps.store.introductions.get(accountId, request.params.id as IntroductionId);
      if (!intro) throw notFound('introduction');
      return { intro: presentIntro(intro, deps.now().toISOString()) };
    },
  );

  app.post(
    '/api/intros/:id/revoke',
    {
      schema: {
        summary:
          'Take an introduction back: a pending one is dropped, a completed one stays completed but ' +
          'its pages close now. Either way both links answer not found from now on.',
        params: idParams,
        response: { 200: z.object({ intro: introSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const id = request.params.id as IntroductionId;
      const now = deps.now().toISOString();
      const intro = await deps.store.transaction(async (stores) => {
        if (!(await stores.introductions.get(accountId, id))) return undefined;
        await stores.introductions.revoke(accountId, id, now);
        return stores.introductions.get(accountId, id);
      });
      if (!intro) throw notFound('introduction');
      return { intro: presentIntro(intro, now) };
    },
  );
}

/** One of my people, and not blocked: a blocked person gets no new introductions. */
async function checkIntroducible(
  accountId: AccountId,
  field: 'a' | 'b',
  personId: PersonId,
  deps: RouteDeps,
): Promise<void> {
  if (!(await deps.store.people.get(accountId, personId)))
    throw new DomainError('not-found', `${field} is not one of your people`, field);
  if (await deps.store.blocks.isBlocked(accountId, { personId })) {
    throw new DomainError(
      'invalid-input',
      `${field} is a person you blocked: unblock them first (DELETE /api/blocks/:id)`,
      field,
    );
  }
}

export function introducerStateOf(intro: Introduction, now: string): IntroducerState {
  if (intro.state === 'completed') return 'completed';
  return intro.state === 'pending' && now < intro.expiresAt ? 'pending' : 'not-completed';
}

export function presentIntro(intro: Introduction, now: string): z.infer<typeof introSchema> {
  return {
    id: intro.id,
    a: intro.personAId,
    b: intro.personBId,
    note: intro.note,
    state: introducerStateOf(intro, now),
    expiresAt: intro.expiresAt,
    completedAt: intro.completedAt,
    createdAt: intro.createdAt,
  };
}
