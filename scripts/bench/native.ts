/**
 * onnxruntime-node (native CPU build) on the same prepared model: the speed reference that says
 * how much the wasm build costs. Bench-only; the service never loads it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { MODEL } from "../../src/core/model.ts";

/** A native session that runs a prepared NCHW batch and resolves when outputs are ready. */
export interface NativeRunner {
  readonly threads: string;
  run(pixels: Float32Array, n: number): Promise<void>;
}

/**
 * `threads` = 1 matches the wasm build (one thread, which is all a Worker gets), so the ratio
 * isolates wasm vs native code; `undefined` lets ORT use every core, for context.
 */
export async function nativeRunner(root: string, threads?: number): Promise<NativeRunner> {
  const options: ort.InferenceSession.SessionOptions = { executionProviders: ["cpu"], graphOptimizationLevel: "all" };
  if (threads !== undefined) Object.assign(options, { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: "sequential" });
  const model = new Uint8Array(readFileSync(join(root, "models", MODEL.prepared)));
  const session = await ort.InferenceSession.create(model, options);
  const size = MODEL.input.size;
  return {
    threads: threads === undefined ? "all cores" : `${threads} thread`,
    async run(pixels, n) {
      const input = new ort.Tensor("float32", pixels.subarray(0, n * 3 * size * size), [n, 3, size, size]);
      const out = await session.run({ [MODEL.input.name]: input });
      if (!out[MODEL.outputs.embedding]) throw new Error("native run returned no embedding");
    },
  };
}
