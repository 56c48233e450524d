import { autoKRange, bestBySilhouette, partition, type Partition } from "./auto-k.ts";
import { diversify } from "./diversify.ts";
import { DEFAULT_DUPLICATE_THRESHOLD, findDuplicates } from "./duplicates.ts";
import { centredCosineGramInPlace, rawGram } from "./gram.ts";
import { DEFAULT_RESTARTS } from "./kmeans.ts";
import { centreAndNormalise, clusterMeans } from "./normalize.ts";
import { summarise, type Summary } from "./summaries.ts";
import { validateInput } from "./validate.ts";

/** One batch of model outputs; plain typed arrays so any runtime can produce it. */
export interface ClusterInput {
  n: number;
  /** n x d raw pooled CNN features, row-major (d = embeddings.length / n). */
  embeddings: Float32Array;
  /** n x labels.length softmax probabilities, row-major. */
  probabilities: Float32Array;
  labels: readonly string[];
}

/**
 * `k`: a number in [1, n] (RangeError otherwise) or "auto" (silhouette over `kRange`,
 * default [2, min(12, n - 1)], clamped to that; n < 3 gives one cluster).
 * `seed` (default 1): same seed and input give identical output.
 * `restarts` (default 8): k-means++ runs per k, lowest inertia kept.
 * `duplicateThreshold` (default 0.9): cosine on the L2-normalised, uncentred embeddings.
 * `includeCentroids`: attach each cluster's mean in the clustering space.
 */
export interface ClusterOptions {
  k: number | "auto";
  seed?: number;
  kRange?: [number, number];
  restarts?: number;
  duplicateThreshold?: number;
  includeCentroids?: boolean;
}

/** One group; `cohesion` and `centroid` live in the centred, L2-normalised space. */
export interface ClusterSummary extends Summary {
  centroid?: number[];
}

/**
 * With k "auto" and n < 3 silhouette is undefined: the result is one cluster (none for
 * n = 0) with kChosenBy "silhouette" and silhouette null.
 */
export interface ClusterResult {
  k: number;
  kChosenBy: "given" | "silhouette";
  silhouette: number | null;
  clusters: ClusterSummary[];
  assignments: number[];
  duplicates: number[][];
  dominant: string | null;
  diversified: number[];
}

/**
 * Groups a batch of images by meaning: k-means on centred, L2-normalised embeddings
 * (cosine geometry, with the direction shared by all ReLU features removed), named by
 * the members' mean class probabilities. Pure and deterministic for a given seed.
 */
export function clusterImages(input: ClusterInput, options: ClusterOptions): ClusterResult {
  const { n, d } = validateInput(input, options);
  if (n === 0) {
    const empty = { clusters: [], assignments: [], duplicates: [], diversified: [] };
    return { k: 0, kChosenBy: "silhouette", silhouette: null, dominant: null, ...empty };
  }
  const raw = rawGram(input.embeddings, n, d);
  const duplicates = findDuplicates(raw, n, options.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD);
  const gram = centredCosineGramInPlace(raw, n);
  const kmeansOptions = { seed: options.seed ?? 1, restarts: options.restarts ?? DEFAULT_RESTARTS };
  let part: Partition;
  if (options.k === "auto") {
    const range = autoKRange(n, options.kRange);
    part = range ? bestBySilhouette(gram, n, range, kmeansOptions) : partition(gram, n, 1, kmeansOptions);
  } else {
    part = partition(gram, n, options.k, kmeansOptions);
  }
  const { summaries, order } = summarise(gram, n, part, input.probabilities, input.labels);
  const clusters: ClusterSummary[] = summaries;
  if (options.includeCentroids) {
    const means = clusterMeans(centreAndNormalise(input.embeddings, n, d), d, summaries.map((s) => s.members));
    clusters.forEach((c, i) => (c.centroid = means[i]));
  }
  const newIndex = new Map(order.map((old, idx) => [old, idx]));
  return {
    k: clusters.length,
    kChosenBy: options.k === "auto" ? "silhouette" : "given",
    silhouette: part.silhouette,
    clusters,
    assignments: Array.from(part.assignments, (a) => newIndex.get(a)!),
    duplicates,
    dominant: clusters[0]?.name ?? null,
    diversified: diversify(clusters.map((c) => c.members), duplicates),
  };
}
