import { createHash } from 'node:crypto';
import { type Problem, SOCIAL_PLATFORMS, type VisibleCardFields } from '@rapport/core';
import { FORM_TOKEN_FIELD, formTokenOf } from '../form-token.ts';
import { formatPhone } from '../phone-numbers.ts';
import { SHARE_PLATFORMS, type ShareFormValues } from '../share-back.ts';

/**
 * The public exchange pages: small, server-rendered, no JavaScript, readable on a slow phone. Every
 * value from a card or a form goes through `escapeHtml`. Pages are bytes (UTF-8), ready to send: a
 * string would be encoded anew for every answer.
 */

const CSS =
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1d1d1f;background:#fafafa}' +
  'main{max-width:28rem;margin:auto}h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.2rem;margin-top:2rem}' +
  'ul{padding:0;list-style:none}li{margin:.4rem 0}a{color:#0b57d0}' +
  'label{display:block;margin-top:.8rem}input,select,textarea{font:inherit;width:100%;box-sizing:border-box;' +
  'padding:.5rem;border:1px solid #888;border-radius:.4rem}input[type=checkbox]{width:auto;margin-right:.5rem}' +
  'button,.button{display:inline-block;font:inherit;margin-top:1rem;padding:.6rem 1.2rem;border-radius:.4rem;' +
  'border:0;background:#0b57d0;color:#fff;text-decoration:none}.quiet{background:#e3e3e3;color:#1d1d1f}' +
  '.problem{color:#b3261e;margin:.2rem 0}.note{white-space:pre-wrap}';

/**
 * The Content-Security-Policy of every /x/ answer: nothing loads but this page's own style (by its
 * hash), no script at all, and forms post only to this site.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** The one answer for every token that is not live: unknown, expired, revoked, used up or blocked. */
export const NOT_FOUND_PAGE = page(
  'Link not found',
  '<h1>This link does not work</h1><p>It may have expired or been switched off. If you know who shared it, ask them for a new one.</p>',
);

export const TOO_MANY_PAGE = page(
  'Too many requests',
  '<h1>Too many requests</h1><p>Please wait a minute and try again.</p>',
);

/** A form post that did not come from its page (another site, or no form token). */
export const REFUSED_PAGE = page(
  'Form not sent',
  '<h1>This form could not be sent</h1><p>Open the link again and send the form from its page.</p>',
);

/** The answer to a `Host` that is not this server's. */
export function misdirectedPage(publicUrl: string): Buffer {
  const url = escapeHtml(publicUrl);
  return page(
    'Wrong address',
    `<h1>Wrong address</h1><p>This server answers at <a href="${url}">${url}</a>.</p>`,
  );
}

/** The hidden field that lets a browser without `Sec-Fetch-Site` post the page's forms. */
export function formTokenInput(token: string): string {
  return `<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${formTokenOf(token)}">`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Whom the consent sentence names: the card's shown name, else a shown handle, else "this person". */
export function ownerNameOf(visible: VisibleCardFields): string {
  return visible.name ?? visible.handles[0]?.handle ?? visible.email ?? 'this person';
}

/** The card's shown fields, "Save contact", the share-back form (with its problems) and "Not now". */
export function cardPage(
  token: string,
  visible: VisibleCardFields,
  form: { values: ShareFormValues; problems: Problem[] } = { values: {}, problems: [] },
): Buffer {
  const base = `/x/${escapeHtml(token)}`;
  const owner = escapeHtml(ownerNameOf(visible));
  const fields: string[] = [];
  if (visible.phone) {
    const shown = escapeHtml(formatPhone(visible.phone, ''));
    fields.push(`<li>Phone: <a href="tel:${escapeHtml(visible.phone)}">${shown}</a></li>`);
  }
  if (visible.email)
    fields.push(
      `<li>Email: <a href="mailto:${escapeHtml(visible.email)}">${escapeHtml(visible.email)}</a></li>`,
    );
  for (const handle of visible.handles) {
    const label = SOCIAL_PLATFORMS[handle.platform].label;
    fields.push(
      `<li>${label}: <a href="${escapeHtml(handle.url)}" rel="noopener noreferrer nofollow">${escapeHtml(handle.handle)}</a></li>`,
    );
  }
  const note = visible.note ? `<p class="note">${escapeHtml(visible.note)}</p>` : '';
  const problemOf = (field: string) =>
    form.problems
      .filter((problem) => problem.field === field)
      .map((problem) => `<p class="problem" id="${field}-problem">${escapeHtml(problem.message)}</p>`)
      .join('');
  const value = (field: keyof ShareFormValues) => escapeHtml(form.values[field] ?? '');
  const options = SHARE_PLATFORMS.map((platform) => {
    const selected = form.values.platform === platform ? ' selected' : '';
    return `<option value="${platform}"${selected}>${SOCIAL_PLATFORMS[platform].label}</option>`;
  }).join('');
  const body = `<h1>${escapeHtml(visible.name ?? 'Contact')}</h1>
<ul>${fields.join('')}</ul>${note}
<p><a class="button" href="${base}/contact.vcf">Save contact</a></p>
<h2>Share yours back</h2>
<form method="post" action="${base}/share">${formTokenInput(token)}${problemOf('form')}
<label>Your name <input name="name" maxlength="100" required autocomplete="name" value="${value('name')}"></label>${problemOf('name')}
<label>Phone number <input name="phone" type="tel" maxlength="40" autocomplete="tel" value="${value('phone')}"></label>${problemOf('phone')}
<label>Or a handle on <select name="platform"><option value="">choose</option>${options}</select></label>${problemOf('platform')}
<label>Handle <input name="handle" maxlength="200" value="${value('handle')}"></label>${problemOf('handle')}
<label>A note (optional) <textarea name="note" maxlength="500" rows="2">${value('note')}</textarea></label>${problemOf('note')}
<label><input type="checkbox" name="consent" value="yes" required${form.values.consent === 'yes' ? ' checked' : ''}>I agree that ${owner} keeps this so we can stay in touch.</label>${problemOf('consent')}
<button type="submit">Share</button></form>
<form method="post" action="${base}/decline">${formTokenInput(token)}<button class="quiet" type="submit">Not now</button></form>`;
  return page(visible.name ?? 'Contact', body);
}

export function thanksPage(visible: VisibleCardFields): Buffer {
  const owner = escapeHtml(ownerNameOf(visible));
  return page('Thank you', `<h1>Thank you</h1><p>${owner} has your details now.</p>`);
}

export function declinedPage(): Buffer {
  return page('No problem', '<h1>No problem</h1><p>Nothing of yours was saved. Have a good day.</p>');
}

function page(title: string, body: string): Buffer {
  return Buffer.from(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body><main>${body}</main></body></html>`,
  );
}
