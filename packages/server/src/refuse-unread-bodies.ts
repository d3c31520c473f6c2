import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { RouteDeps } from './app.ts';
import { authenticate } from './authenticate.ts';

/**
 * Routes a visitor without an account may send a body to: sign-up, sign-in, and the forms of the
 * public pages (the token in their URL is the credential). Every other body waits for credentials.
 */
const OPEN_TO_VISITORS = [/^POST \/api\/accounts$/, /^POST \/api\/sessions$/, /^POST \/[xi]\//];

/**
 * Size and credentials are checked before a byte of the body is read: an announced length over the
 * route's limit answers 413, and a body for a route that needs an account answers 401 unless its
 * credentials are good. Either way the body is never received, so a stranger's upload costs one
 * header parse, and the connection ends with the answer (see `closeUnreadConnections`).
 */
export function refuseUnreadBodies(app: FastifyInstance, deps: RouteDeps): void {
  app.addHook('onRequest', (request, _reply, done) => {
    if (!announcesBody(request)) return done();
    const length = Number(request.headers['content-length']);
    if (length > request.routeOptions.bodyLimit) return done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    const route = request.routeOptions.url;
    // No route: the 404 answer never reads the body.
    if (route === undefined || OPEN_TO_VISITORS.some((open) => open.test(`${request.method} ${route}`)))
      return done();
    authenticate(request, deps).then(() => done(), done);
  });
}

/**
 * An answer sent before the request's body arrived (a refusal) ends the connection: otherwise Node
 * would go on reading the rest of the body to keep the connection alive.
 */
export function closeUnreadConnections(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, _payload, done) => {
    // Only a request that announced a body it was never parsed from (refused before, or unreadable):
    // one without a body is done once its headers are read, even if a handler answers before Node
    // marks it complete (a kept page is sent synchronously).
    if (announcesBody(request) && request.body === undefined) reply.header('connection', 'close');
    done();
  });
}

function announcesBody(request: FastifyRequest): boolean {
  const { headers } = request;
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}
