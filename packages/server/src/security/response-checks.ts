import type { LightMyRequestResponse } from 'fastify';
import { isPublicRoute, type RouteEntry } from './route-table.ts';

/** Checks on answers that more than one security test makes. */

/** A public page for people, not scripts, may answer its errors as a page (the exchange pages do). */
export function isPublicPage(route: RouteEntry, response: LightMyRequestResponse): boolean {
  return isPublicRoute(route) && String(response.headers['content-type']).startsWith('text/html');
}

const ERROR_KEYS = new Set(['code', 'message', 'field', 'existingId']);

/** What is wrong with a 4xx answer's body, or undefined when it is `{ error: { code, message, field? } }`. */
export function problemWithErrorBody(response: LightMyRequestResponse): string | undefined {
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) return `content-type is ${type}`;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch (_error: unknown) {
    return 'the body is not JSON';
  }
  if (!body || typeof body !== 'object' || Object.keys(body).join() !== 'error') return 'not { error }';
  const error = (body as { error: Record<string, unknown> }).error;
  if (!error || typeof error !== 'object') return 'error is not an object';
  const extra = Object.keys(error).filter((key) => !ERROR_KEYS.has(key));
  if (extra.length > 0) return `unexpected keys ${extra.join(', ')}`;
  if (typeof error.code !== 'string' || !/^[a-z]+(-[a-z]+)*$/.test(error.code))
    return 'code is not kebab-case';
  if (typeof error.message !== 'string' || error.message === '') return 'message is empty';
  if ('field' in error && typeof error.field !== 'string') return 'field is not a string';
  // The one documented extra: a 409 for a phone number already there names the person who has it.
  if ('existingId' in error && error.code !== 'phone-taken') return 'existingId outside phone-taken';
  return undefined;
}

/** The `error` of an error body, or undefined when the answer is not one. */
export function errorOf(response: LightMyRequestResponse): { code?: string; field?: string } | undefined {
  try {
    return (JSON.parse(response.body) as { error?: { code?: string; field?: string } }).error;
  } catch (_error: unknown) {
    return undefined;
  }
}

/**
 * What makes a Content-Security-Policy less than strict: scripts from anywhere but the app, inline
 * or eval'd script, plugins, framing by other sites, a movable base. `'none'` is stricter than `'self'`.
 */
export function problemsWithCsp(csp: string): string[] {
  if (!csp) return ['no Content-Security-Policy'];
  const directives = new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name.toLowerCase(), values] as const;
    }),
  );
  const sources = (name: string) => directives.get(name) ?? directives.get('default-src');
  const problems: string[] = [];
  const isTight = (values: readonly string[] | undefined) =>
    values?.every((value) => ["'self'", "'none'"].includes(value) || /^'(sha\d+|nonce)-/.test(value)) ??
    false;
  if (!isTight(directives.get('default-src')))
    problems.push(`default-src is ${directives.get('default-src')?.join(' ')}`);
  if (!isTight(sources('script-src'))) problems.push(`script-src is ${sources('script-src')?.join(' ')}`);
  if (!isTight(sources('object-src'))) problems.push(`object-src is ${sources('object-src')?.join(' ')}`);
  for (const name of ['frame-ancestors', 'base-uri']) {
    if (!isTight(directives.get(name)))
      problems.push(`${name} is ${directives.get(name)?.join(' ') ?? 'missing'}`);
  }
  return problems;
}

/** A JSON answer the browser will not sniff into anything else. */
export function problemWithJson(response: LightMyRequestResponse): string | undefined {
  if (!String(response.headers['content-type']).startsWith('application/json'))
    return `content-type ${response.headers['content-type']}`;
  if (response.headers['x-content-type-options'] !== 'nosniff') return 'no nosniff';
  return undefined;
}
