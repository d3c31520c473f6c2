import { join, resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';
import { DEFAULT_PUBLIC_RATE_LIMITS } from './public-rate-limit.ts';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.ts';

const HOURS = 60 * 60 * 1000;

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url().optional(),
  ALLOW_SIGNUPS: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_LIMIT_PER_IP: z.coerce.number().int().min(1).default(DEFAULT_PUBLIC_RATE_LIMITS.perAddress),
  WEB_DIR: z.string().min(1).optional(),
  PUBLIC_LIMIT_GLOBAL: z.coerce.number().int().min(1).default(DEFAULT_PUBLIC_RATE_LIMITS.overall),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).default(1000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(10_000),
  SHED_HEAP_MB: z.coerce.number().int().min(1).optional(),
  TRUST_PROXY: z.string().default('').transform(parseTrustProxy),
});

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  sqliteFile: string;
  /** The address other people reach this server at; links and the calendar feed are built from it. */
  publicUrl: string;
  /** Whether accounts after the first (the owner) may sign up. */
  allowSignups: boolean;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** Cookies are Secure whenever the public address is HTTPS. */
  secureCookies: boolean;
  /**
   * Budgets a minute of the public token pages: requests from one client (an IPv4 address, an IPv6
   * /64), and wrong guesses from all together (docs/decisions/0012-public-page-budgets.md).
   */
  publicRateLimits: { perAddress: number; overall: number };
  /** Whose `X-Forwarded-For` names the client: none (off), the proxies' addresses, or a hop count. */
  trustProxy: TrustProxy;
  /**
   * Host names requests may name in `Host`: PUBLIC_URL's, and the loopback names (which a page of
   * another site cannot make a browser send, so DNS rebinding cannot use them).
   */
  allowedHosts: readonly string[];
  /** The built web app served at `/` (packages/web/dist); none: `/` says how to build it. */
  webDir: string | undefined;
  /** Open connections at most; more are ended at once (and fewer when the limit of open files is low). */
  maxConnections: number;
  /** A client has this long to send its request's headers (slowloris); the whole request has 30 s. */
  headersTimeoutMs: number;
  /**
   * Heap in use past which requests answer 503 until it falls again: memory pressure is shed
   * instead of growing until V8 ends the process. Default: 90% of what V8 may grow to.
   */
  shedHeapBytes: number;
}

/** Reads and validates the environment once, at start. The only place that reads `process.env`. */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`configuration: ${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'invalid'}`);
  }
  const values = parsed.data;
  const publicUrl = (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    sqliteFile: resolve(join(values.DATA_DIR, 'rapport.sqlite')),
    publicUrl,
    allowSignups: values.ALLOW_SIGNUPS === 'true',
    logLevel: values.LOG_LEVEL,
    sessionIdleMs: 14 * 24 * HOURS,
    sessionAbsoluteMs: 90 * 24 * HOURS,
    secureCookies: publicUrl.startsWith('https://'),
    publicRateLimits: { perAddress: values.PUBLIC_LIMIT_PER_IP, overall: values.PUBLIC_LIMIT_GLOBAL },
    trustProxy: values.TRUST_PROXY,
    allowedHosts: Object.freeze([
      ...new Set([new URL(publicUrl).hostname.toLowerCase(), 'localhost', '127.0.0.1', '[::1]']),
    ]),
    webDir: values.WEB_DIR === undefined ? undefined : resolve(values.WEB_DIR),
    maxConnections: values.MAX_CONNECTIONS,
    headersTimeoutMs: values.HEADERS_TIMEOUT_MS,
    shedHeapBytes:
      values.SHED_HEAP_MB === undefined
        ? Math.floor(getHeapStatistics().heap_size_limit * 0.9)
        : values.SHED_HEAP_MB * 1024 * 1024,
  });
}

/** The configuration as it may be logged: the database password masked. */
export function describeConfig(config: ServerConfig): Record<string, unknown> {
  return { ...config, databaseUrl: config.databaseUrl?.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') };
}
