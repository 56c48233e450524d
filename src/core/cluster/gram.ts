/**
 * Pairwise dot products of the rows, computed once per request: every later step
 * (k-means, silhouette, duplicates, centrality) only needs dot products, so paying
 * O(n² d) once makes each Lloyd iteration O(n²) instead of O(n k d).
 * Returned as a full symmetric n x n row-major matrix.
 */
export function rawGram(data: Float32Array, n: number, d: number): Float64Array {
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let j = i; j < n; j++) {
      const oj = j * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t = 0;
      for (; t + 3 < d; t += 4) {
        s0 += data[oi + t]! * data[oj + t]!;
        s1 += data[oi + t + 1]! * data[oj + t + 1]!;
        s2 += data[oi + t + 2]! * data[oj + t + 2]!;
        s3 += data[oi + t + 3]! * data[oj + t + 3]!;
      }
      for (; t < d; t++) s0 += data[oi + t]! * data[oj + t]!;
      const s = s0 + s1 + s2 + s3;
      g[i * n + j] = s;
      g[j * n + i] = s;
    }
  }
  return g;
}

/**
 * Gram matrix of the rows after subtracting the batch mean and L2-normalising, derived
 * from the raw Gram without touching the features again. Centring removes the
 * direction all (non-negative) CNN features share, which otherwise makes every pair
 * look similar. Rows equal to the mean stay zero vectors (their entries are 0).
 */
export function centredCosineGram(raw: Float64Array, n: number): Float64Array {
  const rowMean = new Float64Array(n);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += raw[i * n + j]!;
    rowMean[i] = s / n;
    grand += s;
  }
  grand /= n * n;
  const centred = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      centred[i * n + j] = raw[i * n + j]! - rowMean[i]! - rowMean[j]! + grand;
    }
  }
  let maxRawDiag = 0;
  for (let i = 0; i < n; i++) maxRawDiag = Math.max(maxRawDiag, raw[i * n + i]!);
  return cosineGram(centred, n, maxRawDiag * 1e-9);
}

/**
 * Turns a Gram matrix into cosine similarities (the Gram of the L2-normalised rows).
 * Squared norms at or below `floor` count as zero, so that rounding noise in a centred
 * row that should be exactly zero (an image equal to the batch mean) does not become
 * a random unit vector.
 */
export function cosineGram(g: Float64Array, n: number, floor = 0): Float64Array {
  const inv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sq = g[i * n + i]!;
    inv[i] = sq > floor ? 1 / Math.sqrt(sq) : 0;
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = g[i * n + j]! * inv[i]! * inv[j]!;
  }
  return out;
}
