import { describe, expect, test } from 'vitest';
import { buildTimeline, type EncounterOutcome } from './insights-timeline.ts';

/** An ask on a local date (the timeline groups in the browser's time zone). */
function askOn(
  year: number,
  month: number,
  day: number,
  outcome: EncounterOutcome['outcome'],
): EncounterOutcome {
  return { startedAt: new Date(year, month - 1, day, 20, 30).toISOString(), outcome };
}

describe('buildTimeline', () => {
  test('counts asks per week from Monday, by how they went, with empty weeks in between', () => {
    // A conversation's date counts, not when its outcome was logged.
    const timeline = buildTimeline([
      askOn(2025, 11, 3, 'gave-number'), // Monday
      askOn(2025, 11, 9, 'declined'), // Sunday of the same week
      askOn(2025, 11, 5, 'connected-social'),
      askOn(2025, 11, 19, 'another-time'), // two weeks later
    ]);
    expect(timeline.unit).toBe('week');
    expect(
      timeline.periods.map((period) => [
        period.start.getDate(),
        period.accepted,
        period.anotherTime,
        period.declined,
      ]),
    ).toEqual([
      [3, 2, 0, 1],
      [10, 0, 0, 0],
      [17, 0, 1, 0],
    ]);
  });

  test('leaves out encounters without an outcome and those where nobody asked', () => {
    const timeline = buildTimeline([
      askOn(2025, 6, 2, 'not-asked'),
      { startedAt: new Date(2025, 5, 3).toISOString(), outcome: null },
    ]);
    expect(timeline.periods).toEqual([]);
  });

  test('groups by month when the asks span more than sixteen weeks', () => {
    const timeline = buildTimeline([
      askOn(2025, 1, 15, 'took-mine'),
      askOn(2025, 6, 1, 'declined'),
      askOn(2025, 6, 30, 'via-friend'),
    ]);
    expect(timeline.unit).toBe('month');
    expect(timeline.periods.map((period) => period.start.getMonth() + 1)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(timeline.periods.at(-1)).toMatchObject({ accepted: 1, declined: 1, anotherTime: 0 });
  });
});
