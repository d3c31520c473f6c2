import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserSuite } from './browser.ts';
import { expectAccessible, OWNER, screenshots, startWebApp, type WebApp } from './web-app.ts';

// Journey 1, walked as a new user would, every step through the UI: first run (account and card) →
// Moment → What to say → Ask → "they gave me their number", where we met and what we talked about →
// Today's first text with its draft on that topic → Compose with the coach → log as sent → the
// person's timeline, how we met and consent record.
const TIME_ZONE = 'Europe/Berlin';
const QUIET = { from: '22:30', until: '07:30' };
const CARD_NOTE = 'Say hi at the Galerie Nord openings';
const JORDAN = { first: 'Jordan', name: 'Jordan Rivera', phone: '+49 170 5550123', e164: '+491705550123' };
const PLAN = 'the jazz night at Galerie Nord on Friday';
const PLACE = 'Galerie Nord, Berlin';
/** What we talked about, as typed: the first text picks up the first topic. */
const TOPICS = ['jazz night', 'their trip to Lisbon'];
/** An apology the coach flags (its one-tap fix removes it), on a draft that otherwise asks an open question. */
const APOLOGY = 'Sorry to bother you';
const FLAGGED_DRAFT = `${APOLOGY}, but how was the jazz night you mentioned?`;
const FIXED_DRAFT = 'How was the jazz night you mentioned?';

const suite = browserSuite();

