/// <reference lib="dom" />
// DOM: the callbacks given to page.evaluate run in the browser.
import type { Page } from 'playwright-core';
import { startWebApp, type WebApp } from '../e2e/web-server.ts';
// @ts-expect-error: a plain .mjs script shared with `npm start`, typed by the cast where it is called.
import { ensureWebBuilt } from '../packages/web/scripts/ensure-built.mjs';

/** Moment: taps alternate a cue that changes the verdict and its undo, so every tap changes it. */
const TAPS = 40;
/** Compose: typed key by key (61 characters); the coach flags the apology as it appears. */
const DRAFT = 'Sorry to bother you, what did you think of the jazz festival?';
const APOLOGY = 'Sorry to bother you';
/** Empty requestAnimationFrame round-trips per screen: the baseline, what one frame costs here. */
const FRAMES = 40;

export interface Timings {
  samples: number;
  medianMs: number;
  p95Ms: number;
}

export interface WebLatencyFigures {
  /** Moment: tap → the new verdict in the DOM, and the empty-frame baseline in the same page. */
  moment: { taps: Timings; frame: Timings };
  /** Compose: keystroke → the coach's underline, flags and verdict in the DOM, and the baseline. */
  compose: { keystrokes: Timings; frame: Timings };
}

/**
 * The web app's answer to taps and keystrokes, timed in a real Chromium against a real server: from
 * just before the event to the DOM mutation that shows the answer (as the journeys timed it), each
 * started after a painted frame, as a person's taps are.
 */
export async function measureWebLatency(): Promise<WebLatencyFigures> {
  await (ensureWebBuilt as (options: { quiet: boolean }) => Promise<boolean>)({ quiet: true });
  let app: WebApp | undefined;
  try {
    app = await startWebApp();
    const page = await (await app.newPhone()).newPage();
    await page.goto('/');
    await signUp(page);
    const moment = await measureMoment(page);
    const compose = await measureCompose(page);
    return { moment, compose };
  } finally {
    await app?.close();
  }
}

async function signUp(page: Page): Promise<void> {
  const response = await page.request.post('/api/accounts', {
    data: {
      email: 'bench@example.org',
      password: 'benchmark password',
      name: 'Bench Mark',
      timeZone: 'Europe/Berlin',
      phoneRegion: 'DE',
    },
  });
  if (response.status() !== 201) throw new Error(`sign-up answered ${response.status()}`);
}

async function measureMoment(page: Page): Promise<WebLatencyFigures['moment']> {
  await page.goto('/moment');
  await page.getByRole('heading', { level: 1, name: 'Moment' }).waitFor();
  // Ten minutes in, flowing, laughing and asking back: "Ask now", which "Looking away" turns around.
  await page.getByRole('button', { name: 'Started 5 min earlier' }).click();
  await page.getByRole('button', { name: 'Started 5 min earlier' }).click();
  await page.getByRole('radio', { name: 'Flowing' }).check();
  await page.locator('[data-cue="laughing"]').click();
  await page.locator('[data-cue="questions-back"]').click();
  const verdict = page.locator('#verdict-heading');
  if ((await verdict.textContent()) !== 'Ask now') throw new Error('the moment does not say "Ask now"');

  const frame = await timeEmptyFrames(page);
  const { spent, verdicts } = await page.evaluate(async (taps) => {
    const heading = document.getElementById('verdict-heading');
    if (!heading) throw new Error('no verdict');
    const spent: number[] = [];
    const verdicts: string[] = [];
    for (let tap = 0; tap < taps; tap += 1) {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const button = document.querySelector<HTMLButtonElement>(
        tap % 2 === 0 ? '[data-cue="looking-away"]' : '.cue-pad__undo',
      );
      if (!button) throw new Error('no cue or undo button');
      const before = heading.textContent;
      spent.push(
        await new Promise<number>((resolve, reject) => {
          const timeout = setTimeout(() => {
            observer.disconnect();
            reject(new Error(`the verdict did not change on tap ${tap + 1}`));
          }, 2_000);
          const observer = new MutationObserver(() => {
            if (heading.textContent === before) return;
            const ms = performance.now() - start;
            observer.disconnect();
            clearTimeout(timeout);
            resolve(ms);
          });
          observer.observe(heading, { childList: true, characterData: true, subtree: true });
          const start = performance.now();
          button.click();
        }),
      );
      verdicts.push(heading.textContent ?? '');
    }
    return { spent, verdicts };
  }, TAPS);
  const expected = spent.map((_, tap) => (tap % 2 === 0 ? 'Offer yours instead' : 'Ask now'));
  if (verdicts.join() !== expected.join()) throw new Error(`unexpected verdicts: ${verdicts.join(', ')}`);
  return { taps: summarize(spent), frame };
}

