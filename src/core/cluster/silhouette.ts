import type { ClusterStats } from "./stats.ts";

/**
 * Exact mean silhouette with cosine distance (1 - cosine), from a cosine Gram matrix
 * (unit or zero rows) and its cluster aggregates. Because the mean distance to a
 * cluster is 1 - (sum of cosines)/size, this is O(n k) given `ClusterStats`, so auto-k
 * can score every candidate exactly instead of sampling.
 * Follows sklearn: singletons score 0; undefined (null) unless 2 <= clusters <= n - 1.
 */
export function silhouetteFromStats(gram: Float64Array, n: number, k: number, assignments: Int32Array, stats: ClusterStats): number | null {
  let nonEmpty = 0;
  for (let c = 0; c < k; c++) if (stats.sizes[c]! > 0) nonEmpty++;
  if (nonEmpty < 2 || nonEmpty > n - 1) return null;
  let total = 0;
  for (let i = 0; i < n; i++) total += pointSilhouette(gram, n, k, assignments[i]!, stats, i);
  return total / n;
}

function pointSilhouette(gram: Float64Array, n: number, k: number, own: number, stats: ClusterStats, i: number): number {
  const ownSize = stats.sizes[own]!;
  if (ownSize <= 1) return 0;
  const ownSum = stats.sums[i * k + own]! - gram[i * n + i]!;
  const a = (ownSize - 1 - ownSum) / (ownSize - 1);
  let b = Infinity;
  for (let c = 0; c < k; c++) {
    const size = stats.sizes[c]!;
    if (c === own || size === 0) continue;
    b = Math.min(b, 1 - stats.sums[i * k + c]! / size);
  }
  const denom = Math.max(a, b);
  return denom > 0 ? (b - a) / denom : 0;
}
