/**
 * The clustering space in feature form: rows minus the batch mean, L2-normalised.
 * The clustering itself runs on the Gram matrix (see gram.ts); this explicit form is
 * only needed when callers ask for centroids they can compare new embeddings against.
 * Rows whose centred squared norm is at most 1e-9 of the largest raw squared norm
 * become zero vectors, matching `centredCosineGramInPlace`.
 */
export function centreAndNormalise(data: Float32Array, n: number, d: number): Float32Array {
  const mean = new Float64Array(d);
  let maxRawSq = 0;
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let t = 0; t < d; t++) {
      const v = data[i * d + t]!;
      mean[t]! += v;
      sq += v * v;
    }
    maxRawSq = Math.max(maxRawSq, sq);
  }
  for (let t = 0; t < d; t++) mean[t]! /= n;
  const out = new Float32Array(n * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let t = 0; t < d; t++) {
      const v = data[i * d + t]! - mean[t]!;
      row[t] = v;
      sq += v * v;
    }
    if (sq <= maxRawSq * 1e-9) continue;
    const inv = 1 / Math.sqrt(sq);
    for (let t = 0; t < d; t++) out[i * d + t] = row[t]! * inv;
  }
  return out;
}

/**
 * Mean row of each cluster, as plain arrays for JSON: the centroid a client can use to
 * assign new images without re-clustering.
 */
export function clusterMeans(
  rows: Float32Array,
  d: number,
  members: readonly (readonly number[])[],
): number[][] {
  return members.map((idx) => {
    const sum = new Float64Array(d);
    for (const i of idx) {
      for (let t = 0; t < d; t++) sum[t]! += rows[i * d + t]!;
    }
    return Array.from(sum, (v) => v / Math.max(1, idx.length));
  });
}

/**
 * sign(x) |x|^power per element (power normalisation): a power below 1 damps the few channels
 * that fire strongly on every image of a kind, so the many weaker channels that tell two
 * similar kinds apart count more in the cosine.
 */
export function signedPower(data: Float32Array, power: number): Float32Array {
  return data.map((v) => Math.sign(v) * Math.pow(Math.abs(v), power));
}
