import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SpawnedServer, spawnServer } from '../packages/server/src/durability/spawn-server.ts';
import { browserSuite, launchBrowser } from './browser.ts';
import { screenshots } from './web-app.ts';

/** Kept by CI as an artifact: one picture of every screen the journeys pass. */
const EVENT_TIMEOUT_MS = 5_000;
const OWNER = { email: 'alex@example.org', password: 'correct horse battery staple' };
// The phone and email stay hidden (a card's default): the page must not show them.
const CARD = {
  label: 'Full',
  name: 'Alex Morgan',
  note: 'Met at the Galerie Nord opening',
  phone: '+1 415 555 0199',
  email: 'alex.hidden@example.org',
};
const JORDAN = { name: 'Jordan Rivera', phone: '+49 170 5550123', e164: '+491705550123' };

/** An event as the owner's open page received it, with the page's clock at arrival. */
interface SeenEvent {
  type: string;
  data: Record<string, unknown>;
  at: number;
}

declare global {
  interface Window {
    __events: SeenEvent[];
  }
}

interface ExchangeLink {
  id: string;
  url: string;
  qrSvg: string;
}

const suite = browserSuite();

describe.skipIf(!suite.available)('a share-back link in real Chromium, against the real server', () => {
  let dataDir: string | undefined;
  let server: SpawnedServer | undefined;
  let browser: Browser | undefined;
  let owner: Page;
  let other: BrowserContext;
  let cardId: string;
  let eventMs: number | undefined;
  const screenshot = screenshots('share-back-page');

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rapport-e2e-'));
    // Settled, not raced: if one fails, the other is still kept for afterAll to close.
    const [started, launched] = await Promise.allSettled([spawnServer({ dataDir }), launchBrowser()]);
    server = started.status === 'fulfilled' ? started.value : undefined;
    browser = launched.status === 'fulfilled' ? launched.value : undefined;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;

    // Context A is the owner: the API is called from inside the page, so the cookie lands there.
    owner = await (await launched.value.newContext()).newPage();
    await owner.goto(`${started.value.url}/`);
    expect((await callApi(owner, 'POST', '/api/accounts', OWNER)).status).toBe(201);
    const created = await callApi(owner, 'POST', '/api/cards', CARD);
    expect(created.status).toBe(201);
    cardId = (created.body as { card: { id: string } }).card.id;
    await openEventStream(owner);
    // Context B is the other person: separate cookies, nothing shared with the owner.
    other = await launched.value.newContext();
  });

  afterAll(async () => {
    // Each step runs even when an earlier one failed, so no browser or server outlives the file.
    await browser?.close().catch((error: unknown) => console.error('closing Chromium failed', error));
    const code = await server?.stop();
    if (code !== undefined && code !== 0)
      console.error(`rapport serve exited with ${code}:\n${server?.output()}`);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (eventMs !== undefined) console.log(JSON.stringify({ test: 'browser-share-back', eventMs }));
  });

  test('the other person shares back from the link, and my open page hears it live', async () => {
    const link = await createLink(owner, cardId);
    await showLink(owner, link);
    await screenshot(owner, 'owner-shows-link');

    const page = await other.newPage();
    await page.goto(link.url);
    await expect.poll(() => page.title()).toBe('Alex Morgan');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Alex Morgan');
    expect(await page.getByText(CARD.note).isVisible()).toBe(true);
    // Not in the markup at all, in any format: not merely out of sight.
    const html = await page.content();
    expect(html).not.toMatch(/555\D?0199/);
    expect(html).not.toContain('alex.hidden');
    await screenshot(page, 'other-opens-link');

    await page.getByLabel('Your name').fill(JORDAN.name);
    await page.getByLabel('Phone number').fill(JORDAN.phone);
    await page.getByLabel('I agree that Alex Morgan keeps this so we can stay in touch.').check();
    await screenshot(page, 'other-fills-share-back');
    const submittedAt = Date.now();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    expect(await page.locator('main p').textContent()).toBe('Alex Morgan has your details now.');
    await screenshot(page, 'other-thanked');

    const event = await waitForEvent(owner, 'shared-back');
    eventMs = event.at - submittedAt;
    const { people } = (await callApi(owner, 'GET', '/api/people')).body as { people: Person[] };
    expect(people).toHaveLength(1);
    const jordan = people[0];
    expect(jordan).toMatchObject({
      name: JORDAN.name,
      phone: JORDAN.e164,
      consent: { kind: 'shared-via-link' },
    });
    expect(event.data).toEqual({
      type: 'shared-back',
      personId: jordan?.id,
      name: JORDAN.name,
      message: `${JORDAN.name} shared their number`,
    });
    await showOwnerView(owner, people);
    await screenshot(owner, 'owner-hears-share-back');
  });

  test('"Not now" tells my open page the link was declined, and nothing of who', async () => {
    const link = await createLink(owner, cardId);
    await showLink(owner, link);
    await screenshot(owner, 'owner-shows-second-link');

    const page = await other.newPage();
    await page.goto(link.url);
    await page.getByRole('heading', { name: 'Alex Morgan' }).waitFor();
    await screenshot(page, 'other-opens-second-link');
    await page.getByRole('button', { name: 'Not now' }).click();
    await page.getByRole('heading', { name: 'No problem' }).waitFor();
    await screenshot(page, 'other-declined');

    const event = await waitForEvent(owner, 'link-declined');
    expect(event.data).toEqual({ type: 'link-declined', linkId: link.id });
    const { people } = (await callApi(owner, 'GET', '/api/people')).body as { people: Person[] };
    expect(people.map((person) => person.name)).toEqual([JORDAN.name]);
    await showOwnerView(owner, people);
    await screenshot(owner, 'owner-hears-decline');
  });
});

