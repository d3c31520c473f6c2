import { DomainError, formatVCard } from '@rapport/core';
import { type IntroductionShare, isIntroductionOpen } from '@rapport/db';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.ts';
import { hashSecret } from '../secret-tokens.ts';
import {
  buildIntroductionView,
  type IntroductionPage,
  offeredShares,
  revealedContactOf,
  revealOf,
} from './introduction-page-view.ts';
import { parseForm } from './parse-form.ts';
import { guardPublicPages } from './public-page-guard.ts';
import { INTRODUCTION_PAGE_CSP, renderIntroductionPage } from './render-introduction-page.ts';

/** A token is 128 bits in base64url: 22 characters. Anything else is answered like an unknown token. */
const TOKEN = /^[A-Za-z0-9_-]{22}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Once both said yes, each page stays open at least this long to show the other's details. */
const REVEAL_DAYS = 14;
const tokenParams = z.strictObject({ token: z.string() });

/**
 * The two pages of an introduction, at /i/<token>: server-rendered HTML without JavaScript. Unknown,
 * expired, revoked, declined and blocked tokens all answer the public pages' common 404, byte for
 * byte; budgets, form checks and the other shared answers are guardPublicPages'.
 */
export function registerPublicIntroductionPages(app: ZodApp, deps: RouteDeps): void {
  app.register(pages, { prefix: '/i' });

  async function pages(plugin: ZodApp): Promise<void> {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // The pages post plain HTML forms; the parser lives in this scope only, the API stays JSON.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, parseForm(String(body))),
    );
    guardPublicPages(scope, deps, INTRODUCTION_PAGE_CSP);

    scope.get(
      '/:token',
      { schema: { summary: 'An introduction page.', params: tokenParams } },
      async (request, reply) => {
        const { token } = request.params;
        const page = await openPage(token, deps);
        return sendHtml(reply, renderIntroductionPage(buildIntroductionView(page, token)));
      },
    );

    scope.post(
      '/:token/accept',
      {
        schema: {
          summary: 'Say yes, with what the other may see (form field `share`).',
          params: tokenParams,
        },
      },
      async (request, reply) => {
        const { token } = request.params;
        const page = await openPage(token, deps);
        const offered = offeredShares(page.self);
        const asked = requestedShares(request.body);
        const shares: IntroductionShare[] = ['name', ...offered.filter((share) => asked.includes(share))];
        const revealUntil = new Date(deps.now().getTime() + REVEAL_DAYS * DAY_MS).toISOString();
        await deps.store.transaction((stores) =>
          stores.introductions.accept(page.introduction.id, page.side, {
            shares,
            reveal: revealOf(page.self, shares),
            now: page.now,
            revealUntil,
            consentIds: [deps.newId(), deps.newId()],
          }),
        );
        return reply.redirect(`/i/${token}`, 303);
      },
    );

    scope.post(
      '/:token/decline',
      { schema: { summary: 'Say no thanks.', params: tokenParams } },
      async (request, reply) => {
        const { token } = request.params;
        const page = await openPage(token, deps);
        const declined = await deps.store.transaction((stores) =>
          stores.introductions.decline(page.introduction.id, page.now),
        );
        if (declined) {
          return sendHtml(reply, renderIntroductionPage({ kind: 'declined', introducer: page.introducer }));
        }
        // It completed (or closed) meanwhile: the page says which, or answers the common 404.
        await openPage(token, deps);
        return reply.redirect(`/i/${token}`, 303);
      },
    );

    scope.get(
      '/:token/contact.vcf',
      {
        schema: {
          summary: "The other's chosen details as a vCard, once both said yes.",
          params: tokenParams,
        },
      },
      async (request, reply) => {
        const page = await openPage(request.params.token, deps);
        if (page.introduction.state !== 'completed') throw deadLink();
        const contact = revealedContactOf(page);
        const vcard = formatVCard(
          {
            name: contact.name,
            phones: contact.phone ? [contact.phone.e164] : [],
            urls: contact.handles.map((handle) => handle.url),
            // Met through me: the saved contact says who introduced them, and why.
            note: [`Introduced by ${page.introducer}`, page.introduction.note].filter(Boolean).join(': '),
          },
          '3.0',
        );
        return reply
          .type('text/vcard; charset=utf-8')
          .header('content-disposition', 'attachment; filename="contact.vcf"')
          .send(vcard);
      },
    );
  }
}

/** The live introduction behind a token, or the common 404. A pending one past its time expires here. */
async function openPage(token: string, deps: RouteDeps): Promise<IntroductionPage> {
  if (!TOKEN.test(token)) throw deadLink();
  const found = await deps.store.introductions.findByToken(hashSecret(token));
  if (!found) throw deadLink();
  const { introduction, side } = found;
  const now = deps.now().toISOString();
  if (!isIntroductionOpen(introduction, now)) {
    if (introduction.state === 'pending')
      await deps.store.transaction((stores) => stores.introductions.expire(introduction.id, now));
    throw deadLink();
  }
  const { accountId, personAId, personBId } = introduction;
  const [account, personA, personB] = await Promise.all([
    deps.store.accounts.get(accountId),
    deps.store.people.get(accountId, personAId),
    deps.store.people.get(accountId, personBId),
  ]);
  if (!account || !personA || !personB) throw deadLink();
  const [self, other] = side === 'a' ? [personA, personB] : [personB, personA];
  const introducer = account.settings.name ?? 'A friend of yours';
  return { introduction, side, self, other, introducer, timeZone: account.settings.timeZone, now };
}

function deadLink(): DomainError {
  // The public pages' not-found answer: a dead token looks like an address that never existed.
  return new DomainError('not-found', 'not found');
}

function sendHtml(reply: FastifyReply, html: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(html);
}

/** The `share` field of the form (or of a JSON body): unknown values are ignored. */
function requestedShares(body: unknown): string[] {
  const share = typeof body === 'object' && body !== null ? (body as { share?: unknown }).share : undefined;
  const values = Array.isArray(share) ? share : [share];
  return values.filter((value): value is string => typeof value === 'string');
}
