/** One similarity space and its share in the linkage. */
export interface WeightedGram {
  gram: Float64Array;
  weight: number;
}

/**
 * Sum of gram[i][j] over members i of cluster a and j of cluster b, for every pair of
 * clusters: k x k, one O(n²) pass, after which merging never touches the Gram again.
 */
export function clusterPairSums(gram: Float64Array, n: number, k: number, assignments: Int32Array): Float64Array {
  const rowSums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) rowSums[i * k + assignments[j]!]! += gram[i * n + j]!;
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const a = assignments[i]!;
    for (let b = 0; b < k; b++) out[a * k + b]! += rowSums[i * k + b]!;
  }
  return out;
}

/**
 * Average-linkage agglomeration of an over-clustered partition (labels 0..from-1, all
 * used) down to `to` groups. Linkage is the weighted mean over spaces of the mean pairwise
 * similarity, so small groups that look different but mean the same thing (a phone and a
 * laptop under "device") can join before a group that merely looks alike. Ties merge the
 * lowest pair of indices. Returns labels 0..to-1, numbered by first member. `onMerge` hears
 * each merge's linkage with the number of groups before it (the dendrogram's heights).
 */
export function mergeAverageLinkage(
  spaces: readonly WeightedGram[],
  n: number,
  assignments: Int32Array,
  from: number,
  to: number,
  onMerge?: (groups: number, linkage: number) => void,
): Int32Array {
  const sizes = new Float64Array(from);
  for (const a of assignments) sizes[a]!++;
  const total = spaces.reduce((s, x) => s + x.weight, 0) || 1;
  const sums = new Float64Array(from * from);
  for (const { gram, weight } of spaces) {
    const part = clusterPairSums(gram, n, from, assignments);
    for (let t = 0; t < sums.length; t++) sums[t]! += (weight / total) * part[t]!;
  }
  const owner = Array.from({ length: from }, (_, c) => c);
  const alive = new Set(owner);
  while (alive.size > Math.max(1, to)) {
    let best = -Infinity;
    let pair: [number, number] = [0, 0];
    for (const a of alive) {
      for (const b of alive) {
        if (b <= a) continue;
        const link = sums[a * from + b]! / (sizes[a]! * sizes[b]!);
        if (link > best) {
          best = link;
          pair = [a, b];
        }
      }
    }
    onMerge?.(alive.size, best);
    const [a, b] = pair;
    for (const c of alive) {
      if (c === a || c === b) continue;
      sums[a * from + c]! += sums[b * from + c]!;
      sums[c * from + a] = sums[a * from + c]!;
    }
    sizes[a]! += sizes[b]!;
    alive.delete(b);
    for (let c = 0; c < from; c++) if (owner[c] === b) owner[c] = a;
  }
  const relabel = new Map<number, number>();
  return Int32Array.from(assignments, (c) => {
    const root = owner[c]!;
    if (!relabel.has(root)) relabel.set(root, relabel.size);
    return relabel.get(root)!;
  });
}
