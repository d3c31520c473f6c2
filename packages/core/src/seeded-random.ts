/**
 * A small, fast, seeded random number generator (mulberry32) returning numbers in [0, 1).
 * The core never calls Math.random: whatever needs chance takes a seed, so answers are reproducible.
 * @example const random = createSeededRandom(7); random() // the same number for seed 7, every time
 */
export function createSeededRandom(seed: number): () => number {
  let state = (Number.isFinite(seed) ? Math.trunc(seed) : 0) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
