import { DomainError } from '@rapport/core';
import type { FastifyReply } from 'fastify';
import { describeError, type RouteDeps, type ZodApp } from '../app.ts';
import { FORM_TOKEN_FIELD, isPostFromPage } from '../form-token.ts';
import { checkPublicRateLimit, type RateDecision, recordPublicMiss } from '../public-rate-limit.ts';
import {
  misdirectedPage,
  NOT_FOUND_PAGE,
  PAGE_CSP,
  REFUSED_PAGE,
  TOO_MANY_PAGE,
} from './exchange-page-html.ts';

/**
 * What every public token page (`/x/`, `/i/`) shares: private headers on every answer, the public
 * budgets, forms that must come from their page, and the same designed pages for dead (404),
 * rate-limited (429) and refused (403, 421) answers. `csp` is the scope's own pages' policy; the
 * shared pages carry their own.
 */
export function guardPublicPages(scope: ZodApp, deps: RouteDeps, csp: string): void {
  const ownOrigin = new URL(deps.config.publicUrl).origin;
  const { publicRateLimits } = deps.config;

  // A callback, not a promise: on SQLite the counters are in memory and decide at once.
  scope.addHook('onRequest', (request, reply, done) => {
    setPageHeaders(reply, csp);
    const answer = (decision: RateDecision) => {
      if (decision.allowed) return done();
      reply.header('retry-after', String(decision.retryAfterSeconds));
      sendPublicPage(reply, 429, TOO_MANY_PAGE);
    };
    const decision = checkPublicRateLimit(deps.store, request.ip, deps.now(), publicRateLimits);
    if (decision instanceof Promise) decision.then(answer).catch(done);
    else answer(decision);
  });

  // Decided from the request alone, before any lookup: a dead token is refused like a live one.
  scope.addHook('preHandler', (request, _reply, done) => {
    if (request.method !== 'POST') return done();
    const token = (request.params as { token?: unknown }).token;
    const fromPage =
      typeof token === 'string' && isPostFromPage(request.headers, request.body, token, ownOrigin);
    if (!fromPage) return done(new DomainError('cross-site-request', 'the form was not sent from its page'));
    // The form's own fields only, past this point.
    if (typeof request.body === 'object' && request.body !== null)
      delete (request.body as Record<string, unknown>)[FORM_TOKEN_FIELD];
    done();
  });

  // Every 404 of these pages is a wrong guess: counted toward the overall budget of wrong guesses.
  scope.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode !== 404) return done(null, payload);
    const counted = recordPublicMiss(deps.store, request.ip, deps.now());
    if (counted instanceof Promise) {
      counted.then(
        () => done(null, payload),
        (error: unknown) => {
          // The answer stands; only the count of one wrong guess is lost.
          request.log.warn({ err: error }, 'a wrong guess could not be counted');
          done(null, payload);
        },
      );
    } else done(null, payload);
  });

  scope.setNotFoundHandler((_request, reply) => sendPublicPage(reply, 404, NOT_FOUND_PAGE));
  // Dead, rate-limited and refused answers are pages; other errors keep the app's error body.
  scope.setErrorHandler((error, _request, reply) => {
    const { status } = describeError(error);
    const page = pageFor(status, deps.config.publicUrl);
    if (page) return sendPublicPage(reply, status, page);
    setPageHeaders(reply, csp);
    if ((error as { code?: string }).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      throw new DomainError(
        'unsupported-media-type',
        'send the form as Content-Type: application/x-www-form-urlencoded',
      );
    }
    throw error;
  });
}

function pageFor(status: number, publicUrl: string): Buffer | undefined {
  if (status === 404) return NOT_FOUND_PAGE;
  if (status === 429) return TOO_MANY_PAGE;
  if (status === 403) return REFUSED_PAGE;
  if (status === 421) return misdirectedPage(publicUrl);
  return undefined;
}

/** Set first, so every answer carries them: pages, 404, 429 and errors alike. */
function setPageHeaders(reply: FastifyReply, csp: string): void {
  reply.header('cache-control', 'no-store');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('content-security-policy', csp);
  reply.header('x-robots-tag', 'noindex');
}

/** One of the shared pages, with the headers of every public answer and the pages' own policy. */
export function sendPublicPage(reply: FastifyReply, status: number, html: Buffer): FastifyReply {
  setPageHeaders(reply, PAGE_CSP);
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
