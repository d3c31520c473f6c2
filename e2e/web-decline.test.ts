import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserSuite } from './browser.ts';
import { expectAccessible, screenshots, signUpOwner, startWebApp, type WebApp } from './web-app.ts';

const ROBIN = 'Robin Park';
const ANSWERS = {
  tooStrong: 'No, I kept it light and gave my reason.',
  rapport: 'Maybe not: we had only talked about the queue.',
  boundaries: 'Yes. I said no worries and let them go.',
};

interface PersonBody {
  person: { id: string; askStatus: string | null; canAskAgain: boolean };
}
interface Reminders {
  overdue: { personId: string | null }[];
  today: { personId: string | null }[];
  upcoming: { personId: string | null }[];
}

const suite = browserSuite();

describe.skipIf(!suite.available)('journey 3: a moment, a decline, and a reflection (real Chromium)', () => {
  let app: WebApp;
  let phone: BrowserContext;
  let page: Page;
  let robinId: string;
  const shot = screenshots('web-decline');

  beforeAll(async () => {
    app = await startWebApp();
    phone = await app.newPhone();
    page = await phone.newPage();
    await page.goto('/');
    await signUpOwner(page);
    await page.reload();
    // Robin is someone I know already (a friend of a friend): the moment is with them.
    const created = await page.request.post('/api/people', {
      data: { name: ROBIN, consent: { kind: 'introduced' } },
    });
    expect(created.status()).toBe(201);
    robinId = ((await created.json()) as PersonBody).person.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  test('the verdict follows every tap, the decline is logged gracefully, and Robin is not suggested again', async () => {
    await page.goto(`/moment?person=${robinId}`);
    await page.getByRole('heading', { level: 1, name: 'Moment' }).waitFor();
    await page.getByText(`With ${ROBIN}`).waitFor();
    const verdict = page.locator('#verdict-heading');
    expect(await verdict.textContent()).toBe('Wait: keep talking');
    await shot(page, 'moment-start');
    await expectAccessible(page, 'Moment');

    // We had been talking ten minutes when I opened it; then it flows, with laughs and questions back.
    await page.getByRole('button', { name: 'Started 5 min earlier' }).click();
    await page.getByRole('button', { name: 'Started 5 min earlier' }).click();
    expect(await page.locator('.moment-timer__value').textContent()).toBe('10');
    await page.getByRole('radio', { name: 'Flowing' }).check();
    await page.locator('[data-cue="laughing"]').click();
    expect(await verdict.textContent()).toBe('Wait: keep talking');
    await page.locator('[data-cue="questions-back"]').click();
    expect(await verdict.textContent()).toBe('Ask now');
    // The advice is the page's own: it changes on the tap, no server involved.
    // How fast (within one frame) is measured by `npm run bench`, not asserted here.
    await page.locator('[data-cue="looking-away"]').click();
    expect(await verdict.textContent()).toBe('Offer yours instead');
    await shot(page, 'moment-mixed-signals');
    await page.getByRole('button', { name: 'Undo “Looking away”' }).click();
    expect(await verdict.textContent()).toBe('Ask now');
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    await page.getByText('Why (3 reasons)').click();
    await page.getByText('They ask you questions in return.').waitFor();
    await shot(page, 'moment-ask-now');
    await expectAccessible(page, 'Moment, ask now');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'moment-ask-now-dark');
    await expectAccessible(page, 'Moment, ask now (dark)');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('link', { name: 'What to say' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ask' }).waitFor();
    expect(await page.locator('.ask-line__text').textContent()).toContain(
      "Robin, I've really enjoyed talking to you.",
    );
    expect(await page.locator('.ask-decline__text').textContent()).toBe('“No worries, maybe another time.”');
    await shot(page, 'ask');
    await expectAccessible(page, 'Ask');

    // Back in the moment, nothing was lost; then it ends, and I log how it went.
    await page.getByRole('link', { name: 'Back to the moment' }).click();
    expect(await verdict.textContent()).toBe('Ask now');
    await page.getByRole('button', { name: 'End & log outcome' }).click();
    await page.getByRole('heading', { level: 1, name: 'How did it go?' }).waitFor();
    const encounterId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const encounter = (await (await page.request.get(`/api/encounters/${encounterId}`)).json()) as {
      encounter: { personId: string; phase: string; cues: { cue: string }[] };
    };
    expect(encounter.encounter).toMatchObject({ personId: robinId, phase: 'flowing' });
    expect(encounter.encounter.cues.map((tap) => tap.cue)).toEqual(['laughing', 'questions-back']);
    await shot(page, 'outcome-choices');
    await expectAccessible(page, 'Outcome');

    await page.getByRole('button', { name: 'They declined' }).click();
    await page.getByRole('heading', { level: 1, name: 'They declined' }).waitFor();
    expect(await page.locator('.outcome-say__line').textContent()).toBe('“No worries, maybe another time.”');
    await page.getByText(`Rapport won’t suggest asking ${ROBIN} again.`).waitFor();
    const tooStrong = page.getByLabel('Did you come on too strong?');
    const rapport = page.getByLabel('Did you build enough rapport before asking?');
    const boundaries = page.getByLabel('Did you respect their boundaries?');
    await shot(page, 'declined-reflection');
    await expectAccessible(page, 'Outcome, declined');

    await tooStrong.fill(ANSWERS.tooStrong);
    await rapport.fill(ANSWERS.rapport);
    await boundaries.fill(ANSWERS.boundaries);
    await page.getByRole('button', { name: 'Save privately' }).click();
    await page.getByText('Saved privately. Only you can see it.').waitFor();
    await shot(page, 'reflection-saved');
    await expectAccessible(page, 'Outcome, reflection saved');

    const kept = await page.request.get(`/api/encounters/${encounterId}/reflection`);
    expect(kept.status()).toBe(200);
    expect(((await kept.json()) as { reflection: unknown }).reflection).toMatchObject({
      outcome: 'declined',
      answers: {
        'too-strong': ANSWERS.tooStrong,
        'enough-rapport': ANSWERS.rapport,
        boundaries: ANSWERS.boundaries,
      },
    });
    // Opened again later, the page shows what I wrote.
    await page.reload();
    await expect
      .poll(() => page.getByLabel('Did you build enough rapport before asking?').inputValue())
      .toBe(ANSWERS.rapport);

    // The product rule: after a "no", nothing suggests asking Robin again — no flag, no follow-up, no ask.
    const robin = (await (await page.request.get(`/api/people/${robinId}`)).json()) as PersonBody;
    expect(robin.person).toMatchObject({ askStatus: 'declined', canAskAgain: false });
    const due = (await (await page.request.get('/api/reminders')).json()) as Reminders;
    const forRobin = [...due.overdue, ...due.today, ...due.upcoming].filter((r) => r.personId === robinId);
    expect(forRobin).toEqual([]);
    await page.goto(`/moment?person=${robinId}`);
    await page.getByRole('heading', { name: 'No ask this time' }).waitFor();
    await page.getByText(`${ROBIN} said no when you asked before.`).waitFor();
    await page.locator('[data-cue="laughing"]').click();
    expect(await page.getByRole('link', { name: 'What to say' }).count()).toBe(0);
    await shot(page, 'moment-no-ask-again');
    await expectAccessible(page, 'Moment after a decline');
  });

  test('a yes: a bad number is named beside its field, and after it their first follow-up is planned', async () => {
    await page.goto('/moment');
    await page.getByRole('button', { name: 'New moment' }).click();
    await page.getByRole('radio', { name: 'Winding down' }).check();
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    await page.getByRole('button', { name: 'End & log outcome' }).click();
    await page.getByRole('button', { name: 'They gave me their number' }).click();
    await page.getByRole('heading', { level: 1, name: 'They gave me their number' }).waitFor();
    await page.getByLabel('Their name').fill('Sam Okafor');
    await page.getByLabel('Their phone number').fill('12');
    await page.getByRole('button', { name: 'Save their number' }).click();
    // Consent first: nothing is sent until I say they gave it.
    await page.getByText('Tick this only if they gave it to you themselves').waitFor();
    await page.getByLabel('They gave me this themselves and agreed that I keep it.').check();
    await page.getByRole('button', { name: 'Save their number' }).click();
    const phoneError = page.locator('.field--error').filter({ has: page.getByLabel('Their phone number') });
    await expect.poll(() => phoneError.getByRole('alert').textContent()).toContain('is not a valid number');
    await shot(page, 'outcome-bad-number');
    await expectAccessible(page, 'Outcome, bad number');

    await page.getByLabel('Their phone number').fill('+49 170 5550142');
    await page.getByRole('button', { name: 'Save their number' }).click();
    await page.getByRole('heading', { name: 'Their first follow-up is planned' }).waitFor();
    expect(await page.locator('.outcome-say__line').textContent()).toBe("“Great, thank you! I'll text you.”");
    await shot(page, 'outcome-follow-up-planned');
    await expectAccessible(page, 'Outcome, number saved');
    const { people } = (await (await page.request.get('/api/people?search=Sam')).json()) as {
      people: { name: string; phone: string; consent: { kind: string } }[];
    };
    expect(people).toMatchObject([
      { name: 'Sam Okafor', phone: '+491705550142', consent: { kind: 'told-me-and-agreed' } },
    ]);
    await page.getByRole('link', { name: 'See it on Today' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
  });

  test('offline, the moment, the words and practice still answer; the moment is saved once back online', async () => {
    // Each screen is its own chunk: open them once online, as the app's first visits would.
    await page.goto('/more');
    await page.getByRole('heading', { level: 1, name: 'More' }).waitFor();
    await page.goto('/practice');
    await page.getByRole('heading', { level: 1, name: 'Practice' }).waitFor();
    await page.goto('/ask');
    await page.getByRole('heading', { level: 1, name: 'Ask' }).waitFor();
    await page.goto('/moment');
    await page.getByRole('button', { name: 'New moment' }).click();
    await phone.setOffline(true);
    try {
      const verdict = page.locator('#verdict-heading');
      await page.getByRole('radio', { name: 'Winding down' }).check();
      expect(await verdict.textContent()).toBe('Offer yours instead');
      await page.locator('[data-cue="uncomfortable"]').click();
      expect(await verdict.textContent()).toBe('Let it be');
      await page.getByText('Not saved: offline. It keeps working here.').waitFor();
      await page.getByRole('button', { name: 'End & log outcome' }).click();
      await page
        .getByText('You are offline: logging the outcome needs the server.', { exact: false })
        .waitFor();
      await shot(page, 'offline-moment');
      await expectAccessible(page, 'Moment offline');

      await page.getByRole('link', { name: 'More' }).click();
      await page.getByRole('link', { name: 'Practice' }).click();
      await page.getByRole('heading', { level: 1, name: 'Practice' }).waitFor();
      expect(await page.locator('.practice-progress').textContent()).toBe(
        'Moment 1 of 5 · 0 of 0 right so far',
      );
      await page.getByRole('button', { name: 'Wait: keep talking' }).click();
      await page.locator('#practice-answer-heading').waitFor();
      expect(await page.locator('.practice-progress').textContent()).toMatch(
        /^Moment 1 of 5 · [01] of 1 right so far$/,
      );
      await shot(page, 'offline-practice');
      await expectAccessible(page, 'Practice offline');
    } finally {
      await phone.setOffline(false);
    }
    // Back online: the queued start, phase and cue reach the server by themselves.
    await page.goto('/moment');
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    const { encounters } = (await (await page.request.get('/api/encounters')).json()) as {
      encounters: { id: string; phase: string }[];
    };
    expect(encounters[0]?.phase).toBe('winding-down');
  });
});
