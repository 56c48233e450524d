/**
 * Pairwise dot products of the rows, computed once per request: every later step
 * (k-means, silhouette, duplicates, centrality) only needs dot products, so paying
 * O(n² d) once makes each Lloyd iteration O(n²) instead of O(n k d).
 * Works on 2x2 blocks of rows (four sums per pass over shared loads), which measured
 * about 2x faster than one dot product at a time in V8.
 * Returned as a full symmetric n x n row-major matrix.
 */
export function rawGram(data: Float32Array, n: number, d: number): Float64Array {
  const g = new Float64Array(n * n);
  const even = n - (n % 2);
  for (let i = 0; i < even; i += 2) {
    const a = i * d;
    const b = a + d;
    for (let j = i; j < even; j += 2) {
      const c = j * d;
      const e = c + d;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let t = 0; t < d; t++) {
        const xa = data[a + t]!;
        const xb = data[b + t]!;
        const xc = data[c + t]!;
        const xe = data[e + t]!;
        s00 += xa * xc;
        s01 += xa * xe;
        s10 += xb * xc;
        s11 += xb * xe;
      }
      setPair(g, n, i, j, s00);
      setPair(g, n, i, j + 1, s01);
      setPair(g, n, i + 1, j, s10);
      setPair(g, n, i + 1, j + 1, s11);
    }
  }
  if (even < n) {
    const last = even * d;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += data[i * d + t]! * data[last + t]!;
      setPair(g, n, i, even, s);
    }
  }
  return g;
}

function setPair(g: Float64Array, n: number, i: number, j: number, value: number): void {
  g[i * n + j] = value;
  g[j * n + i] = value;
}

/**
 * Gram matrix of the rows after subtracting the batch mean and L2-normalising, derived
 * from the raw Gram without touching the features again. Centring removes the
 * direction all (non-negative) CNN features share, which otherwise makes every pair
 * look similar. Rows equal to the mean stay zero vectors (their entries are 0).
 * Overwrites and returns `raw`: at n² doubles, a second copy would double peak memory
 * under the Worker's 128 MB limit. Callers that still need the raw Gram pass a copy.
 */
export function centredCosineGramInPlace(raw: Float64Array, n: number): Float64Array {
  const rowMean = new Float64Array(n);
  let grand = 0;
  let maxRawDiag = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += raw[i * n + j]!;
    rowMean[i] = s / n;
    grand += s;
    maxRawDiag = Math.max(maxRawDiag, raw[i * n + i]!);
  }
  grand /= n * n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) raw[i * n + j]! += grand - rowMean[i]! - rowMean[j]!;
  }
  return cosineGramInPlace(raw, n, maxRawDiag * 1e-9);
}

/**
 * Turns a Gram matrix into cosine similarities (the Gram of the L2-normalised rows),
 * overwriting and returning `g`. Squared norms at or below `floor` count as zero, so
 * that rounding noise in a centred row that should be exactly zero (an image equal to
 * the batch mean) does not become a random unit vector.
 */
export function cosineGramInPlace(g: Float64Array, n: number, floor = 0): Float64Array {
  const inv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sq = g[i * n + i]!;
    inv[i] = sq > floor ? 1 / Math.sqrt(sq) : 0;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) g[i * n + j]! *= inv[i]! * inv[j]!;
  }
  return g;
}
