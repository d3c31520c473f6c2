import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { asUser } from '../testing/test-app.ts';
import { createCard, createExchangeApp, createLink, type ExchangeApp, visit } from './exchange-test-kit.ts';

/**
 * RELIABILITY.md, input and output and consent: XSS payloads in every text a public page shows
 * (card fields, and what a visitor typed into the form) render inert; a card's hidden fields never
 * appear on its page or in its vCard.
 */

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '<style>body{display:none}</style>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<iframe src="https://evil.example"></iframe>',
  '{{constructor.constructor("alert(1)")()}}',
];

/** The only elements the exchange pages are made of. */
const OUR_TAGS = new Set(
  'html head meta title style body main h1 h2 ul li a p form label input select option textarea button'.split(
    ' ',
  ),
);

let t: ExchangeApp;

beforeAll(async () => {
  t = await createExchangeApp();
});

afterAll(async () => {
  await t.close();
});

/**
 * What in a page is markup the page did not write: an element not of ours, or an event handler or a
 * javascript: URL among a tag's attributes (attribute values set aside: escaped text may say anything).
 */
function problemsOf(html: string): string[] {
  const problems: string[] = [];
  for (const [tag = '', name = ''] of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)[^>]*>/g)) {
    if (!OUR_TAGS.has(name.toLowerCase())) problems.push(`element <${name}>`);
    const attributes = tag.replace(/"[^"]*"|'[^']*'/g, '""');
    if (/\son[a-z]+\s*=/i.test(attributes)) problems.push(`an event handler in ${tag}`);
    if (/=\s*"\s*javascript:/i.test(tag)) problems.push(`a javascript: URL in ${tag}`);
  }
  return problems;
}

test('XSS payloads in the card and in the typed form render inert', async () => {
  let pages = 0;
  const problems: string[] = [];
  for (const [index, payload] of PAYLOADS.entries()) {
    const cardId = await createCard(t.app, t.cookie, {
      label: `XSS ${index}`,
      name: payload.slice(0, 100),
      note: `${payload}\n${payload}`.slice(0, 280),
      handles: [{ platform: 'instagram', handle: 'alex.kim' }],
      shows: { name: true, note: true, handles: ['instagram'] },
    });
    const link = await createLink(t.app, t.cookie, cardId);
    const page = await visit(t.app, `/x/${link.token}`);
    const typed = { name: payload, phone: payload, platform: payload, handle: payload, note: payload };
    const refused = await visit(t.app, `/x/${link.token}/share`, { form: typed });
    expect(page.statusCode).toBe(200);
    expect(refused.statusCode).toBe(400);
    for (const html of [page.body, refused.body]) {
      pages++;
      problems.push(...problemsOf(html).map((problem) => `${payload}: ${problem}`));
      expect(html).not.toContain(payload);
    }
    expect(page.body).toContain(payload.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`));
  }
  console.log(
    JSON.stringify({
      test: 'exchange-page-xss',
      payloads: PAYLOADS.length,
      pages,
      problems: problems.length,
    }),
  );
  expect(problems).toEqual([]);
});

test('a hidden field of a random card never reaches its page or its vCard', async () => {
  let cards = 0;
  let leaks = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.record({ name: fc.boolean(), phone: fc.boolean(), email: fc.boolean(), note: fc.boolean() }),
      fc.subarray(['instagram', 'x', 'telegram']),
      async (shows, platforms) => {
        cards++;
        const serial = `${cards}q${Math.floor(Math.random() * 1e6)}`;
        const values = {
          name: `Name${serial}`,
          phone: '+49 1512 3456789',
          email: `mail${serial}@example.org`,
          note: `Note${serial}`,
        };
        const cardId = await createCard(t.app, t.cookie, {
          label: `Random ${serial}`,
          ...values,
          handles: [
            { platform: 'instagram', handle: `ig${serial}` },
            { platform: 'x', handle: `x${serial}`.slice(0, 15) },
            { platform: 'telegram', handle: `tgram${serial}` },
          ],
          shows: { ...shows, handles: platforms },
        });
        const link = await createLink(t.app, t.cookie, cardId);
        const page = (await visit(t.app, `/x/${link.token}`)).body;
        const vcf = (await visit(t.app, `/x/${link.token}/contact.vcf`)).body;
        const hidden = [
          ...(['name', 'email', 'note'] as const)
            .filter((field) => !shows[field])
            .map((field) => values[field]),
          ...(shows.phone ? [] : ['+491512345678', '1512 3456789', '151 23456789']),
          ...['instagram', 'x', 'telegram']
            .filter((platform) => !platforms.includes(platform))
            .map(
              (platform) =>
                ({ instagram: `ig${serial}`, x: `x${serial}`.slice(0, 15), telegram: `tgram${serial}` })[
                  platform
                ] ?? '',
            ),
        ];
        const leaked = hidden.filter((value) => page.includes(value) || vcf.includes(value));
        leaks += leaked.length;
        expect(leaked).toEqual([]);
      },
    ),
    { numRuns: 40 },
  );
  const links = (await asUser(t.app, t.cookie).get('/api/links')).json().links.length;
  console.log(JSON.stringify({ test: 'exchange-page-hidden-fields', cards, links, leaks }));
});
