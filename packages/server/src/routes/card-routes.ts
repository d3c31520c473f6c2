import {
  type CardQrFormat,
  cardQrPayload,
  profileUrl,
  SOCIAL_PLATFORM_NAMES,
  type SocialPlatform,
  visibleCardFields,
} from '@rapport/core';
import type { Card, CardId } from '@rapport/db';
import { z } from 'zod';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { cardNameSchema } from '../name-schema.ts';
import { formatPhone } from '../phone-numbers.ts';
import { renderQr } from '../render-qr.ts';
import { resolveCardFields } from '../resolve-card-fields.ts';
import { idParams, regionOf } from './people-routes.ts';

const platform = z.enum(SOCIAL_PLATFORM_NAMES as [SocialPlatform, ...SocialPlatform[]]);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const cardFields = {
  label: z.string().trim().min(1).max(40).describe('e.g. "Just Instagram", "Full"; unique among my cards'),
  name: cardNameSchema,
  phone: z.string().trim().max(40).nullable().optional().describe("any format; read in my account's region"),
  email: z.email().max(254).nullable().optional(),
  note: optionalText(280),
  handles: z
    .array(
      z.strictObject({
        platform,
        handle: z
          .string()
          .trim()
          .max(200)
          .optional()
          .describe("required, except for WhatsApp, which goes by the card's phone number"),
      }),
    )
    .max(SOCIAL_PLATFORM_NAMES.length)
    .optional(),
  shows: z
    .strictObject({
      name: z.boolean().optional(),
      phone: z.boolean().optional(),
      email: z.boolean().optional(),
      note: z.boolean().optional(),
      handles: z.array(platform).max(SOCIAL_PLATFORM_NAMES.length).optional(),
    })
    .optional()
    .describe(
      'which fields the card shows; defaults: name and note shown, phone and email hidden, every handle shown',
    ),
};

const shownHandle = z.object({ platform: z.string(), handle: z.string(), url: z.string() });
export const cardSchema = z.object({
  id: z.string(),
  label: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable().describe('E.164, then `;ext=45` when it has an extension (RFC 3966)'),
  phoneDisplay: z.string().nullable().describe("in the account's national format"),
  email: z.string().nullable(),
  note: z.string().nullable(),
  handles: z.array(shownHandle),
  shows: z.object({
    name: z.boolean(),
    phone: z.boolean(),
    email: z.boolean(),
    note: z.boolean(),
    handles: z.array(z.string()),
  }),
  visible: z
    .object({
      name: z.string().optional(),
      phone: z.string().optional(),
      email: z.string().optional(),
      note: z.string().optional(),
      handles: z.array(shownHandle),
    })
    .describe('exactly what the card reveals to whoever sees it or scans its QR code'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function registerCardRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/cards',
    {
      schema: {
        summary: 'Make a card: what I may show someone I meet. The phone is hidden until I turn it on.',
        body: z.strictObject(cardFields),
        response: { 201: z.object({ card: cardSchema }) },
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const region = await regionOf(accountId, deps);
      const existing = await deps.store.cards.list(accountId);
      const fields = resolveCardFields(request.body, region, undefined, existing);
      const id = deps.newId() as CardId;
      const card = await deps.store.cards.create(accountId, { ...fields, id, now: deps.now().toISOString() });
      return reply.status(201).send({ card: presentCard(card, region) });
    },
  );

  app.get(
    '/api/cards',
    {
      schema: {
        summary: 'My cards, oldest first.',
        response: { 200: z.object({ cards: z.array(cardSchema) }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const region = await regionOf(accountId, deps);
      return { cards: (await deps.store.cards.list(accountId)).map((card) => presentCard(card, region)) };
    },
  );

  app.get(
    '/api/cards/:id',
    { schema: { summary: 'One card.', params: idParams, response: { 200: z.object({ card: cardSchema }) } } },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const card = await deps.store.cards.get(accountId, request.params.id as CardId);
      if (!card) throw notFound('card');
      return { card: presentCard(card, await regionOf(accountId, deps)) };
    },
  );

  app.patch(
    '/api/cards/:id',
    {
      schema: {
        summary: 'Change a card: fields given replace the stored ones; null clears one.',
        params: idParams,
        body: z.strictObject({ ...cardFields, label: cardFields.label.optional() }),
        response: { 200: z.object({ card: cardSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const id = request.params.id as CardId;
      const cards = await deps.store.cards.list(accountId);
      const previous = cards.find((card) => card.id === id);
      if (!previous) throw notFound('card');
      const region = await regionOf(accountId, deps);
      const fields = resolveCardFields(request.body, region, previous, cards);
      const card = await deps.store.cards.update(accountId, id, fields, deps.now().toISOString());
      if (!card) throw notFound('card');
      return { card: presentCard(card, region) };
    },
  );

  app.delete(
    '/api/cards/:id',
    { schema: { summary: 'Delete a card, and every exchange link made from it.', params: idParams } },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      if (!(await deps.store.cards.delete(accountId, request.params.id as CardId))) throw notFound('card');
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/cards/:id/qr.svg',
    {
      schema: {
        summary:
          "The card's QR code. `mode=offline`: the payload is the card itself (a small vCard 3.0 or " +
          'MeCard of the fields it shows), so a phone camera adds the contact with no server and no signal.',
        params: idParams,
        // TODO(#4): the exchange-link engineer adds mode=link (a QR of the hosted link) to this enum.
        querystring: z.strictObject({
          mode: z.enum(['offline']),
          format: z.enum(['vcard', 'mecard']).default('vcard'),
        }),
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const card = await deps.store.cards.get(accountId, request.params.id as CardId);
      if (!card) throw notFound('card');
      const svg = await renderQr(cardQrPayload(card, request.query.format satisfies CardQrFormat), 'svg');
      return reply.type('image/svg+xml').header('cache-control', 'private, no-store').send(svg);
    },
  );
}

export function presentCard(card: Card, region: string): z.infer<typeof cardSchema> {
  const visible = visibleCardFields(card);
  return {
    ...card,
    phoneDisplay: card.phone ? formatPhone(card.phone, region) : null,
    handles: card.handles.map((handle) => ({
      ...handle,
      url: profileUrl({ platform: handle.platform as SocialPlatform, handle: handle.handle }),
    })),
    visible,
  };
}
