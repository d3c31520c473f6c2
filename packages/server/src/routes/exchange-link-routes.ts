import { DomainError } from '@rapport/core';
import type { CardId, EncounterId, ExchangeLink, ExchangeLinkId } from '@rapport/db';
import { z } from 'zod';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { renderQr } from '../render-qr.ts';
import { mintSecret } from '../secret-tokens.ts';
import { idParams } from './people-routes.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

const linkAddressSchema = z.object({
  url: z.string().describe('the page to send or show: /x/<token>; shown once, only its hash is kept'),
  qrSvg: z.string().describe('the same address as a QR code (SVG)'),
  expiresAt: z.string(),
});

export const linkSchema = z.object({
  id: z.string(),
  cardId: z.string(),
  cardLabel: z.string(),
  encounterId: z.string().nullable(),
  oneTime: z.boolean(),
  state: z
    .enum(['active', 'expired', 'shared-back', 'declined', 'revoked'])
    .describe('declined says only that: never who'),
  createdAt: z.string(),
  expiresAt: z.string(),
  viewed: z.boolean(),
  answered: z.boolean(),
  sharedBack: z.number().describe('how often someone shared back through it'),
  declined: z.number().describe('how often someone pressed "Not now"'),
  personId: z.string().nullable().describe('who shared back through it last'),
});

/** My exchange links: create one for a card, list them, reset a link's address, revoke it. */
export function registerExchangeLinkRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/cards/:id/links',
    {
      schema: {
        summary:
          'Make an exchange link for one of my cards: its page shows what the card shows, and they may share back or decline.',
        params: idParams,
        body: z.strictObject({
          expiresInDays: z.number().int().min(1).max(90).default(30),
          oneTime: z.boolean().default(false).describe('ends after the first answer (share back or not now)'),
          encounterId: z.string().min(1).max(64).optional().describe('who shares back is linked to it'),
        }),
        response: { 201: linkAddressSchema.extend({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const { expiresInDays, oneTime, encounterId } = request.body;
      const card = await deps.store.cards.get(accountId, request.params.id as CardId);
      if (!card) throw notFound('card');
      if (encounterId && !(await deps.store.encounters.get(accountId, encounterId as EncounterId))) {
        throw new DomainError('not-found', 'encounter not found', 'encounterId');
      }
      const now = deps.now();
      const { secret, hash } = mintSecret();
      const link = await deps.store.exchangeLinks.create(accountId, {
        id: deps.newId() as ExchangeLinkId,
        cardId: card.id,
        encounterId: (encounterId ?? null) as EncounterId | null,
        tokenHash: hash,
        oneTime,
        expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS).toISOString(),
        now: now.toISOString(),
      });
      return reply.status(201).send({ id: link.id, ...(await addressOf(deps, secret, link)) });
    },
  );

  app.get(
    '/api/links',
    {
      schema: {
        summary: 'My exchange links, newest first: state, whether viewed, and how they were answered.',
        response: { 200: z.object({ links: z.array(linkSchema) }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const links = await deps.store.exchangeLinks.list(accountId, deps.now().toISOString());
      return { links: links.map(presentLink) };
    },
  );

  app.post(
    '/api/links/:id/reset',
    {
      schema: {
        summary: 'Give a live link a new address (and QR code); the old address stops working at once.',
        params: idParams,
        response: { 200: linkAddressSchema },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const { secret, hash } = mintSecret();
      const id = request.params.id as ExchangeLinkId;
      const reset = await deps.store.exchangeLinks.resetToken(accountId, id, hash, deps.now().toISOString());
      if (!reset) throw notFound('link');
      if (reset === 'ended') {
        throw new DomainError('invalid-input', 'this link has ended: make a new one for the card', 'id');
      }
      return addressOf(deps, secret, reset);
    },
  );

  app.post(
    '/api/links/:id/revoke',
    {
      schema: {
        summary: 'Switch a link off: its page answers like any unknown address from now on.',
        params: idParams,
        response: { 200: z.object({ link: linkSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const id = request.params.id as ExchangeLinkId;
      const link = await deps.store.exchangeLinks.revoke(accountId, id, deps.now().toISOString());
      if (!link) throw notFound('link');
      return { link: presentLink(link) };
    },
  );
}

async function addressOf(deps: RouteDeps, secret: string, link: ExchangeLink) {
  const url = `${deps.config.publicUrl}/x/${secret}`;
  return { url, qrSvg: await renderQr(url, 'svg'), expiresAt: link.expiresAt };
}

export function presentLink(link: ExchangeLink): z.infer<typeof linkSchema> {
  return {
    id: link.id,
    cardId: link.cardId,
    cardLabel: link.cardLabel,
    encounterId: link.encounterId,
    oneTime: link.oneTime,
    state: link.state,
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    viewed: link.viewed,
    answered: link.answeredAt !== null,
    sharedBack: link.shares,
    declined: link.declines,
    personId: link.personId,
  };
}
