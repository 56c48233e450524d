/**
 * The clustering bench's input: 200 of the bench's 1000 Caltech-101 images (every 5th, so all
 * classes stay represented), with both model outputs clusterImages needs. The k-means cache
 * (bench-out/caltech1000-*.f32) holds embeddings only, so the probabilities come from the eval
 * cache (bench-out/embeddings/caltech101-sub30-*.bin, same files, same core), checked against
 * the k-means cache; without it the 200 images are embedded here with the Node/wasm pipeline.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { concatFloat32 } from "../../src/core/concat.ts";
import { EMBEDDING_DIM, MODEL_ID } from "../../src/core/model.ts";
import type { Embedder } from "../../src/core/onnx-session.ts";
import { embedInputs, imageToInput } from "../../src/core/pipeline.ts";
import { DATA, loadDataset } from "../eval/dataset.ts";
import { cachedSet } from "../eval/embed-cache.ts";
import { selectRows } from "../eval/scoring.ts";
import { caltechFiles } from "./images.ts";
import { caltechEmbeddings } from "./kmeans.ts";

/** Row-major model outputs of n images, and a sentence on where they came from. */
export interface ClusterData {
  n: number;
  d: number;
  embeddings: Float32Array;
  probabilities: Float32Array;
  source: string;
}

const POOL = 1000;
const STEP = 5;
const relative = (file: string) => file.split("caltech101-sub30/")[1]!;

/** Rows of the eval cache for `files`, or null when it is missing, stale or lacks one of them. */
function fromEvalCache(files: string[]): { embeddings: Float32Array; probabilities: Float32Array } | null {
  const set = loadDataset(join(DATA, "caltech101-sub30"));
  const cached = cachedSet(set);
  if (!cached) return null;
  const rowOf = new Map(cached.kept.map((fileIndex, row) => [set.files[fileIndex]!, row]));
  const rows = files.map((f) => rowOf.get(relative(f)));
  if (rows.some((r) => r === undefined)) return null;
  return selectRows({ n: cached.kept.length, ...cached }, rows as number[]);
}

/** Embeds `files` now (batch 8), as the eval does; about 20 s for 200 small JPEGs. */
async function embedNow(files: string[], embedder: Embedder) {
  const inputs = await Promise.all(files.map((f) => imageToInput(new Uint8Array(readFileSync(f)), 1e8)));
  const vectors = await embedInputs(embedder, inputs, 8);
  return {
    embeddings: concatFloat32(vectors.map((v) => v.embedding)),
    probabilities: concatFloat32(vectors.map((v) => v.probabilities)),
  };
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);

/** The 200 images' embeddings and probabilities; `embedder` is only started when something must be computed. */
export async function clusterData(outDir: string, embedder: () => Promise<Embedder>): Promise<ClusterData> {
  const pool = caltechFiles(POOL);
  const pick = pool.map((_, i) => i).filter((i) => i % STEP === 0);
  const files = pick.map((i) => pool[i]!);
  const n = files.length;
  const cached = fromEvalCache(files);
  const outputs = cached ?? (await embedNow(files, await embedder()));
  let source = cached
    ? `rows of the eval cache bench-out/embeddings/caltech101-sub30-${MODEL_ID}.bin (embeddings + probabilities)`
    : "embedded this run with the Node/wasm pipeline (no usable eval cache)";
  if (existsSync(join(outDir, `caltech${POOL}-${MODEL_ID}.json`))) {
    const km = await caltechEmbeddings(outDir, POOL, embedder);
    const ours = new Float32Array(n * EMBEDDING_DIM);
    pick.forEach((p, i) => ours.set(km.raw.subarray(p * EMBEDDING_DIM, (p + 1) * EMBEDDING_DIM), i * EMBEDDING_DIM));
    const diff = maxAbsDiff(ours, outputs.embeddings);
    if (diff > 1e-3) throw new Error(`eval-cache embeddings differ from the k-means cache by up to ${diff}; delete stale caches`);
    source += `; embeddings match the k-means cache bench-out/caltech${POOL}-${MODEL_ID}.f32 rows 0, 5, ..., 995 (max |diff| ${diff.toExponential(1)})`;
  }
  return { n, d: EMBEDDING_DIM, ...outputs, source };
}
