import { createHash } from 'node:crypto';
import { formTokenInput } from './exchange-page-html.ts';

/** What one introduced person's page shows; it never holds the other's details before `revealed`. */
export type IntroductionPageView =
  | (PageBasics & { kind: 'ask'; offers: { phone: boolean; handlePlatforms: string[] } })
  | (PageBasics & { kind: 'waiting' })
  | (PageBasics & { kind: 'revealed'; other: RevealedContact })
  | { kind: 'declined'; introducer: string };

interface PageBasics {
  token: string;
  /** My account's name: who wants to introduce them. */
  introducer: string;
  /** Before both said yes, only the other's first name: who, without a way to reach them. */
  otherFirstName: string;
  note: string | null;
  /** The day the page stops answering, in words. */
  until: string;
}

/** Only what the other person chose to share. */
export interface RevealedContact {
  name: string;
  phone: { e164: string; display: string } | null;
  handles: { label: string; handle: string; url: string }[];
}

const STYLE = `body{font:17px/1.5 system-ui,sans-serif;margin:0;padding:1.25rem;color:#1d1d1f;background:#fafaf7}
main{max-width:32rem;margin:0 auto}h1{font-size:1.45rem;line-height:1.25}
blockquote{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid #c9b98a;background:#fff}
fieldset{border:1px solid #ddd;border-radius:.5rem;margin:1rem 0}label{display:block;padding:.35rem 0}
button,.button{display:inline-block;font:inherit;padding:.7rem 1.2rem;border-radius:.5rem;border:0;
background:#2f5d50;color:#fff;text-decoration:none;margin:.25rem 0}.quiet{background:#e8e6df;color:#1d1d1f}
dt{font-weight:600;margin-top:.6rem}dd{margin:0}small,.small{color:#555;font-size:.9rem}`;

/** The only style the pages load, allowed by its hash: no script, no third-party anything. */
export const INTRODUCTION_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function renderIntroductionPage(view: IntroductionPageView): string {
  return shell(view.kind === 'revealed' ? 'You are introduced' : 'An introduction', bodyOf(view));
}

function bodyOf(view: IntroductionPageView): string {
  if (view.kind === 'declined') {
    return `<h1>No problem: nothing was shared</h1>
<p>Nothing about you was shared. ${escapeHtml(view.introducer)} will only learn that the introduction did not happen, not who said no.</p>`;
  }
  const who = escapeHtml(view.introducer);
  const other = escapeHtml(view.otherFirstName);
  const decline = (label: string) =>
    `<form method="post" action="/i/${escapeHtml(view.token)}/decline">${formTokenInput(view.token)}<button type="submit" class="quiet">${label}</button></form>`;
  const footer = `<p class="small">${who} will only learn whether the introduction happened, never who said no. This page works until ${escapeHtml(view.until)}.</p>`;
  switch (view.kind) {
    case 'ask':
      return `<h1>${who} would like to introduce you to ${other}</h1>${noteOf(view)}
<p>Nothing about you is shared unless you both say yes. Then ${other} sees only what you tick here, and you see what ${other} chose.</p>
<form method="post" action="/i/${escapeHtml(view.token)}/accept">${formTokenInput(view.token)}<fieldset><legend>If you both say yes, ${other} may see:</legend>
<label><input type="checkbox" checked disabled> My name</label>${offersOf(view)}</fieldset>
<button type="submit">Yes, introduce us</button></form>${decline('No thanks')}${footer}`;
    case 'waiting':
      return `<h1>You said yes</h1>${noteOf(view)}
<p>Nothing is shared until ${other} says yes too. Come back to this page: it will show what ${other} chose to share.</p>
<p>Changed your mind?</p>${decline('No thanks')}${footer}`;
    case 'revealed':
      return `<h1>You and ${escapeHtml(view.other.name)} are introduced</h1>${noteOf(view)}
${contactOf(view.other)}
<p><a class="button" href="/i/${escapeHtml(view.token)}/contact.vcf">Save contact</a></p>
<p class="small">${escapeHtml(view.other.name)} chose what to share here. This page works until ${escapeHtml(view.until)}.</p>`;
  }
}

function noteOf(view: PageBasics): string {
  if (!view.note) return '';
  return `<blockquote>${escapeHtml(view.note)}</blockquote><p class="small">${escapeHtml(view.introducer)}, who introduces you</p>`;
}

function offersOf(view: PageBasics & { offers: { phone: boolean; handlePlatforms: string[] } }): string {
  const from = escapeHtml(view.introducer);
  const lines: string[] = [];
  if (view.offers.phone)
    lines.push(
      `<label><input type="checkbox" name="share" value="phone"> My phone number (the one ${from} has)</label>`,
    );
  if (view.offers.handlePlatforms.length > 0) {
    const platforms = view.offers.handlePlatforms;
    const them = platforms.length === 1 ? 'the handle' : 'the handles';
    lines.push(
      `<label><input type="checkbox" name="share" value="handles"> My ${escapeHtml(platforms.join(', '))} (${them} ${from} has)</label>`,
    );
  }
  return lines.join('');
}

function contactOf(contact: RevealedContact): string {
  const rows = [`<dt>Name</dt><dd>${escapeHtml(contact.name)}</dd>`];
  if (contact.phone) {
    rows.push(
      `<dt>Phone</dt><dd><a href="tel:${escapeHtml(contact.phone.e164)}">${escapeHtml(contact.phone.display)}</a></dd>`,
    );
  }
  for (const handle of contact.handles) {
    rows.push(
      `<dt>${escapeHtml(handle.label)}</dt><dd><a href="${escapeHtml(handle.url)}" rel="noreferrer noopener">${escapeHtml(handle.handle)}</a></dd>`,
    );
  }
  return `<dl>${rows.join('')}</dl>`;
}

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** Text into HTML text or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
