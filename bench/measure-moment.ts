import { adviseMoment, CUES, createSeededRandom, type MomentInput, PHASES } from '@rapport/core';

/** A varied, reproducible set of moments: every phase, 0–60 minutes, 0–6 cues of any kind. */
function makeMoments(count: number): MomentInput[] {
  const random = createSeededRandom(0x2f6b_1d3a);
  const next = (limit: number) => Math.floor(random() * limit);
  return Array.from({ length: count }, () => ({
    minutes: next(61),
    phase: PHASES[next(PHASES.length)] ?? 'flowing',
    cues: Array.from({ length: next(7) }, () => CUES[next(CUES.length)] ?? 'smiling'),
  }));
}

/** Moment verdicts per second on one core, over 10,000 varied moments, for about `seconds`. */
export function measureMoment(seconds = 2): { verdictsPerSecond: number } {
  const moments = makeMoments(10_000);
  let sink = 0;
  for (const moment of moments) sink += adviseMoment(moment).reasons.length;
  let done = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    for (const moment of moments) sink += adviseMoment(moment).reasons.length;
    done += moments.length;
  }
  const elapsed = (performance.now() - start) / 1000;
  if (sink === 0) throw new Error('the advisor produced no reasons');
  return { verdictsPerSecond: done / elapsed };
}