interface Person {
  id: string;
  name: string;
  phone: string | null;
  consent: { kind: string };
}

/** Calls the API from inside the page: same origin, the page's cookies, the page's CSP. */
function callApi(page: Page, method: string, path: string, payload?: object) {
  return page.evaluate(
    async ({ method, path, payload }) => {
      const response = await fetch(path, {
        method,
        ...(payload === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) }),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    { method, path, payload },
  );
}

async function createLink(page: Page, cardId: string): Promise<ExchangeLink> {
  const created = await callApi(page, 'POST', `/api/cards/${cardId}/links`, {});
  expect(created.status).toBe(201);
  return created.body as ExchangeLink;
}

/** Opens `/api/events` with EventSource, as the app will, and resolves once the stream is open. */
function openEventStream(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        window.__events = [];
        const source = new EventSource('/api/events');
        for (const type of ['shared-back', 'link-declined']) {
          source.addEventListener(type, (event) => {
            const data = JSON.parse((event as MessageEvent<string>).data) as Record<string, unknown>;
            window.__events.push({ type, data, at: Date.now() });
          });
        }
        source.onopen = () => resolve();
        source.onerror = () => reject(new Error(`the event stream failed (readyState ${source.readyState})`));
      }),
  );
}

async function waitForEvent(page: Page, type: string): Promise<SeenEvent> {
  const found = await page.waitForFunction(
    (type) => window.__events.find((event) => event.type === type),
    type,
    { timeout: EVENT_TIMEOUT_MS },
  );
  return (await found.jsonValue()) as SeenEvent;
}

/** What the owner would show: the link and its QR code, put into the page as it is. */
function showLink(page: Page, link: ExchangeLink): Promise<void> {
  return page.evaluate((link) => {
    const main = document.createElement('main');
    const heading = document.createElement('h1');
    heading.textContent = 'Share this link';
    const anchor = document.createElement('a');
    anchor.href = link.url;
    anchor.textContent = link.url;
    const qr = document.createElement('div');
    qr.style.width = '240px';
    qr.innerHTML = link.qrSvg; // the server's own SVG
    main.append(heading, anchor, qr);
    document.body.replaceChildren(main);
  }, link);
}

/** The owner's page after the event: what arrived live, and the people the API now lists. */
function showOwnerView(page: Page, people: Person[]): Promise<void> {
  return page.evaluate((people) => {
    const list = (title: string, lines: string[]) => {
      const section = document.createElement('section');
      const heading = document.createElement('h2');
      heading.textContent = title;
      const items = document.createElement('ul');
      for (const line of lines) {
        const item = document.createElement('li');
        item.textContent = line;
        items.append(item);
      }
      section.append(heading, items);
      return section;
    };
    const events = window.__events.map((event) => `${event.type}: ${JSON.stringify(event.data)}`);
    const names = people.map(
      (person) => `${person.name} (${person.phone ?? 'no phone'}, ${person.consent.kind})`,
    );
    document.body.replaceChildren(list('Live events', events), list('My people', names));
  }, people);
}
