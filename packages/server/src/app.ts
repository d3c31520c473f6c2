import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import underPressure from '@fastify/under-pressure';
import { DomainError } from '@rapport/core';
import type { Store } from '@rapport/db';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type ErrorBody, STATUS_BY_CODE, toErrorBody } from './api-error.ts';
import type { ServerConfig } from './config.ts';
import { findUnstorableText } from './find-unstorable-text.ts';
import { schedulePurge } from './purge-expired.ts';
import { closeUnreadConnections, refuseUnreadBodies } from './refuse-unread-bodies.ts';
import { registerRequestGuards } from './request-guards.ts';
import { createLazyRequestLogger, RequestLogController } from './request-log.ts';
import { registerAccountRoutes } from './routes/account-routes.ts';
import { registerBlockRoutes } from './routes/block-routes.ts';
import { registerCardRoutes } from './routes/card-routes.ts';
import { registerEventRoutes } from './routes/event-routes.ts';
import { registerExchangeLinkRoutes } from './routes/exchange-link-routes.ts';
import { registerImportExportRoutes } from './routes/import-export-routes.ts';
import { registerIntroductionRoutes } from './routes/introduction-routes.ts';
import { registerPeopleRoutes } from './routes/people-routes.ts';
import { registerPublicExchangePages } from './routes/public-exchange-pages.ts';
import { registerPublicIntroductionPages } from './routes/public-introduction-pages.ts';
import { registerShareBackRoutes } from './routes/share-back-routes.ts';
import { registerTimelineRoutes } from './routes/timeline-routes.ts';
import { computeSecurityHeaders } from './security-headers.ts';
import { fastifyTrustProxy } from './trust-proxy.ts';
import { registerWebApp } from './web-app-routes.ts';

/** What every route may use: the store, the configuration, and time and ids passed in. */
export interface RouteDeps {
  store: Store;
  config: ServerConfig;
  now: () => Date;
  newId: () => string;
}

/** The app as routes see it: Zod schemas give each handler its types. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppOptions {
  store: Store;
  config: ServerConfig;
  now?: () => Date;
  newId?: () => string;
  /** A pino destination for the logs; tests pass one to read every line. */
  logStream?: { write: (line: string) => void };
}

/** Log fields that never reach a log line (RELIABILITY.md: logs and privacy). */
export const REDACTED_LOG_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.phone',
  '*.email',
  '*.handle',
  '*.token',
  '*.password',
];

