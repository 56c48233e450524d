/**
 * One clustering run through the Worker's own entry point (clusterImages), scored against
 * known labels. Everything the eval reports is built from `scoreRun`, so the numbers are
 * those of the service, not of a re-implementation.
 */
import { clusterImages, type ClusterOptions } from "../../src/core/cluster/index.ts";
import { createRng } from "../../src/core/cluster/random.ts";
import { EMBEDDING_DIM, LABELS, NUM_CLASSES } from "../../src/core/model.ts";
import { ari, clusterAccuracy, nmi } from "../../src/core/metrics/index.ts";

export const SEED = 1;

/**
 * Extra clusterImages options for experiments, as JSON in EVAL_OPTIONS (e.g.
 * '{"neighbours":0,"meaning":false}' for the plain k-means baseline); empty by default.
 */
export const EXTRA_OPTIONS: Partial<ClusterOptions> = JSON.parse(process.env.EVAL_OPTIONS ?? "{}");

/** Row-major model outputs of n images, as clusterImages takes them. */
export interface Vectors {
  n: number;
  embeddings: Float32Array;
  probabilities: Float32Array;
}

/** One scored clustering: what the tables print and the JSON stores. */
export interface RunScore {
  n: number;
  k: number;
  kChosenBy: "given" | "silhouette";
  kRange: [number, number] | null;
  nmi: number;
  ari: number;
  accuracy: number;
  /** Wall time of clusterImages alone (Gram, k-means, silhouette, summaries). */
  ms: number;
  /** NMI of the same partition against secondary labelings, by name. */
  extraNmi: Record<string, number>;
  /** Each cluster's name and concept as the API gives them, indexed like `assignments`. */
  groups: { name: string; concept: string | null }[];
  assignments: number[];
}

/** The rows `idx` of `v`, in that order. */
export function selectRows(v: Vectors, idx: readonly number[]): Vectors {
  const embeddings = new Float32Array(idx.length * EMBEDDING_DIM);
  const probabilities = new Float32Array(idx.length * NUM_CLASSES);
  idx.forEach((i, r) => {
    embeddings.set(v.embeddings.subarray(i * EMBEDDING_DIM, (i + 1) * EMBEDDING_DIM), r * EMBEDDING_DIM);
    probabilities.set(v.probabilities.subarray(i * NUM_CLASSES, (i + 1) * NUM_CLASSES), r * NUM_CLASSES);
  });
  return { n: idx.length, embeddings, probabilities };
}

/**
 * The auto-k search range for a set with `trueK` classes: wide enough to contain it, so a
 * miss is the silhouette's fault and not the range's.
 */
export function autoRange(trueK: number): [number, number] {
  return [2, Math.max(12, Math.round(1.5 * trueK))];
}

/**
 * A fixed pseudo-random subset of `size` out of `n` indices (partial Fisher-Yates with the
 * core's seeded PRNG), sorted; all of them when size >= n.
 */
export function subsample(n: number, size: number, seed = SEED): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  if (size >= n) return idx;
  const rng = createRng(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng() * (n - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, size).sort((a, b) => a - b);
}

/** Clusters `v` with k given or auto (over `kRange`) and scores it against `truth` and `extra`; `seed` as in ClusterOptions. */
export function scoreRun(
  v: Vectors,
  truth: readonly string[],
  k: number | "auto",
  kRange: [number, number] | null = null,
  extra: Record<string, readonly string[]> = {},
  seed = SEED,
): RunScore {
  const started = performance.now();
  const options = k === "auto" && kRange ? { ...EXTRA_OPTIONS, k, seed, kRange } : { ...EXTRA_OPTIONS, k, seed };
  const result = clusterImages({ ...v, labels: LABELS }, options);
  const ms = performance.now() - started;
  const pred = result.assignments;
  const extraNmi = Object.fromEntries(Object.entries(extra).map(([name, labels]) => [name, nmi(labels, pred)]));
  return {
    n: v.n,
    k: result.k,
    kChosenBy: result.kChosenBy,
    kRange: k === "auto" ? kRange : null,
    nmi: nmi(truth, pred),
    ari: ari(truth, pred),
    accuracy: clusterAccuracy(truth, pred),
    ms,
    extraNmi,
    groups: result.clusters.map((c) => ({ name: c.name, concept: c.concept?.name ?? null })),
    assignments: pred,
  };
}
