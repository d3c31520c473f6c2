import { DomainError } from '@rapport/core';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.ts';

/**
 * Checks every request passes before any route: `Host` names this server, API answers are kept by
 * no cache, and requests from other sites change nothing. Hooks with a callback, not a promise:
 * most requests pass them with nothing to do.
 */
export function registerRequestGuards(app: FastifyInstance, config: ServerConfig): void {
  const allowedHosts = new Set(config.allowedHosts);
  const publicHost = new URL(config.publicUrl).host;
  // A page of another site that made its name point here (DNS rebinding) sends its own name.
  app.addHook('onRequest', (request, _reply, done) => {
    if (allowedHosts.has(hostnameOf(request.host))) return done();
    const message = `this server answers for ${publicHost}: open ${config.publicUrl}`;
    done(new DomainError('misdirected-request', message, 'host'));
  });

  // Answers of the API carry someone's data: no browser or shared cache may keep them.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs'))
      reply.header('cache-control', 'no-store');
    done();
  });

  // The public pages' forms check their origin themselves, with the page's form token.
  app.addHook('onRequest', (request, _reply, done) => {
    const { method } = request;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return done();
    if (request.url.startsWith('/x/') || request.url.startsWith('/i/')) return done();
    if (!isCrossSite(request.headers, config.publicUrl)) return done();
    done(new DomainError('cross-site-request', 'requests from other sites may not change anything here'));
  });
}

/** The host name of a `Host` value, lower case, without port or final dot; '' when there is none. */
function hostnameOf(host: string | undefined): string {
  if (!host) return '';
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
  return name.toLowerCase().replace(/\.$/, '');
}

function isCrossSite(headers: Record<string, string | string[] | undefined>, publicUrl: string): boolean {
  if (headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = headers.origin;
  if (typeof origin !== 'string' || origin === '') return false;
  // A page sent with Referrer-Policy: no-referrer posts its forms with `Origin: null` (Fetch spec).
  if (origin === 'null' && headers['sec-fetch-site'] === 'same-origin') return false;
  const host = headers.host;
  const allowed = [new URL(publicUrl).origin, `http://${host}`, `https://${host}`];
  return !allowed.includes(origin);
}
