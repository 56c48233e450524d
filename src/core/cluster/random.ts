/**
 * A seedable PRNG so that the same seed and input always give the same clusters;
 * Math.random would make results unreproducible across requests and tests.
 * Mulberry32: 32-bit state, good enough statistical quality for seeding k-means.
 */
export type Rng = () => number;

/** Builds a generator of floats in [0, 1) from a 32-bit seed (non-integers are truncated). */
export function createRng(seed: number): Rng {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, max), used to pick the first k-means++ centre. */
export function randomInt(rng: Rng, max: number): number {
  return Math.min(max - 1, Math.floor(rng() * max));
}

/**
 * Index drawn with probability proportional to `weights[i]`; k-means++ needs this D² sampling.
 * Falls back to the last positive weight when rounding pushes the target past the total.
 */
export function weightedIndex(rng: Rng, weights: Float64Array, total: number): number {
  let target = rng() * total;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w <= 0) continue;
    last = i;
    target -= w;
    if (target < 0) return i;
  }
  return last;
}
