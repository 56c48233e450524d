import { expandGram } from "../features/query-expansion.ts";
import { ancestorColumns, hierarchyMass, IMAGENET_HIERARCHY } from "../features/hierarchy.ts";
import { autoKRange, bestBySilhouette, shuffledColumns, type Partition } from "./auto-k.ts";
import { conceptOf, type Concept } from "./concept.ts";
import { diversify } from "./diversify.ts";
import { DEFAULT_DUPLICATE_THRESHOLD, findDuplicates } from "./duplicates.ts";
import { centredCosineGramInPlace, rawGram } from "./gram.ts";
import { MAX_MEANING_K, meaningPartition, type Spaces } from "./meaning.ts";
import { spectralPartition, spectralSpace } from "./spectral.ts";
import { DEFAULT_RESTARTS } from "./kmeans.ts";
import { centreAndNormalise, clusterMeans } from "./normalize.ts";
import { clusterStats } from "./stats.ts";
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
 * `k`: a number in [1, n] (RangeError otherwise) or "auto" (over `kRange`, default
 * [2, min(12, n - 1)], clamped to that; n < 3 gives one cluster): the k whose silhouette most
 * exceeds that of the same images with each feature shuffled across them (auto-k.ts). For a
 * 64-image request that is [2, 12]: more than 12 groups (about 5 images each) stop being a
 * summary, and the sweep stays under 100 ms at n = 200. Merge-height gaps and the look +
 * meaning silhouette sum were measured too (scripts/eval/autok-lab.ts) and lost.
 * `seed` (default 1): same seed and input give identical output.
 * `restarts` (default 8): k-means++ runs per k, lowest inertia kept.
 * `duplicateThreshold` (default 0.9): cosine on the L2-normalised, uncentred embeddings.
 * `includeCentroids`: attach each cluster's mean in the centred, L2-normalised embedding space.
 * `neighbours` (default 5, 0 turns it off): query expansion of the embeddings before clustering.
 * `meaning` (default true): when `labels` are the 1000 ImageNet classes, let the WordNet
 * hierarchy merge groups that mean the same thing and name groups by concept.
 */
export interface ClusterOptions {
  k: number | "auto";
  seed?: number;
  kRange?: [number, number];
  restarts?: number;
  duplicateThreshold?: number;
  includeCentroids?: boolean;
  neighbours?: number;
  meaning?: boolean;
}

/**
 * One group; `cohesion` and `centroid` live in the centred, L2-normalised space.
 * `concept`: the most specific WordNet node covering most members, when the hierarchy is used.
 */
export interface ClusterSummary extends Summary {
  centroid?: number[];
  concept?: Concept;
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
 * Groups a batch of images by meaning: k-means on the query-expanded cosine Gram of the
 * centred, L2-normalised embeddings, with groups that share a WordNet parent merged when
 * that holds up in both spaces (see meaning.ts); above MAX_MEANING_K groups, k-means in the
 * spectral embedding of the neighbour graph instead (spectral.ts). Named by the members' mean
 * class probabilities and, with the hierarchy, by concept. Pure and deterministic for a seed.
 * `silhouette` is measured in the expanded embedding space that auto k uses.
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
  const lookOf = (g: Float64Array) => (options.neighbours === 0 ? g : expandGram(g, n, options.neighbours));
  const look = lookOf(gram);
  const hierarchy = options.meaning !== false && input.labels.length === IMAGENET_HIERARCHY.classes ? IMAGENET_HIERARCHY : null;
  const mass = hierarchy ? hierarchyMass(input.probabilities, n, hierarchy) : null;
  const ancestors = mass && hierarchy ? ancestorColumns(mass, n, hierarchy) : null;
  const width = hierarchy ? hierarchy.nodes - hierarchy.classes : 0;
  const spaces: Spaces = { look, meaning: ancestors ? centredCosineGramInPlace(rawGram(ancestors, n, width), n) : null };
  const kmeansOptions = { seed: options.seed ?? 1, restarts: options.restarts ?? DEFAULT_RESTARTS };
  let k = options.k === "auto" ? 1 : options.k;
  let kmeansAtK: Int32Array | undefined;
  const range = options.k === "auto" ? autoKRange(n, options.kRange) : null;
  if (range) {
    const reference = lookOf(centredCosineGramInPlace(rawGram(shuffledColumns(input.embeddings, n, d, kmeansOptions.seed), n, d), n));
    ({ k, assignments: kmeansAtK } = bestBySilhouette(look, reference, n, range, kmeansOptions));
  }
  const chosen =
    k > MAX_MEANING_K
      ? spectralPartition(spectralSpace(input.embeddings, n, d), look, n, k, kmeansOptions)
      : meaningPartition(spaces, n, k, kmeansOptions, kmeansAtK);
  const part: Partition = { ...chosen, stats: clusterStats(gram, n, k, chosen.assignments) };
  const { summaries, order } = summarise(gram, n, part, input.probabilities, input.labels);
  const clusters: ClusterSummary[] = summaries;
  if (mass && hierarchy) {
    for (const c of clusters) {
      const concept = conceptOf(c.members, mass, hierarchy);
      if (concept) c.concept = concept;
    }
  }
  if (options.includeCentroids) {
    const means = clusterMeans(centreAndNormalise(input.embeddings, n, d), d, summaries.map((s) => s.members));
    clusters.forEach((c, i) => (c.centroid = means[i]));
  }
  const newIndex = new Map(order.map((old, idx) => [old, idx]));
  return {
    k: clusters.length,
    kChosenBy: options.k === "auto" ? "silhouette" : "given",
    silhouette: chosen.silhouette,
    clusters,
    assignments: Array.from(part.assignments, (a) => newIndex.get(a)!),
    duplicates,
    dominant: clusters[0]?.name ?? null,
    diversified: diversify(clusters.map((c) => c.members), duplicates),
  };
}