/** Builds the whole HTTP app without listening: tests inject requests, `serve` listens. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
      ...(options.logStream ? { stream: options.logStream } : {}),
      serializers: {
        // The URL path only: calendar secrets and search words stay out of the logs.
        req: (request: { method: string; url: string }) => ({
          method: request.method,
          path: request.url
            .split('?')[0]
            ?.replace(/^\/calendar\/[^/]+$/, '/calendar/[secret]')
            .replace(/^\/i\/[^/]+/, '/i/[token]')
            .replace(/^\/x\/[^/]+/, '/x/[token]'),
        }),
      },
    },
    logController: new RequestLogController(),
    childLoggerFactory: createLazyRequestLogger,
    // Off unless TRUST_PROXY names the proxies in front: then `request.ip` is the visitor behind them.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    bodyLimit: 16 * 1024,
    requestTimeout: 30_000,
    connectionTimeout: 30_000,
    // Slow clients (slowloris) are cut: headers must arrive in time, checked every second.
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: 1000 },
    // A malformed URL (bad percent-encoding, an overlong parameter) answers the common error body too.
    frameworkErrors: (error, _request, reply) => {
      const body: ErrorBody = {
        error: { code: 'invalid-input', message: `the address is malformed: ${error.message}` },
      };
      (reply as unknown as FastifyReply).status(400).send(body);
    },
  });
  // Text must be storable as sent on both stores (no NUL, no lone surrogate), in the body, the query
  // and the path. The hooks on every request take a callback rather than a promise: most requests
  // pass them with nothing to do.
  app.addHook('preValidation', (request, _reply, done) => {
    for (const part of [request.params, request.query, request.body]) {
      const found = findUnstorableText(part);
      if (found === undefined) continue;
      const { field, why } = found;
      return done(new DomainError('invalid-input', `${field || 'body'}: ${why}`, field || undefined));
    }
    done();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = describeError(error);
    if (status === 503) reply.header('retry-after', '5');
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    reply.status(status).send(body);
  });

  // JSON only: any other content type answers 415 instead of being parsed as text.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  const securityHeaders = computeSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        // Over plain http on a LAN, upgrading would point the app's own scripts at an https that is not there.
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: config.secureCookies,
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  registerRequestGuards(app, config);
  // Overload is shed with 503 and retry-after rather than queued until every request is slow.
  await app.register(underPressure, {
    maxEventLoopDelay: 1000,
    maxHeapUsedBytes: config.shedHeapBytes,
    retryAfter: 5,
    pressureHandler: (_request, reply) => {
      reply
        .status(503)
        .header('retry-after', '5')
        .send({
          error: { code: 'overloaded', message: 'the server is overloaded: try again shortly' },
        });
    },
  });
  // Limits are set per route (sign-in now; public pages later), counted per client address.
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Rapport API',
        version: '0.1.0',
        description: 'Accounts, people, encounters and follow-ups.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'rapport_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const deps: RouteDeps = {
    store: options.store,
    config,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? (() => crypto.randomUUID()),
  };
  closeUnreadConnections(app);
  // After the request guards (Host, cross-site): a refused request never has its body read.
  refuseUnreadBodies(app, deps);
  const api = app.withTypeProvider<ZodTypeProvider>();
  registerAccountRoutes(api, deps);
  registerPeopleRoutes(api, deps);
  registerCardRoutes(api, deps);
  registerTimelineRoutes(api, deps);
  registerImportExportRoutes(api, deps);
  registerIntroductionRoutes(api, deps);
  registerPublicIntroductionPages(api, deps);
  registerBlockRoutes(api, deps);
  registerExchangeLinkRoutes(api, deps);
  registerShareBackRoutes(api, deps);
  registerPublicExchangePages(api, deps);
  registerEventRoutes(api, deps);
  schedulePurge(app, deps);
  api.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await registerWebApp(app, config.webDir);
  return app;
}

/**
 * Database conditions that pass (a full disk, a busy or read-only file, a lost connection): they
 * answer 503 with retry-after, never a 500 with internals, and recover when the condition clears.
 */
const STORE_UNAVAILABLE_CODES = new Set([
  'SQLITE_FULL',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'ECONNREFUSED',
  'ECONNRESET',
  '57P01',
  '57P03',
  '53100',
  '53300',
]);

/** Matches base codes and their extended forms (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, …). */
function isStoreUnavailable(code: string | undefined): boolean {
  if (typeof code !== 'string') return false;
  return (
    STORE_UNAVAILABLE_CODES.has(code) ||
    STORE_UNAVAILABLE_CODES.has(code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1'))
  );
}

/** The status and error body of any error; the public pages render the status as a page. */
export function describeError(error: unknown): {
  status: number;
  body: ErrorBody | { error: { code: 'internal-error'; message: string } };
} {
  if (error instanceof DomainError) {
    const existingId = (error as DomainError & { existingId?: string }).existingId;
    return { status: STATUS_BY_CODE[error.code], body: toErrorBody(error, existingId ? { existingId } : {}) };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const unknownKeys = (issue?.params as { keys?: string[] } | undefined)?.keys;
    const path = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
    const field = unknownKeys?.[0] ? [path, unknownKeys[0]].filter(Boolean).join('.') : path;
    const where = error.validationContext ?? 'body';
    const message = `${field || where}: ${issue?.message ?? 'invalid'}`;
    return { status: 400, body: { error: { code: 'invalid-input', message, ...(field ? { field } : {}) } } };
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (isStoreUnavailable(fastifyError.code)) {
    return {
      status: 503,
      body: {
        error: {
          code: 'store-unavailable',
          message: 'the database cannot take writes right now: try again shortly',
        },
      },
    };
  }
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return {
      status: 415,
      body: {
        error: { code: 'unsupported-media-type', message: 'send JSON: Content-Type: application/json' },
      },
    };
  }
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    const code = fastifyError.statusCode === 429 ? 'rate-limited' : 'invalid-input';
    return {
      status: fastifyError.statusCode,
      body: { error: { code, message: fastifyError.message ?? 'bad request' } },
    };
  }
  return {
    status: 500,
    body: { error: { code: 'internal-error', message: 'something went wrong on our side' } },
  };
}
