import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * What each request writes to the log (docs/decisions/0009-public-page-speed.md): one line when it is
 * answered, with method, path, status and time together, instead of Fastify's two. Successful answers
 * of the public token pages, which strangers open many times a minute, are written at debug; their
 * refusals and failures at info like every other request; errors always.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const fields = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else if (reply.statusCode < 400 && PUBLIC_TOKEN_PAGE.test(request.url))
      reply.log.debug(fields, 'request completed');
    else reply.log.info(fields, 'request completed');
  }
}

/** The exchange and introduction pages behind a token. */
const PUBLIC_TOKEN_PAGE = /^\/[xi]\//;

type LevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
/** pino's levels: a line is written when its level is at least the logger's. */
const LEVEL_VALUES: Readonly<Record<LevelName, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

/**
 * A request's logger (Fastify's `childLoggerFactory`), made only when the request writes a line. With
 * redaction on, pino makes a child by running its request id through every redaction path (about as
 * long as answering a kept page), and most requests write nothing at the configured level.
 */
export function createLazyRequestLogger(
  parent: FastifyBaseLogger,
  bindings: Parameters<FastifyBaseLogger['child']>[0],
  options: Parameters<FastifyBaseLogger['child']>[1] = {},
): FastifyBaseLogger {
  // A route with a level of its own needs a child holding it from the start.
  if (options.level !== undefined) return parent.child(bindings, options);
  return new LazyRequestLogger(parent, bindings, options);
}

class LazyRequestLogger implements FastifyBaseLogger {
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Parameters<FastifyBaseLogger['child']>[0];
  readonly #options: Parameters<FastifyBaseLogger['child']>[1];
  #child: FastifyBaseLogger | undefined;

  constructor(
    parent: FastifyBaseLogger,
    bindings: Parameters<FastifyBaseLogger['child']>[0],
    options: Parameters<FastifyBaseLogger['child']>[1],
  ) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  get level(): FastifyBaseLogger['level'] {
    return (this.#child ?? this.#parent).level;
  }

  set level(level: FastifyBaseLogger['level']) {
    this.#made().level = level;
  }

  fatal(...args: unknown[]): void {
    this.#write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#write('error', args);
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }
  info(...args: unknown[]): void {
    this.#write('info', args);
  }
  debug(...args: unknown[]): void {
    this.#write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#write('trace', args);
  }
  silent(): void {}

  child(
    bindings: Parameters<FastifyBaseLogger['child']>[0],
    options?: Parameters<FastifyBaseLogger['child']>[1],
  ) {
    return this.#made().child(bindings, options);
  }

  #write(level: LevelName, args: unknown[]): void {
    const logger = this.#child ?? (isEnabled(this.#parent.level, level) ? this.#made() : undefined);
    (logger?.[level] as ((...args: unknown[]) => void) | undefined)?.apply(logger, args);
  }

  #made(): FastifyBaseLogger {
    this.#child ??= this.#parent.child(this.#bindings, this.#options);
    return this.#child;
  }
}

function isEnabled(configured: string, level: LevelName): boolean {
  if (configured === 'silent') return false;
  return LEVEL_VALUES[level] >= (LEVEL_VALUES[configured as LevelName] ?? 0);
}
