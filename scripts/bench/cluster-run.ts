/**
 * The clustering step as the bench times it, shared verbatim by the bench Worker (workerd) and
 * the Node side, so both contenders run exactly the same call on the same floats: the service's
 * clusterImages with its defaults (neighbour averaging + meaning merge), only k and seed given,
 * as src/services/cluster-sources.ts calls it.
 */
import { clusterImages, type ClusterInput } from "../../src/core/cluster/index.ts";
import { LABELS, NUM_CLASSES } from "../../src/core/model.ts";

/** k as the service accepts it. */
export type ClusterK = number | "auto";

/** Per-run milliseconds by the runtime's own clock, plus a digest of the (deterministic) result. */
export interface ClusterRuns {
  ms: number[];
  digest: string;
}

/** One request body: n x d embeddings, then n x NUM_CLASSES probabilities, as raw Float32 bytes. */
export function packClusterInput(embeddings: Float32Array, probabilities: Float32Array): Uint8Array<ArrayBuffer> {
  const all = new Float32Array(embeddings.length + probabilities.length);
  all.set(embeddings, 0);
  all.set(probabilities, embeddings.length);
  return new Uint8Array(all.buffer);
}

/** Inverse of packClusterInput; d follows from the byte length, so the Worker needs only n. */
export function unpackClusterInput(body: ArrayBuffer, n: number): ClusterInput {
  const all = new Float32Array(body);
  const split = all.length - n * NUM_CLASSES;
  if (n < 1 || split <= 0 || split % n !== 0) throw new RangeError(`body of ${all.length} floats does not fit n = ${n}`);
  return { n, embeddings: all.subarray(0, split), probabilities: all.subarray(split), labels: LABELS };
}

/** Parses "auto" or an integer k. */
export function parseK(text: string | null): ClusterK {
  return text === null || text === "auto" ? "auto" : Number(text);
}

/** Runs clusterImages `reps` times back to back, each timed alone with performance.now(). */
export function timeClustering(input: ClusterInput, k: ClusterK, reps: number): ClusterRuns {
  const ms: number[] = [];
  let digest = "";
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    const result = clusterImages(input, { k, seed: 1 });
    ms.push(performance.now() - t);
    let hash = 0;
    for (const a of result.assignments) hash = (hash * 31 + a) >>> 0;
    digest = `k=${result.k} silhouette=${result.silhouette?.toFixed(4) ?? "null"} assignments#${hash.toString(16)}`;
  }
  return { ms, digest };
}
