import type { ClusterInput, ClusterOptions } from "./index.ts";

/**
 * Shape checks with messages a route can pass through: mismatched buffers would
 * otherwise surface as NaNs or silently wrong clusters far from the cause.
 * Returns n and the embedding dimension d.
 */
export function validateInput(input: ClusterInput, options: ClusterOptions): { n: number; d: number } {
  const { n, embeddings, probabilities, labels } = input;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (n > 0 && (embeddings.length === 0 || embeddings.length % n !== 0)) {
    throw new RangeError(`embeddings.length (${embeddings.length}) must be a non-zero multiple of n (${n})`);
  }
  if (probabilities.length !== n * labels.length) {
    throw new RangeError(`probabilities.length (${probabilities.length}) must be n * labels.length (${n * labels.length})`);
  }
  const { k, restarts, duplicateThreshold, seed } = options;
  if (k !== "auto" && (!Number.isInteger(k) || k < 1 || k > n)) {
    throw new RangeError(`k must be "auto" or an integer between 1 and the number of images (${n}), got ${k}`);
  }
  if (restarts !== undefined && (!Number.isInteger(restarts) || restarts < 1)) {
    throw new RangeError(`restarts must be a positive integer, got ${restarts}`);
  }
  if (duplicateThreshold !== undefined && !(duplicateThreshold >= -1 && duplicateThreshold <= 1)) {
    throw new RangeError(`duplicateThreshold must be a cosine in [-1, 1], got ${duplicateThreshold}`);
  }
  if (options.neighbours !== undefined && (!Number.isInteger(options.neighbours) || options.neighbours < 0)) {
    throw new RangeError(`neighbours must be a non-negative integer, got ${options.neighbours}`);
  }
  if (seed !== undefined && !Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return { n, d: n > 0 ? embeddings.length / n : 0 };
}