async function measureCompose(page: Page): Promise<WebLatencyFigures['compose']> {
  // Someone met two days ago, with a topic: the coach reads with the context a real first text has.
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000).toISOString();
  const started = await page.request.post('/api/encounters', {
    data: { place: 'Galerie Nord', startedAt: twoDaysAgo, phase: 'flowing', topics: ['jazz festival'] },
  });
  if (started.status() !== 201) throw new Error(`starting an encounter answered ${started.status()}`);
  const { encounter } = (await started.json()) as { encounter: { id: string } };
  const outcome = await page.request.post(`/api/encounters/${encounter.id}/outcome`, {
    data: {
      outcome: 'gave-number',
      minute: 30,
      approach: 'direct',
      reason: 'continue',
      name: 'Jordan Rivera',
      phone: '+49 170 5550123',
    },
  });
  if (outcome.status() !== 200) throw new Error(`logging the outcome answered ${outcome.status()}`);
  const personId = ((await outcome.json()) as { person: { id: string } }).person.id;
  await page.goto(`/compose?person=${personId}`);
  await page.getByText('To Jordan Rivera').waitFor();

  const frame = await timeEmptyFrames(page);
  const spent = await page.evaluate(async (text) => {
    const box = document.querySelector<HTMLTextAreaElement>('#compose-text');
    const editor = box?.closest('.coach-editor');
    const mirror = editor?.querySelector('.coach-editor__mirror');
    if (!box || !editor || !mirror) throw new Error('no compose box');
    // Empty first (the draft the screen opened with), then the text key by key; the empty box is not timed.
    const spent: number[] = [];
    for (let length = box.value === '' ? 1 : 0; length <= text.length; length += 1) {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const value = text.slice(0, length);
      const ms = await new Promise<number>((resolve, reject) => {
        const timeout = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the coach did not render “${value}”`));
        }, 2_000);
        // One render draws the mirror (with its underlines), the flags and the verdict line together.
        const observer = new MutationObserver(() => {
          if (!mirror.textContent?.startsWith(value)) return;
          const ms = performance.now() - start;
          observer.disconnect();
          clearTimeout(timeout);
          resolve(ms);
        });
        observer.observe(editor, { childList: true, characterData: true, subtree: true });
        const start = performance.now();
        box.value = value;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      });
      if (length > 0) spent.push(ms);
    }
    return spent;
  }, DRAFT);
  const underlined = await page.locator('.coach-editor__mirror mark').allTextContents();
  if (underlined.join() !== APOLOGY) throw new Error(`the coach underlined ${JSON.stringify(underlined)}`);
  return { keystrokes: summarize(spent), frame };
}

/** From just after a painted frame, as the taps start, to the next requestAnimationFrame callback. */
async function timeEmptyFrames(page: Page): Promise<Timings> {
  const spent = await page.evaluate(async (frames) => {
    const spent: number[] = [];
    for (let frame = 0; frame < frames; frame += 1) {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const start = performance.now();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      spent.push(performance.now() - start);
    }
    return spent;
  }, FRAMES);
  return summarize(spent);
}

function summarize(spent: readonly number[]): Timings {
  const sorted = [...spent].sort((a, b) => a - b);
  // Nearest rank: the value at or below which that share of the samples lie.
  const at = (share: number) => sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
  return { samples: sorted.length, medianMs: at(0.5), p95Ms: at(0.95) };
}
