import { hash } from 'node:crypto';

/** The name of the hidden field that carries a public page's form token. */
export const FORM_TOKEN_FIELD = 'form-token';

/**
 * The form token of the page at a link token: a one-way function of the link token, the same on
 * every view (so a kept page stays valid, docs/decisions/0009) and in every process. A site that
 * does not hold the link cannot make it; whoever holds the link could post from anywhere anyway.
 */
export function formTokenOf(linkToken: string): string {
  return hash('sha256', `rapport public form\n${linkToken}`, 'base64url').slice(0, 32);
}

/**
 * Whether a form post to the page at `linkToken` was sent from that page. A browser that sends
 * `Sec-Fetch-Site` says so itself; one that names this site as its `Origin` says so too. One that
 * says neither (Safari before 16.4 posting from a no-referrer page sends `Origin: null`; older
 * browsers send no Origin) must carry the page's form token.
 */
export function isPostFromPage(
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
  linkToken: string,
  publicOrigin: string,
): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = headers.origin;
  // `Host` is one of this server's names by now (see request-guards.ts).
  const own = [publicOrigin, `http://${headers.host}`, `https://${headers.host}`];
  if (typeof origin === 'string' && own.includes(origin)) return true;
  if (origin !== undefined && origin !== 'null') return false;
  const sent =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)[FORM_TOKEN_FIELD]
      : undefined;
  return sent === formTokenOf(linkToken);
}
