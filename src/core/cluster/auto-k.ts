import { kmeansGram, type KMeansOptions } from "./kmeans.ts";
import { silhouetteFromStats } from "./silhouette.ts";
import type { ClusterStats } from "./stats.ts";

/** Upper bound of the default auto-k range: more groups than this stop being a summary. */
export const AUTO_K_MAX = 12;

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
 * Picks k by the highest mean cosine silhouette over the range (ties: smaller k, the
 * simpler summary). Every candidate gets the same seed, so the choice is reproducible.
 */
export function bestBySilhouette(
  gram: Float64Array,
  n: number,
  range: readonly [number, number],
  options: KMeansOptions,
): Partition {
  let best: Partition | undefined;
  for (let k = range[0]; k <= range[1]; k++) {
    const p = partition(gram, n, k, options);
    if (!best || (p.silhouette ?? -Infinity) > (best.silhouette ?? -Infinity)) best = p;
  }
  return best!;
}
