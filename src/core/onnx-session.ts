/**
 * The only module that touches onnxruntime-web. It runs the wasm build with one thread, no proxy
 * worker, and a pre-compiled WebAssembly.Module, because workerd forbids compiling wasm from bytes.
 */
import * as ort from "onnxruntime-web/wasm";
import { EMBEDDING_DIM, MODEL, NUM_CLASSES } from "./model.ts";

export interface ModelOutputs {
  /** n x 1280 pooled features, row-major. */
  embeddings: Float32Array;
  /** n x 1000 softmax probabilities, row-major. */
  probabilities: Float32Array;
}

export interface Embedder {
  /** Runs the model on n preprocessed images (NCHW float32, n*3*size*size). */
  run(pixels: Float32Array, n: number): Promise<ModelOutputs>;
  /** Number of model runs so far in this isolate; lets tests prove a cache hit ran no inference. */
  readonly images: number;
}

let created: Promise<ort.InferenceSession> | undefined;

/**
 * Creates the inference session once per isolate (about 0.5-1.3 s) and reuses it afterwards.
 * `ortWasm` is onnxruntime-web's `ort-wasm-simd-threaded.wasm`, already compiled.
 */
export function getSession(model: Uint8Array, ortWasm: WebAssembly.Module): Promise<ort.InferenceSession> {
  created ??= createSession(model, ortWasm).catch((error: unknown) => {
    created = undefined;
    throw error;
  });
  return created;
}

async function createSession(model: Uint8Array, ortWasm: WebAssembly.Module) {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmBinary = new Uint8Array(8);
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (async (_bytes: unknown, imports?: WebAssembly.Imports) => {
    const instance = new WebAssembly.Instance(ortWasm, imports);
    return { instance, module: ortWasm };
  }) as unknown as typeof WebAssembly.instantiate;
  try {
    return await ort.InferenceSession.create(model, { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
  } finally {
    WebAssembly.instantiate = instantiate;
  }
}

function softmaxRows(logits: Float32Array, n: number, width: number): Float32Array {
  const out = new Float32Array(logits.length);
  for (let i = 0; i < n; i++) {
    const row = logits.subarray(i * width, (i + 1) * width);
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    let sum = 0;
    for (let j = 0; j < width; j++) sum += out[i * width + j] = Math.exp(row[j]! - max);
    for (let j = 0; j < width; j++) out[i * width + j]! /= sum;
  }
  return out;
}

/** Wraps a session as an Embedder that returns embeddings and class probabilities. */
export function createEmbedder(session: ort.InferenceSession): Embedder {
  let images = 0;
  const size = MODEL.input.size;
  return {
    get images() {
      return images;
    },
    async run(pixels, n) {
      const input = new ort.Tensor("float32", pixels, [n, 3, size, size]);
      const result = await session.run({ [MODEL.input.name]: input });
      images += n;
      const embedding = result[MODEL.outputs.embedding]!.data as Float32Array;
      const logits = result[MODEL.outputs.logits]!.data as Float32Array;
      if (embedding.length !== n * EMBEDDING_DIM || logits.length !== n * NUM_CLASSES) {
        throw new Error(`model returned ${embedding.length}/${logits.length} values for ${n} images`);
      }
      return { embeddings: new Float32Array(embedding), probabilities: softmaxRows(logits, n, NUM_CLASSES) };
    },
  };
}
