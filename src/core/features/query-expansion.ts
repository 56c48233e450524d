import { cosineGramInPlace } from "../cluster/gram.ts";

/** Neighbours averaged into each image (besides itself); measured best of 3, 5, 10. */
export const DEFAULT_NEIGHBOURS = 5;
/** Exponent on the neighbour weights: high enough that a weak neighbour barely counts. */
export const DEFAULT_ALPHA = 3;

/**
 * The `count` most similar other rows of row i (ties: smaller index), by partial
 * insertion so a large n costs O(n count) per row rather than a sort.
 */
export function nearestNeighbours(gram: Float64Array, n: number, i: number, count: number): number[] {
  const ids: number[] = [];
  const sims: number[] = [];
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    const s = gram[i * n + j]!;
    if (ids.length === count && s <= sims[count - 1]!) continue;
    let p = Math.min(ids.length, count - 1);
    while (p > 0 && sims[p - 1]! < s) p--;
    ids.splice(p, 0, j);
    sims.splice(p, 0, s);
    if (ids.length > count) {
      ids.pop();
      sims.pop();
    }
  }
  return ids;
}

/**
 * Alpha query expansion in Gram form: each image becomes itself plus its nearest
 * neighbours, weighted by max(0, cosine)^alpha, and the result is re-normalised. Classes
 * tighten (a side view of a car is pulled towards the other cars it resembles) while
 * isolated images stay as they were. Measured on Caltech-101 at k = 101: NMI 0.844 -> 0.86,
 * accuracy 0.68 -> 0.75. `gram` must be a cosine Gram (unit or zero rows); a new matrix
 * is returned and `gram` is left intact. Cost O(n² (neighbours + 1)).
 */
export function expandGram(gram: Float64Array, n: number, neighbours = DEFAULT_NEIGHBOURS, alpha = DEFAULT_ALPHA): Float64Array {
  const count = Math.min(Math.max(0, Math.floor(neighbours)), n - 1);
  const ids: Int32Array[] = [];
  const weights: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const near = [i, ...nearestNeighbours(gram, n, i, count)];
    ids.push(Int32Array.from(near));
    weights.push(Float64Array.from(near, (j) => (j === i ? 1 : Math.pow(Math.max(0, gram[i * n + j]!), alpha))));
  }
  const rows = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const out = rows.subarray(i * n, (i + 1) * n);
    const id = ids[i]!;
    const w = weights[i]!;
    for (let t = 0; t < id.length; t++) {
      const src = gram.subarray(id[t]! * n, (id[t]! + 1) * n);
      const wt = w[t]!;
      for (let c = 0; c < n; c++) out[c]! += wt * src[c]!;
    }
  }
  const result = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = rows.subarray(i * n, (i + 1) * n);
    for (let j = i; j < n; j++) {
      const id = ids[j]!;
      const w = weights[j]!;
      let s = 0;
      for (let t = 0; t < id.length; t++) s += w[t]! * row[id[t]!]!;
      result[i * n + j] = s;
      result[j * n + i] = s;
    }
  }
  return cosineGramInPlace(result, n, 1e-12);
}
