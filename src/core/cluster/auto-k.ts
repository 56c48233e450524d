import { kmeansGram, type KMeansOptions } from "./kmeans.ts";
import { createRng } from "./random.ts";
import { silhouetteFromStats } from "./silhouette.ts";
import type { ClusterStats } from "./stats.ts";

/** Upper bound of the default auto-k range: more groups than this stop being a summary. */
export const AUTO_K_MAX = 12;

/**
 * Automatic k ignores partitions with a group smaller than this while any k in the range has
 * none: one or two images are an outlier, not a meaning. On the polysemy tasks cut to 20
 * images, the mean distance from the chosen to the true k fell from 79 % to 42 % of the true k
 * (exact 11 -> 14 of 50 draws); the labelled sets chose the same k as without it.
 */
export const MIN_GROUP_SIZE = 3;

/** A finished k-means partition with everything later steps need about it. */
export interface Partition {
  k: number;
  assignments: Int32Array;
  stats: ClusterStats;
  silhouette: number | null;
}

/**
 * Candidate k values for auto mode. Silhouette needs 2 <= k <= n - 1, so the range is
 * clamped to that; default [2, min(12, n - 1)]. Returns null when no candidate exists
 * (n < 3), in which case the caller puts everything in one cluster.
 */
export function autoKRange(n: number, requested?: readonly [number, number]): [number, number] | null {
  const [lo, hi] = requested ?? [2, AUTO_K_MAX];
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo > hi) {
    throw new RangeError(`kRange must be two integers [min, max] with min <= max, got [${lo}, ${hi}]`);
  }
  const top = Math.min(hi, n - 1);
  if (top < 2) return null;
  return [Math.min(Math.max(2, lo), top), top];
}

/** Runs k-means at one k and scores it; the unit both modes share. */
export function partition(gram: Float64Array, n: number, k: number, options: KMeansOptions): Partition {
  const { assignments, stats } = kmeansGram(gram, n, k, options);
  return { k, assignments, stats, silhouette: silhouetteFromStats(gram, n, k, assignments, stats) };
}

/**
 * Data with the same per-feature values but no groups: each column shuffled across rows
 * independently (seeded). Clustering it shows how much silhouette k groups get by chance.
 */
export function shuffledColumns(data: Float32Array, n: number, d: number, seed: number): Float32Array {
  const out = new Float32Array(n * d);
  const rng = createRng(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let c = 0; c < d; c++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (let i = 0; i < n; i++) out[i * d + c] = data[order[i]! * d + c]!;
  }
  return out;
}

/**
 * Picks k by the highest silhouette gap: the partition's mean cosine silhouette minus that
 * of the same k on `reference` (a Gram of groupless data, built like `gram`), or by the plain
 * silhouette when `reference` is null. The silhouette groups get by chance changes with k, so
 * plain silhouette chose 2 groups on the 10-class clothing set and 136 for Caltech's 101;
 * against the reference 9 and 77, and the same k as before on Tux Paint and the polysemy tasks
 * (npm run eval). The reference gets as many restarts as the data: with 2 instead of 8,
 * Caltech's choice moved from 77 back to 136. Partitions with a group under MIN_GROUP_SIZE
 * count only when every k has one. Ties keep the smaller k; every candidate gets the same
 * seed, so the choice is reproducible.
 */
export function bestBySilhouette(
  gram: Float64Array,
  reference: Float64Array | null,
  n: number,
  range: readonly [number, number],
  options: KMeansOptions,
): Partition {
  const best: Partial<Record<"whole" | "small", { part: Partition; score: number }>> = {};
  for (let k = range[0]; k <= range[1]; k++) {
    const part = partition(gram, n, k, options);
    const chance = reference ? partition(reference, n, k, options).silhouette ?? 0 : 0;
    const score = (part.silhouette ?? -Infinity) - chance;
    const slot = part.stats.sizes.some((size) => size < MIN_GROUP_SIZE) ? "small" : "whole";
    if (!best[slot] || score > best[slot].score) best[slot] = { part, score };
  }
  return (best.whole ?? best.small)!.part;
}
