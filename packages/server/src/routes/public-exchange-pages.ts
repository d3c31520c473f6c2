import { cardQrPayload, visibleCardFields } from '@rapport/core';
import type { AccountId, OwnerEvent } from '@rapport/db';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.ts';
import { settingsOf } from '../follow-up-reminders.ts';
import { hashSecret } from '../secret-tokens.ts';
import { readShareForm, storeShareBack } from '../share-back.ts';
import { createExchangePageCache } from './exchange-page-cache.ts';
import { cardPage, declinedPage, NOT_FOUND_PAGE, PAGE_CSP, thanksPage } from './exchange-page-html.ts';
import { parseForm } from './parse-form.ts';
import { guardPublicPages } from './public-page-guard.ts';

/** A token as minted: 128 bits in base64url. Anything else is unknown without a lookup. */
const TOKEN = /^[A-Za-z0-9_-]{22}$/;
/** The share-back form is small: a name, a number or handle, a short note. */
const FORM_BODY_LIMIT = 4 * 1024;
const tokenParams = z.object({ token: z.string() });

/**
 * The pages behind an exchange link, `/x/<token>`: the card's shown fields, "Save contact", "Share
 * yours back" and "Not now". Every dead token (unknown, expired, revoked, used up, blocked) gets the
 * same 404, byte for byte; every answer is private (no-store, no-referrer, a strict CSP) and counted
 * against the public budgets (see guardPublicPages). Forms post urlencoded; JSON is not taken here.
 */
export function registerPublicExchangePages(app: ZodApp, deps: RouteDeps): void {
  app.register(
    async (plain) => {
      const scope = plain.withTypeProvider<ZodTypeProvider>();
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
        (_request, body, done) => done(null, parseForm(String(body))),
      );
      guardPublicPages(scope, deps, PAGE_CSP);

      const liveCardByHash = async (tokenHash: string, now: string) => {
        const link = await deps.store.exchangeLinks.findLive(tokenHash, now);
        const card = link ? await deps.store.cards.get(link.accountId, link.cardId) : undefined;
        return link && card ? { link, card, visible: visibleCardFields(card) } : undefined;
      };
      const liveCard = async (token: string) =>
        TOKEN.test(token) ? liveCardByHash(hashSecret(token), nowIso(deps)) : undefined;
      const pageCache = createExchangePageCache();
      const publish = (accountId: AccountId, event: OwnerEvent, log: FastifyBaseLogger) =>
        deps.store.events.publish(accountId, event).catch((error: unknown) => {
          // The answer is stored; only the live notice is lost, and the app shows it on its next read.
          log.warn({ err: error }, 'a live event could not be published');
        });

      const pageSchema = (summary: string) => ({ summary, tags: ['public pages'], params: tokenParams });

      /** The card page from the store; kept for the next views when the data allows (see the cache). */
      const pageFromStore = async (reply: FastifyReply, token: string, tokenHash: string, now: Date) => {
        // Read before the lookup: a write after it makes whatever the lookup finds too old to keep.
        const version = deps.store.dataVersion();
        const found = await liveCardByHash(tokenHash, now.toISOString());
        if (!found) return sendPage(reply, 404, NOT_FOUND_PAGE);
        const page = cardPage(token, found.visible);
        // The first view is written down, which moves the version: only pages of viewed links are kept.
        if (!found.link.viewed) await deps.store.exchangeLinks.markViewed(found.link.id, now.toISOString());
        else pageCache.keep(tokenHash, version, Date.parse(found.link.expiresAt), page);
        return sendPage(reply, 200, page);
      };

      scope.get(
        '/:token',
        { schema: pageSchema("The exchange page: the card's shown fields, share back, or not now (HTML).") },
        // Not async: a kept page is sent at once, without a promise; only the store is waited for.
        (request, reply) => {
          const { token } = request.params;
          if (!TOKEN.test(token)) return sendPage(reply, 404, NOT_FOUND_PAGE);
          const tokenHash = hashSecret(token);
          const now = deps.now();
          const kept = pageCache.find(tokenHash, deps.store.dataVersion(), now.getTime());
          if (kept) return sendPage(reply, 200, kept);
          return pageFromStore(reply, token, tokenHash, now);
        },
      );

      scope.get(
        '/:token/contact.vcf',
        { schema: pageSchema("The card's shown fields as a vCard, to save the contact.") },
        async (request, reply) => {
          const found = await liveCard(request.params.token);
          if (!found) return sendPage(reply, 404, NOT_FOUND_PAGE);
          return reply
            .type('text/vcard; charset=utf-8')
            .header('content-disposition', 'attachment; filename="contact.vcf"')
            .send(cardQrPayload(found.card, 'vcard'));
        },
      );

      scope.post(
        '/:token/share',
        {
          schema: pageSchema(
            'Share yours back (urlencoded form: name, phone or platform + handle, note, consent=yes). Adds you to their people with your consent.',
          ),
        },
        async (request, reply) => {
          const found = await liveCard(request.params.token);
          if (!found) return sendPage(reply, 404, NOT_FOUND_PAGE);
          const { phoneRegion } = await settingsOf(deps.store, found.link.accountId);
          const form = readShareForm(isForm(request.body) ? request.body : {}, phoneRegion);
          if (!form.ok) return sendPage(reply, 400, cardPage(request.params.token, found.visible, form));
          const stored = await storeShareBack(deps, hashSecret(request.params.token), form.value);
          if (!stored) return sendPage(reply, 404, NOT_FOUND_PAGE);
          if (stored.event) await publish(stored.accountId, { ...stored.event }, request.log);
          return sendPage(reply, 200, thanksPage(found.visible));
        },
      );

      scope.post(
        '/:token/decline',
        { schema: pageSchema('Not now: ends a one-time link. Nothing about you is stored or told.') },
        async (request, reply) => {
          const token = request.params.token;
          const link = TOKEN.test(token)
            ? await deps.store.exchangeLinks.decline(hashSecret(token), nowIso(deps))
            : undefined;
          if (!link) return sendPage(reply, 404, NOT_FOUND_PAGE);
          await publish(link.accountId, { type: 'link-declined', linkId: link.id }, request.log);
          return sendPage(reply, 200, declinedPage());
        },
      );
    },
    { prefix: '/x' },
  );
}

function nowIso(deps: RouteDeps): string {
  return deps.now().toISOString();
}

function sendPage(reply: FastifyReply, status: number, html: Buffer): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

function isForm(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}
