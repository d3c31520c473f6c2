// The asks the offline journey logs before it opens Insights: known figures to find in its charts.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Eight asks over three weeks (fixed dates, mid-week, so every time zone puts them in the same weeks). */
const ASKS = [
  { at: '2025-11-04T18:00:00Z', minute: 2, cues: [], outcome: 'declined', approach: 'direct' },
  {
    at: '2025-11-05T18:00:00Z',
    minute: 8,
    cues: ['smiling'],
    outcome: 'gave-number',
    approach: 'direct',
    contact: { name: 'Sam Keller', phone: '+49 170 5550101' },
  },
  {
    at: '2025-11-06T18:00:00Z',
    minute: 20,
    cues: ['smiling', 'laughing', 'questions-back'],
    outcome: 'gave-number',
    approach: 'direct',
    contact: { name: 'Noor Haddad', phone: '+49 170 5550102' },
  },
  {
    at: '2025-11-12T18:00:00Z',
    minute: 18,
    cues: ['eye-contact', 'smiling'],
    outcome: 'connected-social',
    approach: 'social',
    contact: { name: 'Ines Duarte', handle: { platform: 'instagram', handle: 'ines.draws' } },
  },
  { at: '2025-11-13T18:00:00Z', minute: 35, cues: ['smiling'], outcome: 'another-time', approach: 'direct' },
  {
    at: '2025-11-19T18:00:00Z',
    minute: 25,
    cues: ['eye-contact', 'smiling', 'laughing', 'questions-back'],
    outcome: 'took-mine',
    approach: 'offer',
  },
  {
    at: '2025-11-19T20:00:00Z',
    minute: 10,
    cues: ['short-answers'],
    outcome: 'declined',
    approach: 'direct',
  },
  {
    at: '2025-11-20T18:00:00Z',
    minute: 40,
    cues: ['laughing', 'shared-interest'],
    outcome: 'via-friend',
    approach: 'friend',
  },
];

/** Logs the asks through the API, as the Moment and Outcome screens would. */
export async function seedAsks(page: Page): Promise<void> {
  for (const ask of ASKS) {
    const started = await page.request.post('/api/encounters', {
      data: { startedAt: ask.at, phase: 'flowing' },
    });
    expect(started.status(), await started.text()).toBe(201);
    const { encounter } = (await started.json()) as { encounter: { id: string } };
    if (ask.cues.length > 0) {
      const cues = ask.cues.map((cue) => ({ cue, minute: 1 }));
      const tapped = await page.request.post(`/api/encounters/${encounter.id}/cues`, { data: { cues } });
      expect(tapped.status(), await tapped.text()).toBe(200);
    }
    const logged = await page.request.post(`/api/encounters/${encounter.id}/outcome`, {
      data: { outcome: ask.outcome, minute: ask.minute, approach: ask.approach, ...ask.contact },
    });
    expect(logged.status(), await logged.text()).toBe(200);
  }
}