describe.skipIf(!suite.available)(
  'journey 1: a new user, from first run to the first text (real Chromium)',
  () => {
    let app: WebApp;
    let page: Page;
    const shot = screenshots('web-first-journey');

    beforeAll(async () => {
      app = await startWebApp();
      page = await (await app.newPhone()).newPage();
    });

    afterAll(async () => {
      await app?.close();
    });

    test('first run: the account with my name, region, time zone and quiet hours, then my first card', async () => {
      await page.goto('/');
      await page.waitForURL('**/welcome');
      await page.getByRole('heading', { level: 1, name: 'Welcome to Rapport' }).waitFor();
      await shot(page, 'welcome');
      await expectAccessible(page, 'Welcome');

      await page.getByLabel('Email').fill(OWNER.email);
      await page.getByLabel('Password').fill(OWNER.password);
      await page.getByLabel('Your name').fill(OWNER.name);
      await page.getByLabel('Phone region').selectOption('DE');
      await page.getByLabel('Time zone').fill(TIME_ZONE);
      await page.getByLabel('From').fill(QUIET.from);
      await page.getByLabel('Until').fill(QUIET.until);
      await shot(page, 'welcome-filled');
      await page.getByRole('button', { name: 'Create my account' }).click();

      await page.getByRole('heading', { level: 1, name: 'Your first card' }).waitFor();
      expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(OWNER.name);
      await page.getByRole('textbox', { name: 'Note' }).fill(CARD_NOTE);
      // Before saving, the card says exactly what it will reveal: the phone stays hidden until turned on.
      await expect
        .poll(() => page.locator('.card-editor__summary').textContent())
        .toBe('Whoever sees this card gets: name, note');
      await shot(page, 'first-card');
      await expectAccessible(page, 'Your first card');
      await page.getByRole('button', { name: 'Save my card' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
      await page.getByText('Nothing to follow up on right now.').waitFor();
      await shot(page, 'today-empty');
      await expectAccessible(page, 'Today, empty');

      // What the form said is what the account keeps.
      const { account } = (await (await page.request.get('/api/settings')).json()) as {
        account: { settings: Record<string, unknown> };
      };
      expect(account.settings).toMatchObject({
        name: OWNER.name,
        phoneRegion: 'DE',
        timeZone: TIME_ZONE,
        quietHours: { start: QUIET.from, end: QUIET.until },
      });
      const { cards } = (await (await page.request.get('/api/cards')).json()) as {
        cards: { label: string; name: string; note: string }[];
      };
      expect(cards).toMatchObject([{ label: 'Everyday', name: OWNER.name, note: CARD_NOTE }]);
    });

    test('Moment: the verdict follows each tap, and undo takes the last one back', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moment' }).click();
      await page.getByRole('heading', { level: 1, name: 'Moment' }).waitFor();
      const verdict = page.locator('#verdict-heading');
      expect(await verdict.textContent()).toBe('Wait: keep talking');
      await shot(page, 'moment-start');
      await expectAccessible(page, 'Moment');

      // We had been talking a quarter of an hour when I opened it, and it flows.
      for (let tap = 0; tap < 3; tap += 1)
        await page.getByRole('button', { name: 'Started 5 min earlier' }).click();
      expect(await page.locator('.moment-timer__value').textContent()).toBe('15');
      await page.getByRole('radio', { name: 'Flowing' }).check();
      expect(await verdict.textContent()).toBe('Wait: keep talking');

      await page.getByRole('button', { name: 'Eye contact' }).click();
      expect(await verdict.textContent()).toBe('Wait: keep talking');
      expect(await page.getByRole('button', { name: 'Undo “Eye contact”' }).isEnabled()).toBe(true);
      await page.getByRole('button', { name: 'We laughed' }).click();
      expect(await verdict.textContent()).toBe('Ask now');
      await page.getByRole('button', { name: 'Checking phone' }).click();
      expect(await verdict.textContent()).toBe('Offer yours instead');
      await shot(page, 'moment-mixed-signals');

      // The phone check was a glance at the time, not a hint: undo it, and the advice is back.
      await page.getByRole('button', { name: 'Undo “Checking phone”' }).click();
      expect(await verdict.textContent()).toBe('Ask now');
      expect(await page.getByRole('button', { name: 'Undo “We laughed”' }).isVisible()).toBe(true);
      await page
        .getByRole('status')
        .filter({ hasText: /^Saved$/ })
        .waitFor();
      await page.getByText('Why (', { exact: false }).click();
      await shot(page, 'moment-ask-now');
      await expectAccessible(page, 'Moment, ask now');
    });

    test('What to say → Ask: a reason and an approach, and the line to say', async () => {
      await page.getByRole('link', { name: 'What to say' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ask' }).waitFor();
      const line = page.locator('.ask-line__text');
      // Straight from an "ask now": asking for their number, to keep the conversation going.
      expect(await page.getByRole('radio', { name: 'Ask for their number' }).isChecked()).toBe(true);
      expect(await page.getByRole('radio', { name: 'Keep talking later' }).isChecked()).toBe(true);
      const continueLine = (await line.textContent()) ?? '';
      expect(continueLine.length).toBeGreaterThan(20);

      await page.getByRole('radio', { name: 'A plan to do together' }).check();
      await page.getByLabel('The plan').fill(PLAN);
      await page.getByLabel('Their name (optional)').fill(JORDAN.first);
      await expect.poll(() => line.textContent()).toContain(PLAN);
      const planLine = (await line.textContent()) ?? '';
      expect(planLine).toContain(JORDAN.first);
      expect(planLine).not.toBe(continueLine);
      expect(await page.locator('.ask-decline__text').textContent()).toMatch(/^“.+”$/);
      await shot(page, 'ask');
      await expectAccessible(page, 'Ask');
    });

    test('they gave me their number: name, number, where we met, what we talked about and my word that they agreed', async () => {
      await page.getByRole('link', { name: 'Log how it went' }).click();
      await page.getByRole('heading', { level: 1, name: 'How did it go?' }).waitFor();
      await shot(page, 'outcome-choices');
      await expectAccessible(page, 'Outcome');

      await page.getByRole('button', { name: 'They gave me their number' }).click();
      await page.getByRole('heading', { level: 1, name: 'They gave me their number' }).waitFor();
      await page.getByLabel('Their name').fill(JORDAN.name);
      await page.getByLabel('Their phone number').fill(JORDAN.phone);
      await page.getByLabel('Where you met').fill(PLACE);
      await page.getByLabel('They gave me this themselves and agreed that I keep it.').check();
      const encounterId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
      const readEncounter = async () =>
        (
          (await (await page.request.get(`/api/encounters/${encounterId}`)).json()) as {
            encounter: {
              outcome: string | null;
              place: string | null;
              topics: string[];
              ask: { approach: string; reason: string } | null;
            };
          }
        ).encounter;

      // A topic past the server's limit is named beside its field in plain words, and nothing is logged.
      const topicsBox = page.getByLabel('What you talked about');
      await topicsBox.fill(`${TOPICS[0]}, ${'Lisbon '.repeat(15)}`);
      await page.getByRole('button', { name: 'Save their number' }).click();
      const topicsError = page.locator('.field--error').filter({ has: topicsBox });
      await expect
        .poll(() => topicsError.getByRole('alert').textContent())
        .toBe(
          'The topic “Lisbon Lisbon Lisbon Lisbon Li…” is too long: up to 100 characters each, or split it with commas.',
        );
      expect(await topicsBox.getAttribute('aria-invalid')).toBe('true');
      expect((await readEncounter()).outcome).toBeNull();
      await shot(page, 'outcome-topic-too-long');
      await expectAccessible(page, 'Outcome, a topic too long');

      await topicsBox.fill(TOPICS.join(', '));
      await shot(page, 'outcome-number');
      await expectAccessible(page, 'Outcome, their number');
      await page.getByRole('button', { name: 'Save their number' }).click();

      await page.getByRole('heading', { name: 'Their first follow-up is planned' }).waitFor();
      expect(await page.locator('.outcome-follow-up').textContent()).toContain(
        'send your first text between',
      );
      await shot(page, 'outcome-follow-up-planned');
      await expectAccessible(page, 'Outcome, number saved');

      // What was chosen on Ask is kept with the outcome, and so are the place and the topics.
      expect(await readEncounter()).toMatchObject({
        outcome: 'gave-number',
        place: PLACE,
        topics: TOPICS,
        ask: { approach: 'direct', reason: 'activity' },
      });
    });

    test('Today shows the first text with its ready draft, and Compose opens it', async () => {
      await page.getByRole('link', { name: 'See it on Today' }).click();
      await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
      const item = page.getByRole('listitem').filter({ hasText: `Text ${JORDAN.name}` });
      await item.waitFor();
      // The first text waits a few hours after meeting, outside quiet hours: today, or tomorrow morning.
      const dueAt = (await item.locator('time').first().getAttribute('datetime')) ?? '';
      const section = localDay(new Date(dueAt)) === localDay(new Date()) ? 'Due today' : 'Coming up';
      const list = page.locator('section').filter({ has: page.getByRole('heading', { name: section }) });
      expect(await list.getByText(`Text ${JORDAN.name}`).count()).toBe(1);
      expect(Date.parse(dueAt) - Date.now()).toBeGreaterThan(2.5 * 60 * 60 * 1000);
      const draft = (await item.locator('blockquote').textContent()) ?? '';
      // Only the first text is offered to write now: the check-ins after it wait their turn.
      expect(await page.getByRole('link', { name: 'Compose' }).count()).toBe(1);
      expect(draft).toMatch(/^Hey Jordan\b.*\?/);
      // The draft picks up what we talked about, not the no-topic phrasing.
      expect(draft).toContain(TOPICS[0]);
      await shot(page, 'today-first-text');
      await expectAccessible(page, 'Today with the first text');

      await item.getByRole('link', { name: 'Compose' }).click();
      await page.getByRole('heading', { level: 1, name: 'Compose' }).waitFor();
      await page.getByText(`To ${JORDAN.name}`).waitFor();
      await page
        .getByText(`Met just now at ${PLACE}. You talked about ${TOPICS.join(', ')}.`, { exact: true })
        .waitFor();
      const box = page.getByLabel('Your message');
      expect(await box.inputValue()).toBe(draft);
      // We only just met: the coach says so, and no change of words can fix it.
      const flags = page.getByRole('list', { name: 'What the coach suggests' });
      const tooSoon = flags.getByRole('listitem').filter({ hasText: 'Too soon' });
      await tooSoon.waitFor();
      expect(await tooSoon.getByRole('button').count()).toBe(0);
      // The draft refers to the conversation, so the coach does not say it refers to nothing from it.
      expect(await flags.getByRole('listitem').allTextContents()).not.toContainEqual(
        expect.stringContaining('Nothing from your conversation'),
      );
      await shot(page, 'compose-opens-draft');
      await expectAccessible(page, 'Compose');
    });

    test('the coach flags an apology, its suggestion removes it, and "Log as sent" keeps the message', async () => {
      const box = page.getByLabel('Your message');
      const flags = page.getByRole('list', { name: 'What the coach suggests' });
      await box.fill('');
      await box.pressSequentially(FLAGGED_DRAFT);
      const apology = flags.getByRole('listitem').filter({ hasText: 'Apologetic' });
      await apology.waitFor();
      expect(await apology.locator('mark').textContent()).toBe(APOLOGY);
      expect(await page.locator('#compose-text-verdict').textContent()).toBe(
        '2 things to look at before you send it.',
      );
      await shot(page, 'compose-flags-apology');
      await expectAccessible(page, 'Compose with a flag');

      await apology.getByRole('button', { name: `Remove “${APOLOGY}”` }).click();
      expect(await box.inputValue()).toBe(FIXED_DRAFT);
      await expect.poll(() => apology.count()).toBe(0);
      expect(await page.locator('.coach-editor__mirror mark').count()).toBe(0);
      expect(await flags.getByRole('listitem').allTextContents()).toEqual([
        expect.stringContaining('Too soon'),
      ]);
      expect(await page.locator('#compose-text-verdict').textContent()).toBe(
        '1 thing to look at before you send it.',
      );
      await shot(page, 'compose-fixed');
      await expectAccessible(page, 'Compose fixed');

      await page.getByRole('button', { name: 'Log as sent' }).click();
      await page.getByText(`Logged as sent to ${JORDAN.name}.`).waitFor();
      await shot(page, 'compose-logged');
      await expectAccessible(page, 'Compose logged');

      await page.getByRole('link', { name: `See ${JORDAN.name}’s timeline` }).click();
      await page.getByRole('heading', { level: 1, name: JORDAN.name }).waitFor();
      const personId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
      const timeline = page.getByRole('region', { name: 'Timeline' });
      const sent = timeline.getByRole('listitem').filter({ hasText: `You wrote to ${JORDAN.name}` });
      expect(await sent.getByText(FIXED_DRAFT).isVisible()).toBe(true);
      const howWeMet = page.getByRole('region', { name: 'How we met' });
      expect(await howWeMet.textContent()).toContain(`Where: ${PLACE}`);
      expect(await howWeMet.getByText('Not written down.').count()).toBe(0);
      const consent = page.getByRole('region', { name: 'How they gave their details' });
      expect(await consent.textContent()).toContain(
        'They gave you their number themselves and agreed that you keep it.',
      );
      expect(await page.getByRole('link', { name: '0170 5550123' }).getAttribute('href')).toBe(
        `tel:${JORDAN.e164}`,
      );
      await shot(page, 'person');
      await expectAccessible(page, 'Person');

      const messages = await page.request.get(`/api/people/${encodeURIComponent(personId)}/messages`);
      expect(messages.status()).toBe(200);
      const { messages: stored } = (await messages.json()) as {
        messages: { direction: string; text: string }[];
      };
      expect(stored).toEqual([expect.objectContaining({ direction: 'sent', text: FIXED_DRAFT })]);
      const { person } = (await (
        await page.request.get(`/api/people/${encodeURIComponent(personId)}`)
      ).json()) as {
        person: { name: string; phone: string; whereMet: string | null; consent: { kind: string } };
      };
      expect(person).toMatchObject({
        name: JORDAN.name,
        phone: JORDAN.e164,
        whereMet: PLACE,
        consent: { kind: 'told-me-and-agreed' },
      });
    });
  },
);

/** The calendar day in my time zone, e.g. "2026-11-27". */
function localDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, dateStyle: 'short' }).format(at);
}
