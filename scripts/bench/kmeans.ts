/**
 * k-means on realistic data: MobileNetV2 embeddings of 1000 Caltech-101 images (computed once
 * with the Node/wasm pipeline, cached in bench-out/), centred and L2-normalised as the service
 * does. Compares our Gram-matrix k-means with ml-kmeans, inertia scored by one shared function.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { kmeans as mlKmeans } from "ml-kmeans";
import { centredCosineGramInPlace, rawGram } from "../../src/core/cluster/gram.ts";
import { kmeansGram } from "../../src/core/cluster/kmeans.ts";
import { centreAndNormalise } from "../../src/core/cluster/normalize.ts";
import { EMBEDDING_DIM, MODEL_ID } from "../../src/core/model.ts";
import type { Embedder } from "../../src/core/onnx-session.ts";
import { embedInputs, imageToInput } from "../../src/core/pipeline.ts";
import { caltechFiles } from "./images.ts";

/** Raw embeddings (n x d, row-major) plus whether they came from the cache. */
export interface Embeddings {
  n: number;
  d: number;
  raw: Float32Array;
  cached: boolean;
}

/** Loads the cached embeddings, or computes and caches them (about a minute on 2 cores). */
export async function caltechEmbeddings(outDir: string, n: number, embedder: () => Promise<Embedder>): Promise<Embeddings> {
  const files = caltechFiles(n);
  const base = join(outDir, `caltech${n}-${MODEL_ID}`);
  const meta = JSON.stringify({ model: MODEL_ID, d: EMBEDDING_DIM, files: files.map((f) => f.split("/images/")[1]) });
  if (existsSync(`${base}.json`) && readFileSync(`${base}.json`, "utf8") === meta) {
    const buf = readFileSync(`${base}.f32`);
    return { n, d: EMBEDDING_DIM, raw: new Float32Array(buf.buffer, buf.byteOffset, n * EMBEDDING_DIM), cached: true };
  }
  const e = await embedder();
  const raw = new Float32Array(n * EMBEDDING_DIM);
  for (let start = 0; start < n; start += 64) {
    const inputs = await Promise.all(files.slice(start, start + 64).map((f) => imageToInput(new Uint8Array(readFileSync(f)), 1e8)));
    (await embedInputs(e, inputs, 8)).forEach((v, i) => raw.set(v.embedding, (start + i) * EMBEDDING_DIM));
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${base}.f32`, new Uint8Array(raw.buffer));
  writeFileSync(`${base}.json`, meta);
  return { n, d: EMBEDDING_DIM, raw, cached: false };
}

/** Sum of squared distances to the mean of each assigned cluster, in float64 over `x`. */
export function inertia(x: Float32Array, n: number, d: number, k: number, assignments: ArrayLike<number>): number {
  const sums = new Float64Array(k * d);
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = assignments[i]!;
    sizes[c]!++;
    for (let t = 0; t < d; t++) sums[c * d + t]! += x[i * d + t]!;
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = assignments[i]!;
    for (let t = 0; t < d; t++) total += (x[i * d + t]! - sums[c * d + t]! / sizes[c]!) ** 2;
  }
  return total;
}

/** One clustering run: result plus its own split timings. */
export interface RunResult {
  ms: number;
  inertia: number;
  iterations: number;
}

/** The contenders, each a function of k that times itself with Node's clock. */
export function kmeansContenders(e: Embeddings) {
  const { n, d, raw } = e;
  const x = centreAndNormalise(raw, n, d);
  const rows = Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * d, (i + 1) * d)));
  let gram: Float64Array | undefined;
  const timed = <T>(fn: () => T): [T, number] => {
    const t = performance.now();
    const out = fn();
    return [out, performance.now() - t];
  };
  return {
    /** What the service pays once per request, before any k: raw Gram, then centred cosine in place. */
    gram(): number {
      const [g, ms] = timed(() => centredCosineGramInPlace(rawGram(raw, n, d), n));
      gram = g;
      return ms;
    },
    ours(k: number, restarts?: number): RunResult {
      gram ??= centredCosineGramInPlace(rawGram(raw, n, d), n);
      const [res, ms] = timed(() => kmeansGram(gram!, n, k, restarts === undefined ? {} : { restarts }));
      return { ms, inertia: inertia(x, n, d, k, res.assignments), iterations: res.iterations };
    },
    ml(k: number): RunResult {
      const [res, ms] = timed(() => mlKmeans(rows, k, { seed: 1 }));
      return { ms, inertia: inertia(x, n, d, k, res.clusters), iterations: res.iterations };
    },
  };
}
