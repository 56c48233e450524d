/**
 * Embeds a whole set with the Worker's own core (imageToInput + embedInputs, batch 8) once,
 * and caches the vectors in bench-out/embeddings/ so re-scoring after a clustering change
 * takes seconds instead of minutes. The file name holds MODEL_ID and the meta file the exact
 * file list, so a model or data change never serves stale vectors.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EMBEDDING_DIM, MODEL_ID, NUM_CLASSES } from "../../src/core/model.ts";
import type { Embedder } from "../../src/core/onnx-session.ts";
import { embedInputs, imageToInput } from "../../src/core/pipeline.ts";
import { ROOT } from "../lib/node-runtime.ts";
import type { Dataset } from "./dataset.ts";

/** The Worker's default MAX_PIXELS (src/config.ts), so the eval rejects what production rejects. */
const MAX_PIXELS = 12_000_000;
const BATCH = 8;
const PROGRESS_EVERY = 200;
const CACHE_DIR = join(ROOT, "bench-out/embeddings");

/** Row-major vectors of the images that decoded; `kept` maps each row to its dataset index. */
export interface EmbeddedSet {
  kept: number[];
  failed: { file: string; error: string }[];
  embeddings: Float32Array;
  probabilities: Float32Array;
  cached: boolean;
  ms: number;
}

interface CacheMeta {
  model: string;
  dims: [number, number];
  files: string[];
  kept: number[];
  failed: { file: string; error: string }[];
}

const log = (msg: string) => console.error(`[eval] ${msg}`);

/** Cached vectors when the meta matches this model and file list; otherwise embeds and writes the cache. */
export async function embedDataset(set: Dataset, embedder: () => Promise<Embedder>): Promise<EmbeddedSet> {
  const base = cacheBase(set);
  const started = performance.now();
  const cached = readCache(base, set.files);
  if (cached) return { ...cached, cached: true, ms: performance.now() - started };
  const e = await embedder();
  const width = EMBEDDING_DIM + NUM_CLASSES;
  const rows = new Float32Array(set.files.length * width);
  const kept: number[] = [];
  const failed: CacheMeta["failed"] = [];
  log(`${set.name}: embedding ${set.files.length} images (batch ${BATCH})`);
  for (let start = 0; start < set.files.length; start += BATCH) {
    const inputs: Float32Array[] = [];
    const idx: number[] = [];
    for (let i = start; i < Math.min(start + BATCH, set.files.length); i++) {
      try {
        inputs.push(await imageToInput(new Uint8Array(readFileSync(join(set.dir, set.files[i]!))), MAX_PIXELS));
        idx.push(i);
      } catch (error) {
        failed.push({ file: set.files[i]!, error: error instanceof Error ? error.message : String(error) });
        log(`${set.name}: skipped ${set.files[i]}: ${failed.at(-1)!.error}`);
      }
    }
    (await embedInputs(e, inputs, BATCH)).forEach((v, j) => {
      rows.set(v.embedding, kept.length * width);
      rows.set(v.probabilities, kept.length * width + EMBEDDING_DIM);
      kept.push(idx[j]!);
    });
    const done = Math.min(start + BATCH, set.files.length);
    if (Math.floor(done / PROGRESS_EVERY) > Math.floor(start / PROGRESS_EVERY) || done === set.files.length) {
      log(`${set.name}: ${done}/${set.files.length} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  }
  const used = rows.subarray(0, kept.length * width);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(`${base}.bin`, new Uint8Array(used.buffer, used.byteOffset, used.byteLength));
  const meta: CacheMeta = { model: MODEL_ID, dims: [EMBEDDING_DIM, NUM_CLASSES], files: set.files, kept, failed };
  writeFileSync(`${base}.json`, JSON.stringify(meta));
  return { ...split(used, kept.length), kept, failed, cached: false, ms: performance.now() - started };
}

const cacheBase = (set: Dataset) => join(CACHE_DIR, `${set.name}-${MODEL_ID}`);

/** The set's cached vectors without embedding anything: null when there is no cache for this model and file list. */
export const cachedSet = (set: Dataset) => readCache(cacheBase(set), set.files);

function readCache(base: string, files: string[]) {
  if (!existsSync(`${base}.json`) || !existsSync(`${base}.bin`)) return null;
  const meta = JSON.parse(readFileSync(`${base}.json`, "utf8")) as CacheMeta;
  const same = meta.model === MODEL_ID && meta.dims[0] === EMBEDDING_DIM && meta.dims[1] === NUM_CLASSES;
  if (!same || meta.files.length !== files.length || meta.files.some((f, i) => f !== files[i])) return null;
  const buf = readFileSync(`${base}.bin`);
  if (buf.byteLength !== meta.kept.length * (EMBEDDING_DIM + NUM_CLASSES) * 4) return null;
  const rows = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  for (const f of meta.failed) log(`skipped ${f.file} (cached failure): ${f.error}`);
  return { ...split(rows, meta.kept.length), kept: meta.kept, failed: meta.failed };
}

function split(rows: Float32Array, n: number) {
  const width = EMBEDDING_DIM + NUM_CLASSES;
  const embeddings = new Float32Array(n * EMBEDDING_DIM);
  const probabilities = new Float32Array(n * NUM_CLASSES);
  for (let i = 0; i < n; i++) {
    embeddings.set(rows.subarray(i * width, i * width + EMBEDDING_DIM), i * EMBEDDING_DIM);
    probabilities.set(rows.subarray(i * width + EMBEDDING_DIM, (i + 1) * width), i * NUM_CLASSES);
  }
  return { embeddings, probabilities };
}
